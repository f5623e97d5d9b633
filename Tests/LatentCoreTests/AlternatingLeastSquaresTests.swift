import Foundation
import Testing
@testable import LatentCore

/// Weighted alternating least squares against the problem it claims to solve, written densely:
/// every pair of a tiny matrix, rated ones at weight 1, the others at w₀ toward 0.
@Suite("Alternating least squares")
struct AlternatingLeastSquaresTests {
    static let users = 6, items = 5, k = 2

    /// A 6×5 matrix with about half its pairs rated, seeded.
    static func ratings() -> [Rating] {
        var rng = SeededRandom(seed: 11)
        var out: [Rating] = []
        for u in 0..<users { for m in 0..<items where (u + m) % 2 == 0 || rng.nextIndex(below: 3) == 0 {
            out.append(Rating(user: Int32(u), item: Int32(m), value: Float(1 + rng.nextIndex(below: 5))))
        } }
        return out
    }

    static func model(useBias: Bool = true) -> DotProductBias {
        let rs = ratings()
        let mean = rs.map(\.value).reduce(0, +) / Float(rs.count)
        let m = DotProductBias(users: users, items: items, config: ModelConfig(factors: k, yRange: nil, useBias: useBias, initStd: 0.5), globalMean: mean)
        m.initialize(seed: 5)
        return m
    }

    /// The dense objective of user `u`'s row (b_u, p_u): Σ over every movie of its weight times the
    /// squared error (toward the rating, or toward 0 at w₀), plus λ·n_u·‖row‖².
    static func userObjective(_ model: DotProductBias, _ u: Int, bias: Float, factors: [Float], w0: Double, lambda: Double) -> Double {
        let rated = Dictionary(uniqueKeysWithValues: ratings().filter { Int($0.user) == u }.map { (Int($0.item), Double($0.value)) })
        var j = 0.0
        for m in 0..<items {
            var z = Double(model.globalMean) + Double(bias) + (model.config.useBias ? Double(model.itemBias[m, 0]) : 0)
            for f in 0..<k { z += Double(factors[f]) * Double(model.itemFactors[m, f]) }
            if let r = rated[m] { j += (r - z) * (r - z) } else { j += w0 * z * z }
        }
        let norm = Double(bias * bias) + factors.reduce(0.0) { $0 + Double($1 * $1) }
        return j + lambda * Double(rated.count) * norm
    }

    /// After the users' half-step each user row minimises its dense objective: its gradient is 0
    /// (central differences) and every nudge of a coordinate raises it.
    @Test(arguments: [0.0, 0.3]) func userHalfStepSolvesTheDenseWeightedProblem(w0: Double) {
        let model = Self.model()
        let lambda = 0.1
        let als = AlternatingLeastSquares(regularization: lambda, unobservedWeight: w0, threads: 2)
        als.setRatings(Self.ratings(), users: Self.users, items: Self.items)
        #expect(als.next == .users)
        als.solveHalf(model)
        #expect(als.next == .movies)
        for u in 0..<Self.users {
            let bias = model.userBias[u, 0], row = model.userFactors.lookup(u)
            let at = Self.userObjective(model, u, bias: bias, factors: row, w0: w0, lambda: lambda)
            for coordinate in 0...Self.k {
                for h in [Float(1e-2), -1e-2] {
                    var b = bias, p = row
                    if coordinate == 0 { b += h } else { p[coordinate - 1] += h }
                    let nudged = Self.userObjective(model, u, bias: b, factors: p, w0: w0, lambda: lambda)
                    #expect(nudged > at - 1e-9, "user \(u) coordinate \(coordinate): \(nudged) < \(at)")
                }
                // The gradient by central differences (step 1e-3 in Float parameters).
                var plus = (bias, row), minus = (bias, row)
                if coordinate == 0 { plus.0 += 1e-3; minus.0 -= 1e-3 } else { plus.1[coordinate - 1] += 1e-3; minus.1[coordinate - 1] -= 1e-3 }
                let slope = (Self.userObjective(model, u, bias: plus.0, factors: plus.1, w0: w0, lambda: lambda)
                             - Self.userObjective(model, u, bias: minus.0, factors: minus.1, w0: w0, lambda: lambda)) / 2e-3
                #expect(abs(slope) < 2e-2, "user \(u) coordinate \(coordinate): slope \(slope)")
            }
        }
    }

    /// The whole dense objective over both sides never rises from one half-step to the next: the stairs.
    @Test(arguments: [0.0, 0.2]) func theLossFallsInStairs(w0: Double) {
        let model = Self.model()
        let als = AlternatingLeastSquares(regularization: 0.05, unobservedWeight: w0, threads: 1)
        als.setRatings(Self.ratings(), users: Self.users, items: Self.items)
        func total() -> Double {
            // Σ over users of the data terms and user regularisation, plus the movies' regularisation.
            var j = (0..<Self.users).reduce(0.0) { $0 + Self.userObjective(model, $1, bias: model.userBias[$1, 0], factors: model.userFactors.lookup($1), w0: w0, lambda: 0.05) }
            for m in 0..<Self.items {
                let n = Self.ratings().filter { Int($0.item) == m }.count
                let norm = Double(model.itemBias[m, 0] * model.itemBias[m, 0]) + model.itemFactors.lookup(m).reduce(0.0) { $0 + Double($1 * $1) }
                j += 0.05 * Double(n) * norm
            }
            return j
        }
        var last = Double.infinity
        for _ in 0..<8 {
            als.solveHalf(model)
            let now = total()
            #expect(now <= last + 1e-6, "\(now) after \(last)")
            last = now
        }
    }

