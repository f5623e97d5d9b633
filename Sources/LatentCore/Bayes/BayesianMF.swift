import Dispatch
import Foundation

/// Bayesian matrix factorisation by Gibbs sampling (Salakhutdinov & Mnih, "Bayesian Probabilistic
/// Matrix Factorization using MCMC", 2008), with user and movie biases and, optionally, implicit
/// feedback (the SVD++ idea, Koren 2008): a user is also the normalised sum of factors `y` of the
/// movies they rated or are known to have seen, whatever the rating, and a movie the normalised
/// sum of factors `z` of the users known to have seen it.
///
/// The model: r ≈ μ + b_u + b_m + p_u · q_m with p_u = u_u + |N(u)|^-½ Σ_{j∈N(u)} y_j and
/// q_m = v_m + |M(m)|^-½ Σ_{w∈M(m)} z_w, Gaussian noise of precision α. Each row ([b_u, u_u], [b_m, v_m], y_j) has a Gaussian prior whose mean and
/// precision per dimension have a Normal–Gamma hyperprior, as in libFM and myFM (per-factor
/// priors rather than BPMF's Gaussian–Wishart: see docs/ARCHITECTURE.md). A sweep samples the
/// hyperparameters, then every user row given the movies (a (k+1)×(k+1) Cholesky per row, rows
/// in parallel), then every movie row given the users, then every implicit row; predictions are
/// the running average over the samples kept after burn-in.
///
/// Each sweep is three parts (`GibbsPart`, the explorer's steps), `step()` all three.
/// Deterministic for a seed whatever the thread count: each row of each sweep draws from a
/// stream of its own (`GaussianDraw.stream`).
public final class BayesianMF {
    public struct Settings: Sendable, Equatable {
        public var factors = 10
        public var sweeps = 200
        /// Samples before this sweep are not averaged.
        public var burnIn = 10
        public var seed: UInt64 = 42
        public var threads = 1
        /// The SVD++ term: each user's implicit set is the movies they rated in training and
        /// the held-out pairs (known to have been seen; their ratings are never read).
        public var implicit = false
        public var initStd = 0.1
        /// Every this many sweeps after burn-in a sample is kept whole (for the posterior's
        /// mean and spread at any pair: `posterior(user:item:)`).
        public var keepEvery = 10
        /// At most this many samples kept: past it, every other one goes and the stride between
        /// them doubles (evenly spaced over the whole chain in bounded memory; the explorer's). Nil: no bound.
        public var keepAtMost: Int?
        public init() {}
    }

    /// One sweep's figures on the held-out ratings.
    public struct SweepReport: Sendable, Equatable {
        public var sweep: Int
        /// RMSE of this sweep's sample alone, and of the running average (nil during burn-in).
        public var sampleRMSE: Double
        public var averageRMSE: Double?
        /// The sampled noise precision α (1/α is the rating noise's variance).
        public var noisePrecision: Double
        public var seconds: Double
    }

    /// Compressed rows: `index[start[r]..<start[r+1]]` with `value` alongside.
    struct Rows {
        var start: [Int]
        var index: [Int32]
        var value: [Float]

        init(count: Int, pairs: [(row: Int32, col: Int32, value: Float)]) {
            var start = [Int](repeating: 0, count: count + 1)
            for p in pairs { start[Int(p.row) + 1] += 1 }
            for r in 0..<count { start[r + 1] += start[r] }
            var fill = start
            var index = [Int32](repeating: 0, count: pairs.count), value = [Float](repeating: 0, count: pairs.count)
            for p in pairs {
                let at = fill[Int(p.row)]
                index[at] = p.col; value[at] = p.value
                fill[Int(p.row)] += 1
            }
            self.start = start; self.index = index; self.value = value
        }

        func range(_ r: Int) -> Range<Int> { start[r]..<start[r + 1] }
    }

    /// A Normal–Gamma prior's draw for each dimension of one kind of row.
    struct Prior {
        var mean: [Double]
        var precision: [Double]
        init(dims: Int) { mean = [Double](repeating: 0, count: dims); precision = [Double](repeating: 1, count: dims) }
    }

    public let settings: Settings
    let k: Int
    public let userCount: Int, itemCount: Int
    let mu: Double
    let scale: RatingScale
    let byUser: Rows, byItem: Rows
    /// N(u), the movies each user is known to have seen, and M(m) = the users known to have
    /// seen each movie (the same pairs the other way round); |N(u)|^-½ and |M(m)|^-½.
    let implicitByUser: Rows?, implicitByItem: Rows?
    let implicitNorm: [Double], itemImplicitNorm: [Double]
    /// [bias, factors] per row.
    public internal(set) var userRows: [Double]
    public internal(set) var itemRows: [Double]
    /// Implicit factors y per movie, and their sum over N(u) per user (kept, never recomputed);
    /// the users' implicit factors z, and their sum over M(m) per movie.
    var implicitRows: [Double]
    var implicitSum: [Double]
    var itemImplicitRows: [Double]
    var itemImplicitSum: [Double]
    var userPrior: Prior, itemPrior: Prior, implicitPrior: Prior, itemImplicitPrior: Prior
    public internal(set) var noisePrecision = 1.0
    let valid: [Rating]
    var validSum: [Double]
    /// Samples up to this sweep are burn-in (`Settings.burnIn`, later after a `restart`).
    public internal(set) var burnInEnds: Int
    public internal(set) var kept = 0
    /// The thinned samples kept whole (`Settings.keepEvery`).
    public internal(set) var samples: [Sample] = []
    public internal(set) var sweep = 0
    /// The part of the sweep the next `sampleNextPart` samples.
    public internal(set) var nextPart = GibbsPart.hyperparameters
    var sweepStarted: UInt64 = 0
    /// This sample's mean squared error on the training ratings (from the noise's draw), and on
    /// the held-out ones; the running average's on the held-out ones (nil during burn-in).
    public internal(set) var trainMSE = Double.nan
    public internal(set) var sampleValidMSE: Double?
    public internal(set) var averagedValidMSE: Double?
    /// Ratings kept apart from the rows built at the start (the explorer's person), both ways round.
    var extra = ExtraRatings()
    /// Sweeps between kept samples: `Settings.keepEvery`, doubled each time `keepAtMost` is passed.
    var keepStride: Int
    /// Threads the rows are sampled on (the samples do not depend on it).
    public var threads: Int

