import Foundation
import LatentCore

/// What a step did to the watched cell's prediction, in words that never claim a move nobody
/// can see: the two values with as many decimals as it takes to tell them apart (up to six),
/// the change, and "toward 4" or "away from 4" only when the prediction changed.
struct StepChange: Equatable {
    let before: Float
    let after: Float
    let actual: Float?

    enum Verdict: Equatable { case toward, away, unchanged, moved }

    /// Decimals that tell the two apart (3 to 6); nil when even six do not.
    var decimals: Int? {
        (3...6).first { d in
            let scale = pow(10, Float(d))
            return (before * scale).rounded() != (after * scale).rounded()
        }
    }

    var verdict: Verdict {
        guard decimals != nil else { return .unchanged }
        guard let actual else { return .moved }
        return abs(after - actual) < abs(before - actual) ? .toward : .away
    }

    /// `3.41012 → 3.41058`, or `2.746 → 2.746` when unchanged.
    var values: String {
        let d = decimals ?? 3
        return String(format: "%.\(d)f → %.\(d)f", before, after)
    }

    /// `+0.00046`, in the decimals that show it.
    var delta: String {
        let d = decimals ?? 3
        return String(format: "%+.\(d)f", after - before)
    }

    /// ` toward 4`, ` away from 4`, `: unchanged at this learning rate`.
    var words: String {
        switch verdict {
        case .toward: return " toward \(formatRating(actual ?? 0))"
        case .away: return " away from \(formatRating(actual ?? 0))"
        case .unchanged: return ": unchanged at this learning rate"
        case .moved: return ""
        }
    }
}
