import Foundation
import Testing
@testable import LatentCore
@testable import LatentTUI

/// The training engine driven directly (no queue, no clock in the assertions): the person's
/// row, fold-ins that happen only for a reason, counters, the runs table and resuming.
@Suite("The training engine's parts")
struct EngineTests {
    static let sampleData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleData").path

    func engine(_ data: Dataset, hyper: Hyperparameters? = nil, session: URL? = nil) throws -> TrainingEngine {
        var h = hyper ?? .fastai
        if hyper == nil { h.factors = 8 }
        var setup = EngineSetup(dataset: data, split: Split.random(count: data.ratings.count, seed: 1), hyper: h, sessionURL: session)
        setup.splitSource = (1, 0.2)
        return try TrainingEngine(setup)
    }

    /// Works until the engine pauses by itself (the end of an epoch or of a cycle).
    func untilPaused(_ e: TrainingEngine) {
        var guardrail = 0
        while e.currentSnapshot().running && guardrail < 1_000_000 {
            _ = e.work()
            guardrail += 1
        }
    }

    /// The person's row is the fold-in's: after every rating it is exactly the ridge solution
    /// against the current movie factors, and training steps never touch it.
    @Test func thePersonsRowHasOneWriter() throws {
        let e = try engine(try TUIFixtures.dataset())
        let person = e.personUser
        let mine = [PersonRating(item: 0, rating: 5), PersonRating(item: 3, rating: 1), PersonRating(item: 5, rating: 4)]
        e.apply(.setPersonRatings(mine))
        let model = e.trainer.model
        let solved = FoldIn.solve(model: model, ratings: mine.map { (Int($0.item), $0.rating) })
        #expect(model.userFactors.lookup(person) == solved.factors)
        #expect(model.userBias.storage[person] == solved.bias)
        // Steps go through the frozen row without changing it (the fold-in writes it again later, at its own pace).
        let row = model.userFactors.lookup(person)
        for _ in 0..<40 { try e.trainer.trainStep() }
        #expect(model.userFactors.lookup(person) == row)
        #expect(e.trainer.frozenUser == person)
    }

    /// Nothing changed, nothing recomputed: refreshing a paused engine does not fold the person in again.
    @Test func foldInRunsOnlyWhenSomethingChanged() throws {
        let e = try engine(try TUIFixtures.dataset())
        let start = e.currentSnapshot().foldIns
        #expect(start == 1, "the first fold-in, at start")
        for i in 0..<20 { e.apply(.setViewport(Viewport(users: [Int32(i % 5)], items: [0, 1]))) }
        #expect(e.currentSnapshot().foldIns == start)
        e.apply(.setPersonRatings([PersonRating(item: 2, rating: 4)]))
        #expect(e.currentSnapshot().foldIns == start + 1, "a new rating folds in at once")
        e.apply(.setPersonRatings([PersonRating(item: 2, rating: 4)]))
        #expect(e.currentSnapshot().foldIns == start + 1, "the same ratings again change nothing")
        e.apply(.step)
        #expect(e.currentSnapshot().foldIns == start + 2, "a new model folds in again")
    }

    /// Rating movies after the schedule ended never leaves a cycle of a few steps: `space`
    /// starts a whole new cycle, and the counters read consistently.
    @Test func countersStayConsistentWhenTheDataGrows() throws {
        var h = Hyperparameters.fastai
        h.factors = 8; h.epochs = 1
        let e = try engine(try TUIFixtures.dataset(), hyper: h)
        e.apply(.stepEpoch)
        untilPaused(e)
        var s = e.currentSnapshot()
        #expect(s.cycleDone && s.epochText == "epoch 1/1 done")
        let steps = s.step
        e.apply(.setPersonRatings((0..<5).map { PersonRating(item: Int32($0), rating: 4) }))
        e.apply(.setSpeed(.max))
        e.apply(.toggleRun)
        untilPaused(e)
        s = e.currentSnapshot()
        #expect(s.cycle == 2 && s.cycleDone, "a second whole cycle")
        #expect(s.step >= 2 * steps, "not five steps: a whole epoch with the five new ratings")
        #expect(s.epochText == "cycle 2 · epoch 1/1 done")
        #expect(s.epochFraction == 1)
        #expect(s.markers.contains { $0.label == "cycle 2" })
    }