    public init(data: TrainingData, settings: Settings) {
        self.settings = settings
        keepStride = max(1, settings.keepEvery)
        threads = max(1, settings.threads)
        burnInEnds = settings.burnIn
        k = max(1, settings.factors)
        userCount = data.userCount; itemCount = data.itemCount
        mu = Double(data.trainMean)
        scale = data.scale
        byUser = Rows(count: data.userCount, pairs: data.train.map { ($0.user, $0.item, $0.value) })
        byItem = Rows(count: data.itemCount, pairs: data.train.map { ($0.item, $0.user, $0.value) })
        valid = (0..<data.valid.count).map { data.valid[$0] }
        validSum = [Double](repeating: 0, count: valid.count)
        if settings.implicit {
            // Seen: every training pair and every held-out pair (its rating is never read).
            let seen = data.train.map { ($0.user, $0.item, Float(0)) } + valid.map { ($0.user, $0.item, Float(0)) }
            let byU = Rows(count: data.userCount, pairs: seen)
            implicitByUser = byU
            let byM = Rows(count: data.itemCount, pairs: seen.map { ($0.1, $0.0, $0.2) })
            implicitByItem = byM
            implicitNorm = (0..<data.userCount).map { u in byU.range(u).isEmpty ? 0 : 1 / Double(byU.range(u).count).squareRoot() }
            itemImplicitNorm = (0..<data.itemCount).map { m in byM.range(m).isEmpty ? 0 : 1 / Double(byM.range(m).count).squareRoot() }
        } else {
            implicitByUser = nil; implicitByItem = nil; implicitNorm = []; itemImplicitNorm = []
        }
        var rng = SeededRandom(seed: settings.seed)
        let d = k + 1
        func initial(_ rows: Int) -> [Double] {
            (0..<rows * d).map { $0 % d == 0 ? 0 : settings.initStd * rng.nextNormal() }
        }
        userRows = initial(data.userCount)
        itemRows = initial(data.itemCount)
        implicitRows = [Double](repeating: 0, count: settings.implicit ? data.itemCount * k : 0)
        implicitSum = [Double](repeating: 0, count: settings.implicit ? data.userCount * k : 0)
        itemImplicitRows = [Double](repeating: 0, count: settings.implicit ? data.userCount * k : 0)
        itemImplicitSum = [Double](repeating: 0, count: settings.implicit ? data.itemCount * k : 0)
        userPrior = Prior(dims: d); itemPrior = Prior(dims: d); implicitPrior = Prior(dims: k); itemImplicitPrior = Prior(dims: k)
    }

    // MARK: Predictions

    /// Every user's p_u (their own factors plus the implicit term), users × k.
    func effectiveUsers() -> [Double] {
        effective(rows: userRows, count: userCount, sums: implicitSum, norm: implicitNorm)
    }

    /// Every movie's q_m, movies × k.
    func effectiveItems() -> [Double] {
        effective(rows: itemRows, count: itemCount, sums: itemImplicitSum, norm: itemImplicitNorm)
    }

    private func effective(rows: [Double], count: Int, sums: [Double], norm: [Double]) -> [Double] {
        let d = k + 1
        var out = [Double](repeating: 0, count: count * k)
        for r in 0..<count {
            let c = settings.implicit ? norm[r] : 0
            for f in 0..<k { out[r * k + f] = rows[r * d + 1 + f] + (settings.implicit ? c * sums[r * k + f] : 0) }
        }
        return out
    }

    /// This sample's prediction (not clipped).
    public func predict(user u: Int, item m: Int) -> Double {
        guard u >= 0, u < userCount, m >= 0, m < itemCount else { return mu }
        let d = k + 1
        var s = mu + userRows[u * d] + itemRows[m * d]
        let cu = settings.implicit ? implicitNorm[u] : 0, cm = settings.implicit ? itemImplicitNorm[m] : 0
        for f in 0..<k {
            let p = userRows[u * d + 1 + f] + (settings.implicit ? cu * implicitSum[u * k + f] : 0)
            let q = itemRows[m * d + 1 + f] + (settings.implicit ? cm * itemImplicitSum[m * k + f] : 0)
            s += p * q
        }
        return s
    }

    /// The averaged prediction for the `i`th held-out rating (this sample's before any is kept).
    public func averagedValidPrediction(_ i: Int) -> Double {
        kept > 0 ? validSum[i] / Double(kept) : predict(user: Int(valid[i].user), item: Int(valid[i].item))
    }

    /// Forgets the held-out running average (a `restart`).
    func resetAverage() {
        for i in validSum.indices { validSum[i] = 0 }
        sampleValidMSE = nil
        averagedValidMSE = nil
    }

    func clip(_ v: Double) -> Double { min(Double(scale.max), max(Double(scale.min), v)) }
}
