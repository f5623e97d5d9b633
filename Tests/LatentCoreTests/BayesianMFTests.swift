import Foundation
import Testing
@testable import LatentCore

/// Bayesian matrix factorisation by Gibbs sampling: the draws, the sweep, the averaging.
@Suite("Bayesian matrix factorisation")
struct BayesianMFTests {
    /// A small synthetic problem with planted factors (2 of them), a fifth held out.
    static func data(users: Int = 60, items: Int = 40, seed: UInt64 = 3) -> TrainingData {
        var rng = SeededRandom(seed: seed)
        let u = (0..<users).map { _ in (rng.nextNormal(), rng.nextNormal()) }
        let m = (0..<items).map { _ in (rng.nextNormal(), rng.nextNormal()) }
        var train: [Rating] = [], valid: [Rating] = []
        for a in 0..<users {
            for b in 0..<items where rng.nextUnit() < 0.5 {
                let r = 3 + 0.8 * (u[a].0 * m[b].0 + u[a].1 * m[b].1) + 0.3 * rng.nextNormal()
                let rating = Rating(user: Int32(a), item: Int32(b), value: Float(min(5, max(1, r))))
                if rng.nextUnit() < 0.2 { valid.append(rating) } else { train.append(rating) }
            }
        }
        return TrainingData(train: train, valid: valid, userCount: users, itemCount: items, scale: RatingScale(min: 1, max: 5, step: 0.5))
    }

    /// The Gaussian draw has the conditional's mean Λ⁻¹b and covariance Λ⁻¹, checked by sampling.
    @Test func aRowIsDrawnFromItsConditional() {
        let precision = [4.0, 1.0, 1.0, 3.0], b = [1.0, 2.0]
        // Λ⁻¹ = [3, -1; -1, 4] / 11, mean = Λ⁻¹ b = [1, 7] / 11.
        var rng = SeededRandom(seed: 9)
        let n = 40_000
        var sum = [0.0, 0.0], cross = [0.0, 0.0, 0.0]
        for _ in 0..<n {
            var p = precision
            let x = GaussianDraw.sample(precision: &p, b, 2, &rng)
            sum[0] += x[0]; sum[1] += x[1]
            cross[0] += x[0] * x[0]; cross[1] += x[0] * x[1]; cross[2] += x[1] * x[1]
        }
        let m0 = sum[0] / Double(n), m1 = sum[1] / Double(n)
        #expect(abs(m0 - 1.0 / 11) < 0.01 && abs(m1 - 7.0 / 11) < 0.01, "mean \(m0), \(m1)")
        let c00 = cross[0] / Double(n) - m0 * m0, c01 = cross[1] / Double(n) - m0 * m1, c11 = cross[2] / Double(n) - m1 * m1
        #expect(abs(c00 - 3.0 / 11) < 0.01 && abs(c01 + 1.0 / 11) < 0.01 && abs(c11 - 4.0 / 11) < 0.01, "covariance \(c00) \(c01) \(c11)")
    }

