import Foundation
import Testing
@testable import LatentCore

/// The sampler as the explorer drives it: a sweep in three parts, the person's ratings kept
/// apart, the samples thinned in bounded memory, and the trainer that copies each sample into its model.
@Suite("Gibbs sampling step by step")
struct BayesianTrainerTests {
    static func settings(implicit: Bool = false) -> BayesianMF.Settings {
        var s = BayesianMF.Settings()
        s.factors = 3; s.sweeps = 12; s.burnIn = 3; s.implicit = implicit; s.keepEvery = 1
        return s
    }

    /// Three parts make exactly the sweep `step()` makes: the same rows, the same figures.
    @Test(arguments: [false, true]) func threePartsAreOneSweep(implicit: Bool) {
        let data = BayesianMFTests.data()
        let whole = BayesianMF(data: data, settings: Self.settings(implicit: implicit))
        let parts = BayesianMF(data: data, settings: Self.settings(implicit: implicit))
        for _ in 0..<5 {
            let a = whole.step()
            #expect(parts.nextPart == .hyperparameters)
            #expect(parts.sampleNextPart() == nil)
            #expect(parts.nextPart == .users)
            #expect(parts.sampleNextPart() == nil)
            guard let b = parts.sampleNextPart() else { Issue.record("the movies' part ends the sweep"); return }
            #expect(a.sampleRMSE == b.sampleRMSE && a.averageRMSE == b.averageRMSE && a.noisePrecision == b.noisePrecision)
        }
        #expect(whole.userRows == parts.userRows && whole.itemRows == parts.itemRows)
    }

    /// A user's ratings kept apart count as if they were in the data: the same draws, row for row.
    @Test(arguments: [false, true]) func extraRatingsCountLikeRatingsInTheData(implicit: Bool) {
        let base = BayesianMFTests.data()
        let person = base.userCount - 1
        let own = base.train.filter { Int($0.user) == person }
        #expect(own.count > 3)
        // Moved to the held-out ratings, which the sweep never reads but the implicit sets count:
        // both samplers then know the same pairs were seen.
        // (The training mean stays the one with them, as the explorer's stays the data set's whatever the person rates.)
        var without = base
        without.train.removeAll { Int($0.user) == person }
        without.valid = HeldOutRatings((0..<base.valid.count).map { base.valid[$0] } + own)
        let apart = BayesianMF(data: without, settings: Self.settings(implicit: implicit))
        apart.setExtraRatings(user: person, own.map { (item: Int($0.item), value: $0.value) })
        let inData = BayesianMF(data: base, settings: Self.settings(implicit: implicit))
        for _ in 0..<4 { apart.step(); inData.step() }
        // The same conditionals up to the order a sum is taken in.
        let worst = zip(apart.userRows + apart.itemRows, inData.userRows + inData.itemRows).map { abs($0 - $1) }.max() ?? 1
        #expect(worst < 1e-6, "largest difference \(worst)")
    }

    /// Replacing or clearing the ratings kept apart leaves no trace of the old ones.
    @Test func extraRatingsAreReplacedWhole() {
        let data = BayesianMFTests.data()
        let a = BayesianMF(data: data, settings: Self.settings())
        let b = BayesianMF(data: data, settings: Self.settings())
        a.setExtraRatings(user: 2, [(item: 1, value: 5), (item: 7, value: 1)])
        a.setExtraRatings(user: 2, [])
        b.setExtraRatings(user: 2, [(item: 99_999, value: 5)])
        #expect(a.extra.byUser.isEmpty && a.extra.byItem.isEmpty)
        #expect(b.extra.byUser.isEmpty, "a movie outside the table is left out")
    }

    /// Past `keepAtMost`, every other sample goes and the stride doubles: at most the bound, evenly spaced.
    @Test func samplesAreThinnedEvenly() {
        var s = Self.settings()
        s.keepAtMost = 4
        let sampler = BayesianMF(data: BayesianMFTests.data(), settings: s)
        var keptAt: [Int] = []
        for _ in 0..<20 {
            let before = sampler.samples.count
            sampler.step()
            if sampler.samples.count > before || sampler.samples.count < before { keptAt.append(sampler.sweep) }
            #expect(sampler.samples.count <= 4)
        }
        // Burn-in ends at 3: kept at 4, 5, 6, 7, then 8 makes five → 4, 6, 8 at stride 2; 10 → four; 12 → 4, 8, 12 at stride 4; 16; 20 → 4, 12, 20.
        #expect(sampler.samples.count == 3, "\(sampler.samples.count) samples")
        #expect(sampler.keepStride == 8)
        #expect(keptAt.first == 4)
    }

    /// The trainer's steps are the sweep's parts; after each the model holds the sample, and an
    /// epoch is a sweep with the sampler's own figures.
    @Test func theTrainerStepsThroughTheParts() throws {
        let data = BayesianMFTests.data()
        var h = Hyperparameters.bayes
        h.factors = 3; h.epochs = 15
        let trainer = try Trainer(data: data, hyper: h)
        #expect(trainer.stepsPerEpoch == 3)
        let reference = BayesianMF(data: data, settings: Trainer.samplerSettings(h, threads: 1))
        let cell = (user: Int(data.train[0].user), item: Int(data.train[0].item))
        var parts: [GibbsPart] = []
        for _ in 0..<6 {
            let r = try trainer.trainStep(watching: cell)
            parts.append(r.gibbs?.part ?? .hyperparameters)
            #expect(r.watched?.inBatch == (r.gibbs?.part != .hyperparameters))
        }
        #expect(parts == [.hyperparameters, .users, .movies, .hyperparameters, .users, .movies])
        #expect(trainer.completedEpochs == 2)
        reference.step(); reference.step()
        // The model holds the sample: its prediction is the sampler's, to float precision.
        let p = Double(trainer.model.predictKnown(user: cell.user, item: cell.item, userKnown: true, itemKnown: true, mean: trainer.trainMean))
        #expect(abs(p - reference.predict(user: cell.user, item: cell.item)) < 1e-4)
        // Through burn-in (3 sweeps) and on: the averaged figure appears and the posterior with it.
        #expect(trainer.posterior(user: cell.user, item: cell.item) == nil)
        _ = try trainer.trainEpoch(); _ = try trainer.trainEpoch()
        let metrics = trainer.validate()
        #expect(metrics.averagedMSE != nil && metrics.modelMSE == metrics.averagedMSE)
        let posterior = try #require(trainer.posterior(user: cell.user, item: cell.item))
        #expect(posterior.spread >= 0 && trainer.modelPrediction(user: cell.user, item: cell.item) == posterior.mean)
    }

    /// A saved sample restarts the chain: the model's predictions are kept, the average starts again.
    @Test func aRestartedChainKeepsTheSample() throws {
        let data = BayesianMFTests.data()
        var h = Hyperparameters.bayes
        h.factors = 3; h.epochs = 10; h.implicit = true
        let trainer = try Trainer(data: data, hyper: h)
        for _ in 0..<4 { _ = try trainer.trainEpoch() }
        let before = trainer.validate().mse
        let sampler = try #require(trainer.sampler)
        let predicted = sampler.predict(user: 1, item: 2)
        trainer.restartSampler()
        #expect(sampler.kept == 0 && sampler.samples.isEmpty && sampler.averagedValidMSE == nil)
        #expect(sampler.sweep == 4 && sampler.burnInEnds == 4 + Trainer.samplerSettings(h, threads: 1).burnIn)
        #expect(abs(sampler.predict(user: 1, item: 2) - predicted) < 1e-5, "implicit terms folded into the rows")
        #expect(trainer.validate().mse == before)
    }
}
