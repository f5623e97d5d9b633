/// How many ratings fall on each step of a scale (ten equal bins on a continuous one): the one
/// histogram behind `inspect`, the explorer's data panel and its selected-movie panel.
public struct RatingHistogram: Sendable, Equatable {
    /// Each bin's rating (its lower edge on a continuous scale) and count, from the scale's low end
    /// to its high end, empty bins included.
    public let bins: [(rating: Float, count: Int)]

    public init(_ values: some Sequence<Float>, scale: RatingScale) {
        let span = scale.max - scale.min
        let continuous = scale.step <= 0
        let count = continuous ? 10 : Int((span / scale.step).rounded()) + 1
        let width = continuous ? Swift.max(span / 10, .ulpOfOne) : scale.step
        var counts = [Int](repeating: 0, count: Swift.max(1, count))
        for v in values {
            let b = continuous ? Int((v - scale.min) / width) : Int(((v - scale.min) / width).rounded())
            counts[Swift.max(0, Swift.min(counts.count - 1, b))] += 1
        }
        bins = counts.enumerated().map { (scale.min + Float($0.offset) * width, $0.element) }
    }

    /// The bins that hold a rating.
    public var populated: [(rating: Float, count: Int)] { bins.filter { $0.count > 0 } }

    public static func == (a: RatingHistogram, b: RatingHistogram) -> Bool {
        a.bins.map(\.rating) == b.bins.map(\.rating) && a.bins.map(\.count) == b.bins.map(\.count)
    }
}
