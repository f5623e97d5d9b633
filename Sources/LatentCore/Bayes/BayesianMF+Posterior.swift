import Foundation

extension BayesianMF {
    /// One kept sample, thinned (`Settings.keepEvery`): what a prediction needs, each row's bias
    /// and effective factors (the implicit terms folded in).
    public struct Sample: Sendable, Equatable {
        var userBias: [Double], itemBias: [Double]
        var users: [Double], items: [Double]
        /// What a new user's row is drawn from in this sample: the users' prior and the noise precision.
        var userPriorMean: [Double], userPriorPrecision: [Double]
        var noisePrecision: Double
    }

    /// Keeps this sweep's sample when it is one to keep.
    func keepSampleIfDue() {
        guard sweep > burnInEnds, (sweep - burnInEnds - 1) % keepStride == 0 else { return }
        let d = k + 1
        samples.append(Sample(userBias: stride(from: 0, to: userRows.count, by: d).map { userRows[$0] },
                              itemBias: stride(from: 0, to: itemRows.count, by: d).map { itemRows[$0] },
                              users: effectiveUsers(), items: effectiveItems(),
                              userPriorMean: userPrior.mean, userPriorPrecision: userPrior.precision, noisePrecision: noisePrecision))
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

    /// A person outside the chain, folded in under each kept sample: their `[bias, factors]` row
    /// drawn from its conditional given that sample's movies, prior and noise. Their posterior
    /// then follows their ratings at once, without waiting for sweeps (nil before any sample is kept).
    public func foldIn(_ ratings: [(item: Int, value: Float)]) -> FoldedPerson? {
        guard !samples.isEmpty else { return nil }
        let d = k + 1, k = k
        let known = ratings.filter { $0.item >= 0 && $0.item < itemCount }
        var rows: [[Double]] = []
        for (i, s) in samples.enumerated() {
            var lambda = [Double](repeating: 0, count: d * d), b = [Double](repeating: 0, count: d)
            for j in 0..<d {
                lambda[j * d + j] = s.userPriorPrecision[j]
                b[j] = s.userPriorPrecision[j] * s.userPriorMean[j]
            }
            var x = [Double](repeating: 1, count: d)
            for r in known {
                for f in 0..<k { x[1 + f] = s.items[r.item * k + f] }
                Self.accumulate(&lambda, &b, x, Double(r.value) - mu - s.itemBias[r.item], s.noisePrecision, d)
            }
            var rng = GaussianDraw.stream(seed: settings.seed, sweep: i, side: 50, row: 0)
            rows.append(GaussianDraw.sample(precision: &lambda, b, d, &rng))
        }
        return FoldedPerson(rows: rows)
    }

    /// The folded-in person's posterior mean and spread for movie `m`, clipped as every prediction is.
    public func posterior(of person: FoldedPerson, item m: Int) -> (mean: Double, spread: Double)? {
        guard m >= 0, m < itemCount, person.rows.count == samples.count, !samples.isEmpty else { return nil }
        var sum = 0.0, squares = 0.0
        for (row, s) in zip(person.rows, samples) {
            var p = mu + row[0] + s.itemBias[m]
            for f in 0..<k { p += row[1 + f] * s.items[m * k + f] }
            p = clip(p)
            sum += p
            squares += p * p
        }
        let n = Double(samples.count), mean = sum / n
        return (mean, max(0, squares / n - mean * mean).squareRoot())
    }
}

/// A person folded into a sampled model: one row per kept sample (`BayesianMF.foldIn`).
public struct FoldedPerson: Sendable, Equatable {
    public let rows: [[Double]]
}
