/// The collaborative-filtering model of chapter 8 of *Deep Learning for Coders*:
///
///     r̂(u, m) = lo + (hi − lo) · σ(U[u] · M[m] + bᵤ[u] + bₘ[m])
///
/// or, without `y_range`, Surprise's SVD `r̂ = μ + bᵤ + bₘ + U[u] · M[m]`.
/// The model owns its parameter tables and is not thread-safe: one training queue owns it.
public final class DotProductBias {
    public let config: ModelConfig
    public let userFactors: Embedding
    public let itemFactors: Embedding
    public let userBias: Embedding
    public let itemBias: Embedding
    /// The training mean, added to the score when there is no sigmoid (set again when a saved model is loaded).
    public internal(set) var globalMean: Float

    public init(users: Int, items: Int, config: ModelConfig, globalMean: Float = 0) {
        self.config = config
        userFactors = Embedding(rows: users, dim: config.factors)
        itemFactors = Embedding(rows: items, dim: config.factors)
        userBias = .column(rows: users)
        itemBias = .column(rows: items)
        self.globalMean = globalMean
    }

    public var userCount: Int { userFactors.rows }
    public var itemCount: Int { itemFactors.rows }

    /// Step 1: random parameters (truncated normal, `config.initStd`), the same for the same seed.
    public func initialize(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        userFactors.initialize(std: config.initStd, rng: &rng)
        itemFactors.initialize(std: config.initStd, rng: &rng)
        if config.useBias {
            userBias.initialize(std: config.initStd, rng: &rng)
            itemBias.initialize(std: config.initStd, rng: &rng)
        } else {
            userBias.fill(0); itemBias.fill(0)
        }
    }

    /// The raw score z = U[u]·M[m] + bᵤ + bₘ (+ μ without a sigmoid). A user or movie the
    /// model never trained on (`known` false) contributes nothing but what is known.
    @inline(__always)
    public func score(user u: Int, item m: Int, userKnown: Bool = true, itemKnown: Bool = true) -> Float {
        var z: Float = config.yRange == nil ? globalMean : 0
        if userKnown && itemKnown { z += dot(userFactors.row(u), itemFactors.row(m), userFactors.stride) }
        if config.useBias {
            if userKnown { z += userBias.storage[u] }
            if itemKnown { z += itemBias.storage[m] }
        }
        return z
    }

    /// Turns a score into a rating: the sigmoid squashed into `y_range`, or the score itself.
    @inline(__always)
    public func squash(_ z: Float) -> Float {
        guard let r = config.yRange else { return z }
        return r.lowerBound + (r.upperBound - r.lowerBound) * sigmoid(z)
    }

    /// d r̂ / d z at a score.
    @inline(__always)
    public func squashSlope(_ z: Float) -> Float {
        guard let r = config.yRange else { return 1 }
        let s = sigmoid(z)
        return (r.upperBound - r.lowerBound) * s * (1 - s)
    }

    /// The inverse of `squash`, clamped inside the range (used by fold-in).
    public func unsquash(_ rating: Float) -> Float {
        guard let r = config.yRange else { return rating - globalMean }
        let p = (rating - r.lowerBound) / (r.upperBound - r.lowerBound)
        return logit(min(max(p, 0.001), 0.999))
    }

    /// Step 2 for one cell: the predicted rating.
    @inline(__always)
    public func predict(user u: Int, item m: Int) -> Float {
        squash(score(user: u, item: m))
    }

    /// Step 2 for a batch of cells.
    public func predict(users: [Int32], items: [Int32]) -> [Float] {
        zip(users, items).map { predict(user: Int($0), item: Int($1)) }
    }

    /// Step 3: the mean squared error of predictions against targets.
    public static func loss(_ predictions: [Float], _ targets: [Float]) -> Float {
        guard !predictions.isEmpty else { return 0 }
        var s = 0.0
        for (p, t) in zip(predictions, targets) { let e = Double(p - t); s += e * e }
        return Float(s / Double(predictions.count))
    }

    /// A deep copy (to compare predictions before and after a step, or to validate on another
    /// thread). The tables travel as arrays, values that share nothing with this model, so the
    /// compiler can see that the copy is the caller's alone and may be sent to another thread.
    public func copy() -> sending DotProductBias {
        let tables = [userFactors, itemFactors, userBias, itemBias].map { $0.storedValues() }
        let c = DotProductBias(users: userCount, items: itemCount, config: config, globalMean: globalMean)
        c.userFactors.setStoredValues(tables[0])
        c.itemFactors.setStoredValues(tables[1])
        c.userBias.setStoredValues(tables[2])
        c.itemBias.setStoredValues(tables[3])
        return c
    }
}