    /// Flat out on a large held-out set, an epoch's full validation runs on a copy of the model
    /// beside the training (on the epochs its cost allows, the first and the last always): the
    /// figures logged are those of validating in line, epoch by epoch.
    @Test func validatingBesideTheTrainingLogsTheSameFigures() throws {
        let data = try TUIFixtures.dataset()
        var h = Hyperparameters.funkSVD
        h.factors = 8; h.epochs = 4
        var points: [[Int: Float]] = []
        var bests: [Float?] = []
        for from in [Int.max, 1] {
            var setup = EngineSetup(dataset: data, split: Split.random(count: data.ratings.count, seed: 1), hyper: h)
            setup.backgroundValidationFrom = from
            let e = try TrainingEngine(setup)
            e.apply(.setSpeed(.max))
            e.apply(.run)
            untilPaused(e)
            let s = e.currentSnapshot()
            #expect(s.cycleDone && s.completedEpochs == 4)
            // The points at the epochs' ends (quick estimates between them may differ in number).
            let perEpoch = s.stepsPerEpoch
            points.append(Dictionary(s.valid.filter { $0.step > 0 && $0.step % perEpoch == 0 }.map { ($0.step, $0.mse) }, uniquingKeysWith: { $1 }))
            bests.append(s.runs.last?.validBest)
            #expect(s.runs.last?.bestEpoch != nil)
        }
        #expect(points[0].count == 4 && points[1].count >= 2, "\(points)")
        #expect(points[1].allSatisfy { points[0][$0.key] == $0.value }, "\(points)")
        #expect(bests[1] != nil && bests[1]! >= bests[0]!, "the best of the epochs validated whole")
    }

    /// The header and the step panel show one learning rate: the one the last step used.
    @Test func oneLearningRateOnScreen() throws {
        let e = try engine(try TUIFixtures.dataset())
        #expect(e.currentSnapshot().learningRate == e.trainer.currentLearningRate, "before any step: the next step's")
        e.apply(.setViewport(Viewport(users: [0], items: [0], selectedUser: 0, selectedItem: 0)))
        for _ in 0..<3 { e.apply(.step) }
        let s = e.currentSnapshot()
        let step = try #require(s.cell?.lastStep)
        #expect(s.learningRate == step.learningRate)
        #expect(s.learningRate != e.trainer.currentLearningRate, "the one-cycle rate has moved on since that step")
    }

    /// The book's lesson as two rows of numbers: `w S S w S S` on the sample.
    @Test func weightDecayOffAndOnReadAsTwoRuns() throws {
        let data = try DatasetLoader.load(Self.sampleData)
        var h = Hyperparameters.fastai
        h.factors = 8; h.batchSize = 256; h.denseAdam = true
        let e = try engine(data, hyper: h)
        let c = AppContext(dataset: data, preset: "fastai")
        var s = AppState(width: 120, height: 40, context: c, settings: h)
        for action in [Action.change(.weightDecay), .train(.stepEpoch), .train(.stepEpoch),
                       .change(.weightDecay), .train(.stepEpoch), .train(.stepEpoch)] {
            let (next, commands) = Reducer.reduce(s, action, c)
            s = next
            for command in commands {
                e.apply(command)
                untilPaused(e)
            }
        }
        let runs = e.currentSnapshot().runs
        #expect(runs.map(\.label) == ["weight decay 0", "weight decay 0.1"])
        #expect(runs.map(\.epochs) == [2, 2])
        for run in runs {
            let best = try #require(run.validBest), final = try #require(run.validFinal), epoch = try #require(run.bestEpoch)
            #expect(best <= final && (1...2).contains(epoch))
            #expect(run.seconds > 0 && run.trainFinal != nil)
        }
        // Without weight decay the model fits its training ratings more closely.
        #expect((runs[0].trainFinal ?? 0) < (runs[1].trainFinal ?? 0))
        let table = Screen.render({ var t = s; t.showRuns = true; t.snapshot = e.currentSnapshot(); return t }(), c)
        #expect(table.contains("weight decay 0 ") && table.contains("weight decay 0.1"))
        #expect(table.contains("epoch \(runs[0].bestEpoch ?? 0)"))
    }

