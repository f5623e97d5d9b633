import Foundation

/// The samples a Gibbs chain kept whole, and what they answer: any prediction's posterior mean
/// and spread, and a new person's posterior from their ratings (folded in under each sample).
/// The sampler keeps one as it goes; a saved bayes model carries one (`ModelFile` version 4).
public struct PosteriorSamples: Sendable, Equatable {
    /// One kept sample: what a prediction needs, each row's bias and effective factors (the
    /// implicit terms folded in), and what a new user's row is drawn from in it.
    public struct Sample: Sendable, Equatable {
        var userBias: [Double], itemBias: [Double]
        var users: [Double], items: [Double]
        var userPriorMean: [Double], userPriorPrecision: [Double]
        var noisePrecision: Double
    }

    public let factors: Int
    public let userCount: Int, itemCount: Int
    /// The training mean every prediction starts from, and the scale each is clipped to.
    let mu: Double
    let scale: RatingScale
    /// Seeds the fold-in's draws (the same person gets the same posterior).
    let seed: UInt64
    public internal(set) var samples: [Sample]

    public var count: Int { samples.count }

    /// The posterior mean and spread (standard deviation across the samples) of a prediction,
    /// each sample's clipped to the rating scale as every prediction is; nil without samples.
    public func posterior(user u: Int, item m: Int) -> (mean: Double, spread: Double)? {
        guard !samples.isEmpty, u >= 0, u < userCount, m >= 0, m < itemCount else { return nil }
        let k = factors
        return moments { s in
            var p = mu + s.userBias[u] + s.itemBias[m]
            for f in 0..<k { p += s.users[u * k + f] * s.items[m * k + f] }
            return p
        }
    }

    /// A person outside the chain, folded in under each sample: their `[bias, factors]` row drawn
    /// from its conditional given that sample's movies, users' prior and noise. Their posterior
    /// then follows their ratings at once, without waiting for sweeps (nil without samples).
    public func foldIn(_ ratings: [(item: Int, value: Float)]) -> FoldedPerson? {
        guard !samples.isEmpty else { return nil }
        let k = factors, d = k + 1
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
                BayesianMF.accumulate(&lambda, &b, x, Double(r.value) - mu - s.itemBias[r.item], s.noisePrecision, d)
            }
            var rng = GaussianDraw.stream(seed: seed, sweep: i, side: 50, row: 0)
            rows.append(GaussianDraw.sample(precision: &lambda, b, d, &rng))
        }
        return FoldedPerson(rows: rows)
    }

    /// The folded-in person's posterior mean and spread for movie `m`.
    public func posterior(of person: FoldedPerson, item m: Int) -> (mean: Double, spread: Double)? {
        guard m >= 0, m < itemCount, person.rows.count == samples.count, !samples.isEmpty else { return nil }
        let k = factors
        var i = 0
        return moments { s in
            let row = person.rows[i]
            i += 1
            var p = mu + row[0] + s.itemBias[m]
            for f in 0..<k { p += row[1 + f] * s.items[m * k + f] }
            return p
        }
    }

    /// Mean and standard deviation over the samples of a prediction, each clipped.
    private func moments(_ predict: (Sample) -> Double) -> (mean: Double, spread: Double) {
        var sum = 0.0, squares = 0.0
        for s in samples {
            let p = min(Double(scale.max), max(Double(scale.min), predict(s)))
            sum += p
            squares += p * p
        }
        let n = Double(samples.count), mean = sum / n
        return (mean, max(0, squares / n - mean * mean).squareRoot())
    }

    // MARK: Flat form (a model file's sections)

    /// Floats in one sample's section: biases, factors, the users' prior, the noise precision.
    static func sectionLength(users: Int, items: Int, factors k: Int) -> Int { (users + items) * (k + 1) + 2 * (k + 1) + 1 }

    /// Each sample as one section of floats, keeping the first `users` users (the explorer's person is not saved).
    public func flattened(users: Int) -> [[Float]] {
        let k = factors, u = min(users, userCount)
        return samples.map { s in
            var out: [Float] = []
            out.reserveCapacity(Self.sectionLength(users: u, items: itemCount, factors: k))
            out += s.userBias.prefix(u).map(Float.init)
            out += s.itemBias.map(Float.init)
            out += s.users.prefix(u * k).map(Float.init)
            out += s.items.map(Float.init)
            out += s.userPriorMean.map(Float.init) + s.userPriorPrecision.map(Float.init)
            out.append(Float(s.noisePrecision))
            return out
        }
    }

    /// Read back from `flattened`'s sections; nil when a length disagrees.
    public init?(sections: [[Float]], users: Int, items: Int, factors k: Int, mu: Float, scale: RatingScale, seed: UInt64) {
        let length = Self.sectionLength(users: users, items: items, factors: k)
        guard k >= 1, !sections.isEmpty, sections.allSatisfy({ $0.count == length }) else { return nil }
        factors = k; userCount = users; itemCount = items; self.mu = Double(mu); self.scale = scale; self.seed = seed
        samples = sections.map { v in
            var at = 0
            func take(_ n: Int) -> [Double] {
                defer { at += n }
                return v[at..<(at + n)].map(Double.init)
            }
            return Sample(userBias: take(users), itemBias: take(items), users: take(users * k), items: take(items * k),
                          userPriorMean: take(k + 1), userPriorPrecision: take(k + 1), noisePrecision: take(1)[0])
        }
    }

    init(factors: Int, userCount: Int, itemCount: Int, mu: Double, scale: RatingScale, seed: UInt64, samples: [Sample]) {
        self.factors = factors; self.userCount = userCount; self.itemCount = itemCount
        self.mu = mu; self.scale = scale; self.seed = seed; self.samples = samples
    }
}

/// A person folded into a sampled model: one row per kept sample (`PosteriorSamples.foldIn`).
public struct FoldedPerson: Sendable, Equatable {
    public let rows: [[Double]]
}