    @Test func theGammaDrawHasItsMeanAndVariance() {
        var rng = SeededRandom(seed: 4)
        for (shape, rate) in [(0.5, 2.0), (3.0, 1.5), (50.0, 10.0)] {
            let n = 40_000
            let xs = (0..<n).map { _ in GaussianDraw.gamma(shape: shape, rate: rate, &rng) }
            let mean = xs.reduce(0, +) / Double(n)
            let variance = xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n)
            #expect(abs(mean - shape / rate) / (shape / rate) < 0.03, "mean \(mean) for Gamma(\(shape), \(rate))")
            #expect(abs(variance - shape / (rate * rate)) / (shape / (rate * rate)) < 0.08, "variance \(variance)")
        }
    }

    /// Sampling finds the planted structure: the averaged predictions beat the mean rating by far.
    @Test func theAverageOfSamplesLearnsAndBeatsOneSample() {
        let data = Self.data()
        var s = BayesianMF.Settings()
        s.factors = 4; s.sweeps = 60; s.burnIn = 10
        let sampler = BayesianMF(data: data, settings: s)
        var last: BayesianMF.SweepReport?
        for _ in 0..<s.sweeps { last = sampler.step() }
        let meanOnly = (data.valid.count > 0 ? (0..<data.valid.count).map { i -> Double in
            let e = Double(data.valid[i].value) - Double(data.trainMean)
            return e * e
        }.reduce(0, +) / Double(data.valid.count) : 0).squareRoot()
        let averaged = last?.averageRMSE ?? .infinity
        #expect(averaged < 0.7 * meanOnly, "averaged \(averaged) against the mean's \(meanOnly)")
        #expect(averaged <= (last?.sampleRMSE ?? 0) + 1e-9, "the average is no worse than one sample")
        #expect(sampler.kept == s.sweeps - s.burnIn)
    }

    /// The running average is the mean of the kept samples' (clipped) predictions.
    @Test func theRunningAverageIsTheMeanOfTheKeptSamples() {
        let data = Self.data(users: 20, items: 15)
        var s = BayesianMF.Settings()
        s.factors = 3; s.burnIn = 2
        let sampler = BayesianMF(data: data, settings: s)
        var kept: [[Double]] = []
        for sweep in 1...7 {
            sampler.step()
            if sweep > s.burnIn {
                kept.append((0..<data.valid.count).map { sampler.clip(sampler.predict(user: Int(data.valid[$0].user), item: Int(data.valid[$0].item))) })
            }
        }
        for i in 0..<data.valid.count {
            let mean = kept.map { $0[i] }.reduce(0, +) / Double(kept.count)
            #expect(abs(sampler.averagedValidPrediction(i) - mean) < 1e-9)
        }
    }

    /// The per-user implicit sums are kept as the rows change, never recomputed: they equal a recomputation.
    @Test func theImplicitSumsEqualARecomputation() throws {
        let data = Self.data(users: 30, items: 20)
        var s = BayesianMF.Settings()
        s.factors = 3; s.implicit = true
        let sampler = BayesianMF(data: data, settings: s)
        for _ in 0..<5 { sampler.step() }
        let seen = try #require(sampler.implicitByUser)
        let k = 3
        var largest = 0.0
        for u in 0..<data.userCount {
            for f in 0..<k {
                let direct = seen.range(u).reduce(0.0) { $0 + sampler.implicitRows[Int(seen.index[$1]) * k + f] }
                largest = max(largest, abs(direct - sampler.implicitSum[u * k + f]))
            }
        }
        let seenMovie = try #require(sampler.implicitByItem)
        for m in 0..<data.itemCount {
            for f in 0..<k {
                let direct = seenMovie.range(m).reduce(0.0) { $0 + sampler.itemImplicitRows[Int(seenMovie.index[$1]) * k + f] }
                largest = max(largest, abs(direct - sampler.itemImplicitSum[m * k + f]))
            }
        }
        #expect(largest < 1e-9, "largest difference \(largest)")
        #expect(sampler.implicitRows.contains { $0 != 0 } && sampler.itemImplicitRows.contains { $0 != 0 }, "both sides' implicit rows were sampled")
        // Held-out pairs are in the implicit sets: each user's set is their training and held-out movies.
        let u0 = Int(data.valid[0].user)
        #expect(seen.range(u0).contains { seen.index[$0] == data.valid[0].item })
    }

    /// The same seed gives the same samples, on one thread or two.
    @Test(arguments: [false, true])
    func aSeedGivesTheSameSamplesOnAnyThreadCount(implicit: Bool) {
        let data = Self.data(users: 40, items: 25)
        var s = BayesianMF.Settings()
        s.factors = 3; s.implicit = implicit
        func run(threads: Int) -> ([Double], [Double], Double) {
            var t = s
            t.threads = threads
            let sampler = BayesianMF(data: data, settings: t)
            var rmse = 0.0
            for _ in 0..<6 { rmse = sampler.step().sampleRMSE }
            return (sampler.userRows, sampler.itemRows, rmse)
        }
        let one = run(threads: 1), two = run(threads: 2), again = run(threads: 1)
        #expect(one.0 == two.0 && one.1 == two.1 && one.2 == two.2)
        #expect(one.0 == again.0 && one.2 == again.2)
        var other = s
        other.seed = 43
        let sampler = BayesianMF(data: data, settings: other)
        for _ in 0..<6 { sampler.step() }
        #expect(sampler.userRows != one.0, "another seed, other samples")
    }

    /// The spread of a prediction shrinks as the user gives more ratings: the posterior is surer.
    @Test func theSpreadShrinksWithMoreRatings() throws {
        var rng = SeededRandom(seed: 5)
        let items = 40
        var train: [Rating] = []
        // Users 0–29 rate most movies; user 30 rates 3 of them, user 31 rates 30.
        for u in 0..<30 { for m in 0..<items where rng.nextUnit() < 0.7 { train.append(Rating(user: Int32(u), item: Int32(m), value: Float(2 + rng.nextUnit() * 3))) } }
        for m in 0..<3 { train.append(Rating(user: 30, item: Int32(m), value: 4)) }
        for m in 0..<30 { train.append(Rating(user: 31, item: Int32(m), value: 4)) }
        let data = TrainingData(train: train, valid: [], userCount: 32, itemCount: items, scale: RatingScale(min: 1, max: 5, step: 0.5))
        var s = BayesianMF.Settings()
        s.factors = 3; s.burnIn = 10; s.keepEvery = 2
        let sampler = BayesianMF(data: data, settings: s)
        #expect(sampler.posterior(user: 30, item: 35) == nil, "nothing kept yet")
        for _ in 0..<80 { sampler.step() }
        #expect(sampler.samples.count == 35)
        func spread(_ u: Int) -> Double { (30..<items).compactMap { sampler.posterior(user: u, item: $0)?.spread }.reduce(0, +) }
        #expect(spread(30) > spread(31), "3 ratings: \(spread(30)); 30 ratings: \(spread(31))")
        let p = try #require(sampler.posterior(user: 31, item: 2))
        #expect(p.mean >= 1 && p.mean <= 5 && p.spread >= 0)
    }
}
