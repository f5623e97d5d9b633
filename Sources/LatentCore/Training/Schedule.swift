import Foundation

/// How the learning rate and the momentum change over a run.
public enum ScheduleKind: String, Sendable, Codable, CaseIterable {
    /// fastai's `fit_one_cycle`: warm up then anneal (cosine), momentum cycled the other way.
    case oneCycle = "one-cycle"
    /// The same learning rate and momentum throughout.
    case constant
}

/// Learning rate and momentum as a function of the position in the run (0 at the start, 1 at the end).
public struct Schedule: Sendable, Equatable {
    public var kind: ScheduleKind
    public var maxLearningRate: Float
    /// Momentum (Adam's β₁) at the start, the middle and the end of the cycle: fastai's (0.95, 0.85, 0.95).
    public var moms: (Float, Float, Float)
    public var pctStart: Double
    public var divStart: Float
    public var divFinal: Float

    public init(kind: ScheduleKind, maxLearningRate: Float, moms: (Float, Float, Float) = (0.95, 0.85, 0.95),
                pctStart: Double = 0.25, divStart: Float = 25, divFinal: Float = 1e5) {
        self.kind = kind; self.maxLearningRate = maxLearningRate; self.moms = moms
        self.pctStart = pctStart; self.divStart = divStart; self.divFinal = divFinal
    }

    public static func == (a: Schedule, b: Schedule) -> Bool {
        a.kind == b.kind && a.maxLearningRate == b.maxLearningRate && a.moms == b.moms
            && a.pctStart == b.pctStart && a.divStart == b.divStart && a.divFinal == b.divFinal
    }

    /// fastai's `SchedCos`: from `start` to `end` along half a cosine.
    static func cosine(_ start: Float, _ end: Float, _ pos: Double) -> Float {
        start + Float((1 + cos(Double.pi * (1 - pos))) / 2) * (end - start)
    }

    /// fastai's `combined_cos`: `start → middle` over the first `pctStart`, then `middle → end`.
    func combined(_ start: Float, _ middle: Float, _ end: Float, _ pos: Double) -> Float {
        let p = min(max(pos, 0), 1)
        if p < pctStart { return Self.cosine(start, middle, p / pctStart) }
        return Self.cosine(middle, end, (p - pctStart) / (1 - pctStart))
    }

    public func learningRate(at pos: Double) -> Float {
        switch kind {
        case .constant: return maxLearningRate
        case .oneCycle: return combined(maxLearningRate / divStart, maxLearningRate, maxLearningRate / divFinal, pos)
        }
    }

    public func momentum(at pos: Double) -> Float {
        switch kind {
        case .constant: return moms.0
        case .oneCycle: return combined(moms.0, moms.1, moms.2, pos)
        }
    }
}
