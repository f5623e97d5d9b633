import Foundation
import Testing
@testable import LatentCore
@testable import LatentTUI

/// The bayes preset in the explorer's engine: steps are the sweep's parts, the chart gets the
/// average's curve, the selected cell its posterior, the person a posterior of their own.
@Suite("The explorer samples")
struct BayesEngineTests {
    func engine(implicit: Bool = false) throws -> (TrainingEngine, Dataset) {
        let data = try TUIFixtures.dataset()
        var h = Hyperparameters.bayes
        h.factors = 4
        h.epochs = 20
        h.implicit = implicit
        return (try TrainingEngine(EngineSetup(dataset: data, split: Split.random(count: data.ratings.count, seed: 1), hyper: h)), data)
    }

    @Test func stepsAreTheSweepsParts() throws {
        let (e, data) = try engine()
        let u = data.ratings.users[0], m = data.ratings.items[0]
        e.apply(.setViewport(Viewport(users: [u], items: [m], selectedUser: u, selectedItem: m)))
        var parts: [GibbsPart] = []
        for _ in 0..<3 {
            e.apply(.step)
            parts.append(try #require(e.currentSnapshot().gibbs).part)
        }
        #expect(parts == [.hyperparameters, .users, .movies])
        let s = e.currentSnapshot()
        #expect(s.completedEpochs == 1 && s.stepsPerEpoch == 3 && s.epochText == "sweep 2/20")
        let step = try #require(s.cell?.lastStep)
        #expect(step.inBatch && step.before != step.after, "the movies' part drew the cell's movie row again")
        #expect(s.cell?.posterior == nil, "no sample is kept during the burn-in")
    }

    /// After the burn-in: the average's curve, the cell's posterior in the grid and the panel.
    @Test func afterTheBurnInTheAverageAndTheSpreadAppear() throws {
        let (e, data) = try engine()
        let u = data.ratings.users[0], m = data.ratings.items[0]
        e.apply(.setViewport(Viewport(users: [u], items: [m], selectedUser: u, selectedItem: m)))
        for _ in 0..<(3 * 8) { e.apply(.step) }
        e.apply(.stepEpoch)
        var guardrail = 0
        while e.currentSnapshot().running && guardrail < 100_000 { _ = e.work(); guardrail += 1 }
        let s = e.currentSnapshot()
        let burnIn = Trainer.samplerSettings(s.hyper, threads: 1).burnIn
        #expect(s.completedEpochs == 9 && burnIn == 4)
        let posterior = try #require(s.cell?.posterior)
        #expect(posterior.samples == 5 && posterior.spread > 0)
        #expect(s.prediction(user: u, item: m) == posterior.mean, "the grid shows the posterior mean")
        #expect(s.averaged.count >= 1 && s.lastValid?.averagedMSE != nil)
        #expect(s.runs.last?.validBest == s.averaged.map(\.mse).min() || s.runs.last?.validBest == s.lastValid?.averagedMSE)
        #expect(s.cell?.meanHistory.total ?? 0 > 0)
    }

    /// The person's posterior follows their ratings at once (folded in under each kept sample),
    /// and the sure bets rank by mean − spread.
    @Test func thePersonsRecommendationsCarryTheirSpread() throws {
        let (e, _) = try engine()
        e.apply(.stepEpoch)
        for _ in 0..<8 {
            e.apply(.stepEpoch)
            var guardrail = 0
            while e.currentSnapshot().running && guardrail < 100_000 { _ = e.work(); guardrail += 1 }
        }
        e.apply(.setPersonRatings([PersonRating(item: 0, rating: 5), PersonRating(item: 2, rating: 1), PersonRating(item: 4, rating: 5)]))
        let byMean = e.currentSnapshot().recommendations
        #expect(!byMean.isEmpty && byMean.allSatisfy { $0.spread != nil })
        #expect(zip(byMean, byMean.dropFirst()).allSatisfy { $0.score >= $1.score })
        e.apply(.setRecommendationOptions(scoring: .dot, minRatings: 0, sureBets: true))
        let sure = e.currentSnapshot().recommendations
        let bounds = sure.map { $0.score - ($0.spread ?? 0) }
        #expect(zip(bounds, bounds.dropFirst()).allSatisfy { $0 >= $1 - 1e-6 })
        // Another rating changes the posterior at once, without a sweep.
        e.apply(.setPersonRatings([PersonRating(item: 0, rating: 1), PersonRating(item: 2, rating: 5), PersonRating(item: 4, rating: 1)]))
        #expect(e.currentSnapshot().recommendations != sure)
    }

    /// `I` starts again with implicit feedback, a new row in the runs table; gradient keys are refused with a reason.
    @Test func implicitIsASettingAndGradientKeysSayWhyNot() throws {
        let data = try TUIFixtures.dataset()
        let c = AppContext(dataset: data, preset: "bayes")
        var s = AppState(width: 120, height: 40, context: c, settings: .bayes)
        var commands: [TrainingCommand]
        (s, commands) = Reducer.reduce(s, .change(.implicit), c)
        guard case .setHyperparameters(let h, let change) = commands.first else { Issue.record("no new settings"); return }
        #expect(h.implicit && change == .implicit(true) && change.label == "implicit feedback on")
        (s, commands) = Reducer.reduce(s, .change(.learningRate(up: true)), c)
        #expect(commands.isEmpty && s.status?.contains("no learning rate") == true)
        s.settings = .fastai
        (s, commands) = Reducer.reduce(s, .change(.implicit), c)
        #expect(commands.isEmpty && s.status?.contains("bayes") == true)
        let (e, _) = try engine(implicit: true)
        #expect(e.trainer.sampler?.settings.implicit == true)
    }

    /// A saved bayes session comes back as the sample it stopped at: the chain starts again
    /// from it (the same sample's predictions; a new burn-in before the average).
    @Test func aResumedSessionStartsTheChainFromTheSavedSample() throws {
        let data = try TUIFixtures.dataset()
        let folder = StateFolder(FileManager.default.temporaryDirectory.appendingPathComponent("latentlab-state-\(UUID().uuidString)"))
        var h = Hyperparameters.bayes
        h.factors = 4; h.epochs = 20
        let first = try Opening.resolve(data, Opening.Request(hyper: h, stateFolder: folder))
        let e = try TrainingEngine(first.setup)
        for _ in 0..<(3 * 7 + 1) { e.apply(.step) }
        #expect(e.saveSession() == .saved)
        let sample = e.trainer.predict(user: 3, item: 5)
        let second = try Opening.resolve(data, Opening.Request(hyper: .fastai, stateFolder: folder))
        #expect(second.notice?.contains("sweep 8/20") == true, "\(second.notice ?? "")")
        let resumed = try TrainingEngine(second.setup)
        #expect(resumed.trainer.hyper.sampled && resumed.trainer.step == 22)
        #expect(abs(resumed.trainer.predict(user: 3, item: 5) - sample) < 1e-5)
        let sampler = try #require(resumed.trainer.sampler)
        #expect(sampler.sweep == 7 && sampler.nextPart == .hyperparameters && sampler.kept == 0)
        resumed.apply(.step)
        #expect(resumed.currentSnapshot().gibbs?.part == .hyperparameters && resumed.currentSnapshot().message == nil)
        resumed.apply(.step)
        #expect(resumed.currentSnapshot().gibbs?.part == .users && resumed.trainer.step == 24)
    }
}
