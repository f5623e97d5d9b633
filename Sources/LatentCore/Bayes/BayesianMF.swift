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
    private var validSum: [Double]
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
    public private(set) var trainMSE = Double.nan
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

    // MARK: The sweep

    /// One Gibbs sweep, then the held-out figures.
    @discardableResult
    public func step() -> SweepReport {
        while true {
            if let report = sampleNextPart() { return report }
        }
    }

    /// The next of a sweep's three parts (the explorer's steps): the hyperparameters, every
    /// user row given the movies, every movie row (and the implicit rows) given the users, the
    /// last one ending the sweep with its held-out figures (returned then, nil otherwise).
    @discardableResult
    public func sampleNextPart() -> SweepReport? {
        let part = nextPart
        nextPart = GibbsPart(rawValue: (part.rawValue + 1) % 3) ?? .hyperparameters
        switch part {
        case .hyperparameters:
            sweepStarted = DispatchTime.now().uptimeNanoseconds
            sweep += 1
            sampleHyperparameters()
            return nil
        case .users:
            sampleUsers()
            return nil
        case .movies:
            sampleItems()
            if settings.implicit {
                sampleImplicit(users: true)
                sampleImplicit(users: false)
            }
            return endSweep()
        }
    }

    /// The held-out figures of the sweep just sampled: this sample, and the running average after burn-in.
    private func endSweep() -> SweepReport {
        var sse = 0.0, averaged = 0.0
        let keep = sweep > burnInEnds
        if keep { kept += 1 }
        keepSampleIfDue()
        for (i, r) in valid.enumerated() {
            let p = clip(predict(user: Int(r.user), item: Int(r.item)))
            sse += (p - Double(r.value)) * (p - Double(r.value))
            if keep {
                validSum[i] += p
                let a = validSum[i] / Double(kept) - Double(r.value)
                averaged += a * a
            }
        }
        let n = Double(max(1, valid.count))
        sampleValidMSE = valid.isEmpty ? nil : sse / n
        averagedValidMSE = keep && !valid.isEmpty ? averaged / n : nil
        return SweepReport(sweep: sweep, sampleRMSE: (sse / n).squareRoot(), averageRMSE: keep ? (averaged / n).squareRoot() : nil,
                           noisePrecision: noisePrecision, seconds: Double(DispatchTime.now().uptimeNanoseconds - sweepStarted) / 1e9)
    }

    /// Step 1 of a sweep: the noise precision, then each kind of row's prior. (Each prior reads
    /// only its own rows, none of them sampled yet this sweep: drawing them all first gives the
    /// numbers drawing each one just before its rows gave.)
    func sampleHyperparameters() {
        sampleNoise()
        var rng = GaussianDraw.stream(seed: settings.seed, sweep: sweep, side: 10, row: 0)
        Self.samplePrior(&userPrior, rows: userRows, count: userCount, dims: k + 1, stride: k + 1, offset: 0, &rng)
        rng = GaussianDraw.stream(seed: settings.seed, sweep: sweep, side: 20, row: 0)
        Self.samplePrior(&itemPrior, rows: itemRows, count: itemCount, dims: k + 1, stride: k + 1, offset: 0, &rng)
        guard settings.implicit else { return }
        rng = GaussianDraw.stream(seed: settings.seed, sweep: sweep, side: 30, row: 0)
        Self.samplePrior(&implicitPrior, rows: implicitRows, count: itemCount, dims: k, stride: k, offset: 0, &rng)
        rng = GaussianDraw.stream(seed: settings.seed, sweep: sweep, side: 40, row: 0)
        Self.samplePrior(&itemImplicitPrior, rows: itemImplicitRows, count: userCount, dims: k, stride: k, offset: 0, &rng)
    }

    /// α | everything: Gamma(1 + N/2, 1 + SSE/2).
    func sampleNoise() {
        let p = effectiveUsers(), q = effectiveItems(), d = k + 1, k = k, mu = mu, byUser = byUser
        let users = userRows, items = itemRows, userCount = userCount
        // Partial sums over a fixed partition of the users, added in order: the same sum on any thread count.
        let chunks = 16
        var partial = [Double](repeating: 0, count: chunks)
        partial.withUnsafeMutableBufferPointer { buffer in
            let out = RowsOut(base: buffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                var sse = 0.0
                for u in (userCount * c / chunks)..<(userCount * (c + 1) / chunks) {
                    for at in byUser.range(u) {
                        let m = Int(byUser.index[at])
                        var e = Double(byUser.value[at]) - mu - users[u * d] - items[m * d]
                        for f in 0..<k { e -= p[u * k + f] * q[m * k + f] }
                        sse += e * e
                    }
                }
                out.base?[c] = sse
            }
        }
        var sse = partial.reduce(0, +)
        // The person's ratings kept apart (`setExtraRatings`), after the chunks.
        for (u, ratings) in extra.byUser.sorted(by: { $0.key < $1.key }) {
            for (m32, value) in ratings {
                let m = Int(m32)
                var e = Double(value) - mu - users[u * d] - items[m * d]
                for f in 0..<k { e -= p[u * k + f] * q[m * k + f] }
                sse += e * e
            }
        }
        let n = byUser.index.count + extra.count
        trainMSE = sse / Double(max(1, n))
        var rng = GaussianDraw.stream(seed: settings.seed, sweep: sweep, side: 9, row: 0)
        noisePrecision = GaussianDraw.gamma(shape: 1 + Double(n) / 2, rate: 1 + sse / 2, &rng)
    }

    /// Each dimension's prior mean and precision given the rows (Normal–Gamma, γ = 1, a = b = 1).
    static func samplePrior(_ prior: inout Prior, rows: [Double], count: Int, dims: Int, stride: Int, offset: Int, _ rng: inout SeededRandom) {
        let n = Double(count)
        for d in 0..<dims {
            var sum = 0.0, ss = 0.0
            for r in 0..<count {
                let w = rows[r * stride + offset + d]
                sum += w
                ss += (w - prior.mean[d]) * (w - prior.mean[d])
            }
            ss += prior.mean[d] * prior.mean[d]
            prior.precision[d] = GaussianDraw.gamma(shape: 1 + (n + 1) / 2, rate: 1 + ss / 2, &rng)
            prior.mean[d] = sum / (n + 1) + rng.nextNormal() / ((n + 1) * prior.precision[d]).squareRoot()
        }
    }

    /// [b_u, u_u] given the movies: features [1, q_m], targets without the user's implicit term.
    func sampleUsers() {
        userRows = sampleSide(ratings: byUser, extra: extra.byUser, partners: effectiveItems(), partnerBias: biases(itemRows),
                              implicit: settings.implicit ? (implicitSum, implicitNorm) : nil, prior: userPrior, side: 1)
    }

    /// [b_m, v_m] given the users: features [1, p_u], targets without the movie's implicit term.
    func sampleItems() {
        itemRows = sampleSide(ratings: byItem, extra: extra.byItem, partners: effectiveUsers(), partnerBias: biases(userRows),
                              implicit: settings.implicit ? (itemImplicitSum, itemImplicitNorm) : nil, prior: itemPrior, side: 2)
    }

    private func biases(_ rows: [Double]) -> [Double] { stride(from: 0, to: rows.count, by: k + 1).map { rows[$0] } }

    /// One side's rows given the other's: each row r gets features [1, partner] and targets
    /// r − μ − b_partner − (its own implicit term)·partner.
    private func sampleSide(ratings: Rows, extra: [Int: [(Int32, Float)]], partners: [Double], partnerBias: [Double], implicit: (sums: [Double], norm: [Double])?,
                            prior: Prior, side: UInt64) -> [Double] {
        let d = k + 1, k = k, alpha = noisePrecision, mu = mu
        return sampleRows(count: ratings.start.count - 1, side: side, prior: prior) { r, lambda, b in
            var own = [Double](repeating: 0, count: k)
            if let implicit { for f in 0..<k { own[f] = implicit.norm[r] * implicit.sums[r * k + f] } }
            var x = [Double](repeating: 1, count: d)
            func add(_ o: Int, _ value: Float) {
                var t = Double(value) - mu - partnerBias[o]
                for f in 0..<k {
                    x[1 + f] = partners[o * k + f]
                    t -= own[f] * x[1 + f]
                }
                Self.accumulate(&lambda, &b, x, t, alpha, d)
            }
            for at in ratings.range(r) { add(Int(ratings.index[at]), ratings.value[at]) }
            for (o, value) in extra[r] ?? [] { add(Int(o), value) }
        }
    }

    /// Λ += α x xᵀ (the lower triangle), b += α t x.
    @inline(__always)
    static func accumulate(_ lambda: inout [Double], _ b: inout [Double], _ x: [Double], _ t: Double, _ alpha: Double, _ d: Int) {
        for i in 0..<d {
            let ax = alpha * x[i]
            b[i] += ax * t
            for j in 0...i { lambda[i * d + j] += ax * x[j] }
        }
    }

    /// Samples `count` rows of `k + 1` values, in parallel: `body` adds each row's likelihood
    /// terms to its precision and mean vector; the prior is added here.
    func sampleRows(count: Int, side: UInt64, prior: Prior, _ body: @escaping @Sendable (Int, inout [Double], inout [Double]) -> Void) -> [Double] {
        let d = k + 1, seed = settings.seed, sweep = sweep
        var out = [Double](repeating: 0, count: count * d)
        let threads = max(1, min(self.threads, count))
        out.withUnsafeMutableBufferPointer { buffer in
            let target = RowsOut(base: buffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: threads) { t in
                let rows = (count * t / threads)..<(count * (t + 1) / threads)
                var lambda = [Double](repeating: 0, count: d * d), b = [Double](repeating: 0, count: d)
                for r in rows {
                    for i in 0..<(d * d) { lambda[i] = 0 }
                    for i in 0..<d {
                        lambda[i * d + i] = prior.precision[i]
                        b[i] = prior.precision[i] * prior.mean[i]
                    }
                    body(r, &lambda, &b)
                    var rng = GaussianDraw.stream(seed: seed, sweep: sweep, side: side, row: r)
                    let w = GaussianDraw.sample(precision: &lambda, b, d, &rng)
                    for i in 0..<d { target.base?[r * d + i] = w[i] }
                }
            }
        }
        return out
    }

    /// Where the threads write their own rows (each a disjoint range).
    struct RowsOut: @unchecked Sendable { let base: UnsafeMutablePointer<Double>? }
}