    /// Saved on the way out and opened again: the same predictions, bit for bit, the same
    /// recommendations for the person, the same curves and runs.
    @Test func aResumedSessionPredictsBitForBit() throws {
        let data = try TUIFixtures.dataset()
        let folder = StateFolder(FileManager.default.temporaryDirectory.appendingPathComponent("latentlab-state-\(UUID().uuidString)"))
        var h = Hyperparameters.fastai
        h.factors = 8
        let first = try Opening.resolve(data, Opening.Request(hyper: h, stateFolder: folder))
        #expect(first.notice == nil)
        let e = try TrainingEngine(first.setup)
        let viewport = Viewport(users: [0, 1, 2, Int32(data.userCount)], items: [0, 1, 2, 3], selectedUser: 1, selectedItem: 2)
        e.apply(.setViewport(viewport))
        e.apply(.setPersonRatings([PersonRating(item: 1, rating: 5), PersonRating(item: 4, rating: 2)]))
        e.apply(.stepEpoch)
        untilPaused(e)
        for _ in 0..<3 { e.apply(.step) }
        #expect(e.saveSession() == .saved)
        let before = e.currentSnapshot()

        let second = try Opening.resolve(data, Opening.Request(hyper: .fastai, stateFolder: folder))
        #expect(second.notice?.hasPrefix("Resumed at step") == true)
        #expect(second.setup.hyper.factors == 8, "the session's settings, not the defaults")
        #expect(second.setup.split == first.setup.split, "validation on the same held-out ratings")
        // The selected cell comes back with the session.
        guard case .saved(let contents, _, .session) = second.setup.start else { Issue.record("not resumed"); return }
        #expect(contents.header.session?.selection == SessionRecord.Selection(user: data.userIds[1], movie: data.itemIds[2]))
        let context = AppContext(dataset: data, preset: "fastai")
        var state = TUIFixtures.state(context)
        state.restore(try #require(contents.header.session?.selection), context)
        #expect(state.selectedUser == 1 && state.selectedItem == 2)
        let resumed = try TrainingEngine(second.setup)
        #expect(second.notice?.contains(resumed.currentSnapshot().epochText) == true, "the message and the status line say the same: \(second.notice ?? "")")
        resumed.apply(.setViewport(viewport))
        resumed.apply(.setPersonRatings([PersonRating(item: 1, rating: 5), PersonRating(item: 4, rating: 2)]))
        let after = resumed.currentSnapshot()
        #expect(after.predictions.map(\.bitPattern) == before.predictions.map(\.bitPattern))
        #expect(after.recommendations == before.recommendations)
        #expect(after.step == before.step && after.completedEpochs == 1)
        #expect(after.train == before.train && after.markers == before.markers)
        #expect(after.runs.map(\.label) == before.runs.map(\.label) && after.runs.map(\.epochs) == before.runs.map(\.epochs))
        #expect(after.runs.map(\.validBest) == before.runs.map(\.validBest) && after.runs.map(\.bestEpoch) == before.runs.map(\.bestEpoch))
        #expect(after.lastValid?.mse == e.trainer.validate().mse, "validated on the same held-out ratings with the same model")

        // Flags on the command line win: a fresh start that says why.
        let flagged = try Opening.resolve(data, Opening.Request(hyper: h, explicitSettings: true, stateFolder: folder))
        #expect(flagged.notice?.contains("training flags") == true)
        if case .fresh = flagged.setup.start {} else { Issue.record("flags should start fresh") }
    }

    /// A saved session that cannot be used (damaged here) is kept beside, never overwritten by
    /// the next save: it may hold hours of training.
    @Test func anUnusableSessionIsSetAsideNotOverwritten() throws {
        let data = try TUIFixtures.dataset()
        let folder = StateFolder(FileManager.default.temporaryDirectory.appendingPathComponent("latentlab-state-\(UUID().uuidString)"))
        let session = folder.session(for: data.source)
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        let damaged = Data("LATENTLB and then nothing a model file needs".utf8)
        try damaged.write(to: session)
        let opening = try Opening.resolve(data, Opening.Request(hyper: .fastai, stateFolder: folder))
        #expect(opening.notice?.contains("could not be used") == true)
        let kept = session.deletingPathExtension().appendingPathExtension("unusable.latentlab")
        #expect(opening.notice?.contains("kept as \(kept.lastPathComponent)") == true, "\(opening.notice ?? "")")
        #expect(try Data(contentsOf: kept) == damaged)
        let e = try TrainingEngine(opening.setup)
        e.apply(.stepEpoch)
        untilPaused(e)
        #expect(e.saveSession() == .saved)
        #expect(try Data(contentsOf: kept) == damaged, "the new session went to its own name")
        #expect(try ModelFile.read(session).header.session != nil)
    }

    /// `explore --model FILE` with a model of other data is refused, naming the file.
    @Test func aModelOfOtherDataIsRefused() throws {
        let data = try TUIFixtures.dataset()
        let other = try TUIFixtures.dataset(users: 30, movies: 20, ratings: 500)
        var h = Hyperparameters.fastai
        h.factors = 4; h.epochs = 1
        let trainer = try Trainer(data: TrainingData(dataset: other, split: Split.random(count: other.ratings.count, seed: 1)), hyper: h)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("other-\(UUID().uuidString).latentlab")
        try ModelFile.write(ModelFile.Contents(trainer: trainer, dataset: other, history: []), to: url)
        #expect(throws: DataError.self) {
            _ = try Opening.resolve(data, Opening.Request(hyper: .fastai, modelPath: url.path))
        }
        let opened = try Opening.resolve(other, Opening.Request(hyper: .fastai, modelPath: url.path))
        #expect(opened.notice?.hasPrefix("Opened \(url.lastPathComponent)") == true)
        #expect(opened.setup.hyper.factors == 4)
    }

    /// A second cycle that pushes validation up says why, in one line.
    @Test func aSecondCycleExplainsARise() throws {
        var h = Hyperparameters.fastai
        h.factors = 16; h.epochs = 1; h.learningRate = 0.5; h.weightDecay = 0
        let e = try engine(try TUIFixtures.dataset(), hyper: h)
        e.apply(.stepEpoch)
        untilPaused(e)
        let best = try #require(e.currentSnapshot().lastValid?.mse)
        e.apply(.stepEpoch) // the cycle is done: S starts another
        untilPaused(e)
        let s = e.currentSnapshot()
        let now = try #require(s.lastValid?.mse)
        #expect(s.cycle == 2)
        if now > best * 1.001 {
            #expect(s.message?.text.hasPrefix("Validation rose in cycle 2") == true)
        } else {
            Issue.record("validation did not rise with these settings (\(best) → \(now)): pick others")
        }
    }
}
