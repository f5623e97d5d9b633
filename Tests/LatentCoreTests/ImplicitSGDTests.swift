import Foundation
import Testing
@testable import LatentCore

/// Implicit feedback for per-rating SGD (SVD++): the model holds each user's own row plus their
/// implicit sum, the sum covers every pair known (held-out ones too), and training is deterministic.
@Suite("SVD++ by SGD")
struct ImplicitSGDTests {
    static func hyper() -> Hyperparameters {
        var h = Hyperparameters.funkSVD
        h.factors = 6; h.epochs = 8; h.implicit = true
        return h
    }

    @Test func theModelHoldsOwnRowPlusTheImplicitSum() throws {
        let data = BayesianMFTests.data()
        let trainer = try Trainer(data: data, hyper: Self.hyper())
        let implicit = try #require(trainer.implicitSGD)
        #expect(!trainer.usesPerRatingKernel, "the SVD++ epoch, not the plain kernel")
        _ = try trainer.trainEpoch()
        for u in [0, 7, data.userCount - 1] {
            let z = implicit.implicitSum(u)
            let own = Array(implicit.own[(u * 6)..<(u * 6 + 6)])
            let effective = trainer.model.userFactors.lookup(u)
            #expect(zip(effective, zip(own, z)).allSatisfy { abs($0 - ($1.0 + $1.1)) < 1e-6 }, "user \(u)")
            #expect(z.contains { $0 != 0 }, "the y rows moved")
        }
        // N(u): every training pair and every held-out pair of the user (their ratings never read).
        let u = Int(data.valid[0].user)
        let known = data.train.filter { Int($0.user) == u }.count + (0..<data.valid.count).filter { Int(data.valid[$0].user) == u }.count
        #expect(implicit.seenStart[u + 1] - implicit.seenStart[u] == known)
        #expect(abs(implicit.norm[u] - 1 / Float(known).squareRoot()) < 1e-7)
    }

    @Test func theLossFallsAndASeedGivesTheSameModel() throws {
        let data = BayesianMFTests.data()
        var h = Self.hyper()
        h.learningRate = 0.02; h.epochs = 20
        let a = try Trainer(data: data, hyper: h), b = try Trainer(data: data, hyper: h)
        let first = try a.trainEpoch()
        let rest = try a.fit()
        _ = try b.fit()
        #expect((rest.last?.trainLoss ?? 9) < first.trainLoss * 0.8, "\(first.trainLoss) → \(rest.last?.trainLoss ?? .nan)")
        #expect(a.model.userFactors.flatValues == b.model.userFactors.flatValues)
        #expect(a.model.itemFactors.flatValues == b.model.itemFactors.flatValues)
    }

    @Test func itTrainsWholeEpochsAndOnlyWithPerRatingSGD() throws {
        let trainer = try Trainer(data: BayesianMFTests.data(), hyper: Self.hyper())
        #expect(throws: TrainingError.self) { try trainer.trainStep() }
        var fastai = Hyperparameters.fastai
        fastai.implicit = true
        #expect(throws: TrainingError.invalid("implicit feedback works with the bayes preset and with per-rating SGD (the funk-svd preset) for now")) {
            try fastai.validate()
        }
    }
}
