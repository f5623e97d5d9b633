import Dispatch

/// When the engine trains: running or paused, at which speed, up to which epoch, and when a
/// validation is due. It decides; it never touches the model.
struct Pacer {
    private(set) var speed = Speed.hundred
    private(set) var running = false
    /// `S`: run until this many epochs are complete, then pause.
    private(set) var epochTarget: Int?
    private var nextStepDue: UInt64 = 0

    /// How long one call of the engine's `work()` trains before it looks at the command inbox
    /// again (flat out, that is a few slices of `EnginePolicy.SliceSize.target` each).
    static let workNanos: UInt64 = 20_000_000
    /// Behind schedule by more than this, the pacer forgets the backlog instead of racing to catch up.
    static let maxBacklogNanos: UInt64 = 250_000_000

    mutating func setSpeed(_ s: Speed) {
        speed = s
        nextStepDue = 0
    }

    mutating func start() {
        running = true
        nextStepDue = 0
    }

    mutating func pause() {
        running = false
        epochTarget = nil
    }

    /// Run to the end of epoch `target` (counted in completed epochs), as fast as possible.
    mutating func runUntil(epoch target: Int) {
        epochTarget = target
        running = true
    }

    /// Whether this slice trains as fast as it can (flat out, or finishing an epoch for `S`).
    var flatOut: Bool { speed == .max || epochTarget != nil }

    /// Whether the next step is due at `now` (paced speeds), advancing the schedule when it is.
    mutating func takeStep(now: UInt64) -> Bool {
        guard running else { return false }
        if flatOut { return true }
        let interval = 1_000_000_000 / UInt64(max(1, speed.rawValue))
        if nextStepDue == 0 || now > nextStepDue + Self.maxBacklogNanos { nextStepDue = now }
        guard now >= nextStepDue else { return false }
        nextStepDue += interval
        return true
    }

    /// Seconds until the next step is due (0: at once; nil: paused, wait for a command).
    func wait(now: UInt64) -> Double? {
        guard running else { return nil }
        if flatOut || nextStepDue <= now { return 0 }
        return Double(nextStepDue - now) / 1e9
    }

    /// Whether the epoch target `S` asked for is reached at this count (the engine's state then
    /// pauses, `EngineState.epochDone`).
    func stopsAt(completedEpochs: Int) -> Bool {
        epochTarget.map { completedEpochs >= $0 } ?? false
    }

    /// Steps between two quick validations: a twentieth of an epoch, at least 25 (a full one at
    /// epoch ends; `EnginePolicy.crossesValidation`).
    static func validationInterval(stepsPerEpoch: Int) -> Int { max(25, stepsPerEpoch / 20) }
}
