import Dispatch
import Foundation

/// The Gibbs sweep: its three parts (`GibbsPart`), each kind of row's conditional draw, and the
/// held-out figures at a sweep's end.
extension BayesianMF {
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
