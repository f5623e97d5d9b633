import Foundation
import Testing
@testable import LatentCore

/// A tiny model with random parameters, for exact checks.
func tinyModel(users: Int = 5, items: Int = 4, factors: Int = 3, sigmoid: Bool = true, seed: UInt64 = 1) -> DotProductBias {
    let config = ModelConfig(factors: factors, yRange: sigmoid ? 0...5.5 : nil, useBias: true, initStd: 0.5)
    let model = DotProductBias(users: users, items: items, config: config, globalMean: 3.5)
    model.initialize(seed: seed)
    return model
}

@Suite("The model: embeddings, predictions, gradients")
struct ModelTests {
    @Test func oneHotProductEqualsLookupForEveryRow() {
        let e = Embedding(rows: 7, dim: 5)
        var rng = SeededRandom(seed: 3)
        e.initialize(std: 1, rng: &rng)
        for i in 0..<7 {
            #expect(e.multiply(Embedding.oneHot(i, count: 7)) == e.lookup(i))
        }
        #expect(e.lookup(2) != e.lookup(3))
    }

    @Test func paddingStaysZeroAndPredictionMatchesFormula() {
        let m = tinyModel()
        let u = 2, i = 3
        let uf = m.userFactors.lookup(u), mf = m.itemFactors.lookup(i)
        let z = zip(uf, mf).map(*).reduce(0, +) + m.userBias.storage[u] + m.itemBias.storage[i]
        let expected = 5.5 / (1 + exp(-z))
        #expect(abs(m.predict(user: u, item: i) - expected) < 1e-5)
        #expect(m.userFactors.stride == 8)
        #expect((3..<8).allSatisfy { m.userFactors.storage[u * 8 + $0] == 0 })
    }

    /// Central finite differences of the batch MSE against the hand-derived gradient, for every parameter kind.
    @Test(arguments: [true, false])
    func gradientsMatchFiniteDifferences(sigmoid: Bool) {
        let model = tinyModel(sigmoid: sigmoid)
        let batch = [Rating(user: 0, item: 1, value: 4), Rating(user: 2, item: 1, value: 1), Rating(user: 2, item: 3, value: 5), Rating(user: 4, item: 0, value: 2.5)]
        let g = Gradients(for: model)
        model.lossAndGradients(batch, into: g)
        func loss() -> Double {
            let p = batch.map { model.predict(user: Int($0.user), item: Int($0.item)) }
            return zip(p, batch).map { Double($0 - $1.value) * Double($0 - $1.value) }.reduce(0, +) / Double(batch.count)
        }
        func check(_ table: Embedding, _ grad: SparseGradient, _ row: Int, _ col: Int) {
            let h: Float = 1e-2
            let saved = table[row, col]
            table[row, col] = saved + h; let up = loss()
            table[row, col] = saved - h; let down = loss()
            table[row, col] = saved
            let numeric = (up - down) / Double(2 * h)
            let analytic = Double(grad.lookup(row)[col])
            #expect(abs(numeric - analytic) < 2e-3 * max(1, abs(numeric)), "row \(row) col \(col): \(numeric) vs \(analytic)")
        }
        for row in [0, 2, 4] { for col in 0..<3 { check(model.userFactors, g.userFactors, row, col) } }
        for row in [0, 1, 3] { for col in 0..<3 { check(model.itemFactors, g.itemFactors, row, col) } }
        for row in [0, 2, 4] { check(model.userBias, g.userBias, row, 0) }
        for row in [0, 1, 3] { check(model.itemBias, g.itemBias, row, 0) }
        // Rows outside the batch get no gradient.
        #expect(g.userFactors.lookup(1) == [0, 0, 0])
        #expect(!g.itemBias.isTouched(2))
    }

    @Test func lossIsMeanSquaredError() {
        #expect(abs(DotProductBias.loss([1, 2, 3], [1, 4, 0]) - Float(0 + 4 + 9) / 3) < 1e-6)
    }
}

@Suite("Schedules")
struct ScheduleTests {
    @Test func oneCycleAtKnownPoints() {
        let s = Schedule(kind: .oneCycle, maxLearningRate: 5e-3)
        #expect(abs(s.learningRate(at: 0) - 5e-3 / 25) < 1e-9)
        #expect(abs(s.learningRate(at: 0.25) - 5e-3) < 1e-9)
        #expect(abs(s.learningRate(at: 1) - 5e-3 / 1e5) < 1e-9)
        // Halfway up the warm-up: the mean of start and peak (half a cosine).
        #expect(abs(s.learningRate(at: 0.125) - (5e-3 / 25 + 5e-3) / 2) < 1e-7)
        // Halfway down: the mean of peak and end.
        #expect(abs(s.learningRate(at: 0.625) - (5e-3 + 5e-3 / 1e5) / 2) < 1e-7)
        #expect(abs(s.momentum(at: 0) - 0.95) < 1e-6)
        #expect(abs(s.momentum(at: 0.25) - 0.85) < 1e-6)
        #expect(abs(s.momentum(at: 1) - 0.95) < 1e-6)
        let c = Schedule(kind: .constant, maxLearningRate: 0.01, moms: (0.9, 0.9, 0.9))
        #expect(c.learningRate(at: 0.7) == 0.01 && c.momentum(at: 0.3) == 0.9)
    }
}
