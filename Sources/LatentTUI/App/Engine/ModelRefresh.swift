/// Which model a view of it was computed from: a rebuild or any step makes a new one.
struct ModelVersion: Equatable {
    var generation: Int
    var step: Int
}

/// One rule for everything computed from the model (the person's fold-in, the map, the
/// neighbours, the biases, the ranking): recompute at once when what is asked for changed, and
/// when the model changed, at once while training is paused but at most every `interval` while
/// it runs (the model changes at every step).
struct ModelRefresh<Request: Equatable> {
    let interval: UInt64
    private var built: (version: ModelVersion, request: Request)?
    private var at: UInt64 = 0

    init(every interval: UInt64) { self.interval = interval }

    func due(_ version: ModelVersion, _ request: Request, running: Bool, now: UInt64) -> Bool {
        guard let built else { return true }
        if built.request != request { return true }
        return built.version != version && (!running || now &- at >= interval)
    }

    mutating func done(_ version: ModelVersion, _ request: Request, now: UInt64) {
        built = (version, request)
        at = now
    }

    /// A new model: compute at the next look, whatever the clock says.
    mutating func forget() { built = nil }
}

