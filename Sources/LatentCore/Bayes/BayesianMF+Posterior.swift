import Foundation

extension BayesianMF {
    /// One kept sample, thinned (`Settings.keepEvery`): what a prediction needs, each row's bias
    /// and effective factors (the implicit terms folded in).
    public struct Sample: Sendable, Equatable {
        var userBias: [Double], itemBias: [Double]
        var users: [Double], items: [Double]
    }

    /// Keeps this sweep's sample when it is one to keep.
    func keepSampleIfDue() {
        guard sweep > burnInEnds, (sweep - burnInEnds - 1) % keepStride == 0 else { return }
        let d = k + 1
        samples.append(Sample(userBias: stride(from: 0, to: userRows.count, by: d).map { userRows[$0] },
                              itemBias: stride(from: 0, to: itemRows.count, by: d).map { itemRows[$0] },
                              users: effectiveUsers(), items: effectiveItems()))
        if let most = settings.keepAtMost, samples.count > max(1, most) {
            // Every other one goes (the first stays): the rest are evenly spaced at twice the stride.
            samples = samples.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
            keepStride *= 2
        }
    }

    /// The posterior mean and spread (standard deviation across the kept samples) of a
    /// prediction, clipped to the rating scale as every prediction is; nil before any sample is kept.
    public func posterior(user u: Int, item m: Int) -> (mean: Double, spread: Double)? {
        guard !samples.isEmpty, u >= 0, u < userCount, m >= 0, m < itemCount else { return nil }
        var sum = 0.0, squares = 0.0
        for s in samples {
            var p = mu + s.userBias[u] + s.itemBias[m]
            for f in 0..<k { p += s.users[u * k + f] * s.items[m * k + f] }
            p = clip(p)
            sum += p
            squares += p * p
        }
        let n = Double(samples.count), mean = sum / n
        return (mean, max(0, squares / n - mean * mean).squareRoot())
    }
}
