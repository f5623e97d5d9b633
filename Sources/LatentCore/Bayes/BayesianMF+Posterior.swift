import Foundation

extension BayesianMF {
    public typealias Sample = PosteriorSamples.Sample

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

    /// The kept samples and what they answer (the array is shared, not copied).
    public var posteriorSamples: PosteriorSamples {
        PosteriorSamples(factors: k, userCount: userCount, itemCount: itemCount, mu: mu, scale: scale, seed: settings.seed, samples: samples)
    }

    /// The posterior mean and spread of a prediction (`PosteriorSamples.posterior`); nil before any sample is kept.
    public func posterior(user u: Int, item m: Int) -> (mean: Double, spread: Double)? {
        posteriorSamples.posterior(user: u, item: m)
    }

    /// A person outside the chain, folded in under each kept sample (`PosteriorSamples.foldIn`).
    public func foldIn(_ ratings: [(item: Int, value: Float)]) -> FoldedPerson? { posteriorSamples.foldIn(ratings) }

    public func posterior(of person: FoldedPerson, item m: Int) -> (mean: Double, spread: Double)? {
        posteriorSamples.posterior(of: person, item: m)
    }
}
