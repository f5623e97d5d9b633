/// The range and granularity of a data set's ratings (1–5 stars, 0.5–5 in half stars, ...).
public struct RatingScale: Sendable, Equatable, Codable {
    public var min: Float
    public var max: Float
    /// The smallest step between ratings: 1 for whole stars, 0.5 for half stars, 0 when continuous.
    public var step: Float

    public init(min: Float, max: Float, step: Float) {
        self.min = min; self.max = max; self.step = step
    }

    /// The book's `y_range` for this scale: a little room above the top rating, because a
    /// sigmoid only reaches its ends asymptotically (0–5.5 for 1–5 stars).
    public var yRange: ClosedRange<Float> {
        if min >= 0 { return 0...(max * 1.1) }
        let margin = (max - min) * 0.05
        return (min - margin)...(max + margin)
    }

    /// A prediction clipped into the scale, not rounded: what a person is shown (Surprise clips the
    /// same way). The model's loss and validation use the raw prediction.
    public func clip(_ prediction: Float) -> Float {
        guard prediction.isFinite else { return prediction }
        return Swift.min(Swift.max(prediction, min), max)
    }

    public var range: ClosedRange<Float> { min...Swift.max(min, max) }

    /// Rounds a value onto the scale (used when a person enters a rating).
    public func clamp(_ value: Float) -> Float {
        var v = Swift.min(Swift.max(value, min), max)
        if step > 0 { v = (v / step).rounded() * step }
        return v
    }
}

/// Tracks min, max and granularity while ratings stream in.
struct ScaleTracker: Sendable {
    var lo = Float.infinity
    var hi = -Float.infinity
    var allWhole = true
    var allHalves = true

    @inline(__always)
    mutating func add(_ v: Float) {
        if v < lo { lo = v }
        if v > hi { hi = v }
        if allWhole && v != v.rounded() { allWhole = false }
        if allHalves && !allWhole && (v * 2) != (v * 2).rounded() { allHalves = false }
    }

    /// Takes in what another tracker saw (a piece of the file read on another thread).
    mutating func merge(_ other: ScaleTracker) {
        lo = Swift.min(lo, other.lo)
        hi = Swift.max(hi, other.hi)
        allWhole = allWhole && other.allWhole
        // Each tracker's `allHalves` holds for all it saw: whole values are halves too.
        allHalves = allHalves && other.allHalves
    }

    var scale: RatingScale {
        guard lo <= hi else { return RatingScale(min: 1, max: 5, step: 1) }
        return RatingScale(min: lo, max: hi, step: allWhole ? 1 : (allHalves ? 0.5 : 0))
    }
}