    /// The squared error it reports is the model's on the training ratings, and a row with no
    /// rating (or the frozen one) is handled: zero, or left alone.
    @Test func reportedErrorAndEmptyAndSkippedRows() {
        let model = Self.model()
        let rs = Self.ratings().filter { $0.user != 3 }
        let als = AlternatingLeastSquares(regularization: 0.1, unobservedWeight: 0, threads: 2)
        als.setRatings(rs, users: Self.users, items: Self.items)
        let kept = model.userFactors.lookup(1)
        let (sse, n) = als.solveHalf(model, skip: 1)
        #expect(model.userFactors.lookup(1) == kept)
        #expect(model.userFactors.lookup(3) == [Float](repeating: 0, count: Self.k) && model.userBias[3, 0] == 0)
        let direct = rs.reduce(0.0) { let e = Double($1.value - model.predict(user: Int($1.user), item: Int($1.item))); return $0 + e * e }
        #expect(n == rs.count)
        #expect(abs(sse - direct) < 1e-3 * max(1, direct))
    }

    /// Without biases the rows are the factors alone, and the same minimum holds.
    @Test func withoutBiases() {
        let model = Self.model(useBias: false)
        let als = AlternatingLeastSquares(regularization: 0.1, unobservedWeight: 0.1, threads: 1)
        als.setRatings(Self.ratings(), users: Self.users, items: Self.items)
        als.solveHalf(model)
        for u in 0..<Self.users {
            let row = model.userFactors.lookup(u)
            let at = Self.userObjective(model, u, bias: 0, factors: row, w0: 0.1, lambda: 0.1)
            for f in 0..<Self.k {
                var p = row
                p[f] += 1e-2
                #expect(Self.userObjective(model, u, bias: 0, factors: p, w0: 0.1, lambda: 0.1) > at - 1e-9)
            }
        }
    }

    /// Through the trainer: two steps an epoch (users, then movies), the watched cell moved, the
    /// held-out error falls, and the settings that cannot go together are refused in words.
    @Test func asATrainer() throws {
        let data = Fixtures.smallSample()
        let split = data.trainingSplit(validFraction: 0.2, seed: 1).split
        var h = Hyperparameters.als
        h.factors = 4
        let trainer = try Trainer(data: TrainingData(dataset: data, split: split), hyper: h, threads: 2)
        #expect(trainer.stepsPerEpoch == 2)
        let untrained = trainer.validate().mse
        let first = try trainer.trainStep(watching: (user: 0, item: 0))
        #expect(first.als?.half == .users && first.als?.systemSize == 5)
        #expect(first.watched?.inBatch == true && first.watched?.before != first.watched?.after)
        let second = try trainer.trainStep()
        #expect(second.als?.half == .movies && trainer.completedEpochs == 1)
        #expect(second.loss <= first.loss)
        let history = try trainer.fit()
        #expect(history.count == h.epochs - 1)
        #expect(trainer.validate().mse < untrained)

        var bad = Hyperparameters.als
        bad.sigmoid = true
        #expect(throws: TrainingError.self) { try bad.validate() }
        var misplaced = Hyperparameters.fastai
        misplaced.unobservedWeight = 0.1
        #expect(throws: TrainingError.self) { try misplaced.validate() }
    }

    /// Gravity's step is the gradient of g · mean over every pair of (U[u]·M[m])², written pair by
    /// pair here, times the learning rate and the ratings of the epoch; it shrinks every dot product.
    @Test func gravityStepIsTheDenseGradient() throws {
        let model = Self.model()
        let before = model.copy()
        let (g, lr, n) = (Float(0.5), Float(0.01), 30)
        Trainer.gravityStep(model, strength: g, learningRate: lr, ratings: n, frozenUser: nil)
        let scale = Double(lr) * Double(n) * 2 * Double(g) / Double(Self.users * Self.items)
        func dot(_ a: [Float], _ b: [Float]) -> Double { zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) } }
        for u in 0..<Self.users {
            let p = before.userFactors.lookup(u)
            var expected = p.map(Double.init)
            for m in 0..<Self.items {
                let q = before.itemFactors.lookup(m)
                for f in 0..<Self.k { expected[f] -= scale * dot(p, q) * Double(q[f]) }
            }
            for f in 0..<Self.k { #expect(abs(Double(model.userFactors[u, f]) - expected[f]) < 1e-5) }
        }
        func meanSquaredDot(_ m: DotProductBias) -> Double {
            var s = 0.0
            for u in 0..<Self.users { for i in 0..<Self.items { let d = dot(m.userFactors.lookup(u), m.itemFactors.lookup(i)); s += d * d } }
            return s
        }
        #expect(meanSquaredDot(model) < meanSquaredDot(before))
        var adam = Hyperparameters.fastai
        adam.gravity = 1
        #expect(throws: TrainingError.self) { try adam.validate() }
        var sgd = Hyperparameters.funkSVD
        sgd.gravity = 1
        try sgd.validate()
    }
}
