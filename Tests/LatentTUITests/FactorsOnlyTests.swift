import Foundation
import Testing
@testable import LatentCore
@testable import LatentTUI

/// A model opened on its factors alone (imported from Spark or PyTorch, its ratings too many
/// or not here): what works from the factors works as with the ratings, what needs them says so.
@Suite("The explorer on a model's factors alone")
struct FactorsOnlyTests {
    /// A small model trained on the fixture, saved as a model file, and the data set it came from.
    func trainedModel() throws -> (data: Dataset, path: URL) {
        let data = try TUIFixtures.dataset()
        var h = Hyperparameters.fastai
        h.factors = 8
        h.epochs = 2
        let split = Split.random(count: data.ratings.count, seed: 1)
        let trainer = try Trainer(data: TrainingData(dataset: data, split: split), hyper: h)
        let history = try trainer.fit()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("latentlab-factors-only-\(UUID().uuidString).latentlab")
        try ModelFile.write(ModelFile.Contents(trainer: trainer, dataset: data, history: history), to: path)
        return (data, path)
    }

    func factorsOnly(_ path: URL, contents: ModelFile.Contents? = nil) throws -> (Dataset, Opening) {
        try Opening.factorsOnly(contents ?? ModelFile.read(path), source: path.path, name: path.lastPathComponent, why: "test",
                                request: Opening.Request(hyper: .fastai))
    }

    /// The same model opened with its ratings and without them predicts the same cells and
    /// recommends the same movies to a person who rated the same ones, bit for bit.
    @Test func withoutTheRatingsTheFactorsGiveTheSameAnswers() throws {
        let (data, path) = try trainedModel()
        let withRatings = try TrainingEngine(try Opening.resolve(data, Opening.Request(hyper: .fastai, modelPath: path.path)).setup)
        let (alone, opening) = try factorsOnly(path)
        let without = try TrainingEngine(opening.setup)
        #expect(alone.ratings.count == 0 && alone.factorsOnly != nil)
        #expect(alone.userIds == data.userIds && alone.itemIds == data.itemIds)
        #expect(alone.factorsOnly?.counts == data.ratings.itemCounts, "the model file's counts of ratings")

        let viewport = Viewport(users: [0, 3, 7, Int32(data.userCount)], items: [0, 1, 2, 5, 9], selectedUser: 3, selectedItem: 2)
        let person = [PersonRating(item: 1, rating: 5), PersonRating(item: 4, rating: 1), PersonRating(item: 6, rating: 4)]
        for engine in [withRatings, without] {
            engine.apply(.setViewport(viewport))
            engine.apply(.setPersonRatings(person))
        }
        let a = withRatings.currentSnapshot(), b = without.currentSnapshot()
        #expect(!a.predictions.isEmpty)
        #expect(a.predictions.map(\.bitPattern) == b.predictions.map(\.bitPattern))
        #expect(!b.recommendations.isEmpty && a.recommendations == b.recommendations)
        #expect(a.cell?.breakdown.prediction == b.cell?.breakdown.prediction)
    }

    /// Every command that would train answers why it cannot, and nothing moves.
    @Test func trainingIsRefusedWithTheReason() throws {
        let (_, path) = try trainedModel()
        let engine = try TrainingEngine(try factorsOnly(path).1.setup)
        let before = engine.currentSnapshot()
        for command: TrainingCommand in [.run, .toggleRun, .step, .stepCell, .stepEpoch, .reset(seed: 3),
                                         .setHyperparameters(.funkSVD, reason: .preset("funk-svd"))] {
            engine.apply(command)
            #expect(engine.work() == nil, "\(command) started nothing")
            let now = engine.currentSnapshot()
            #expect(now.message == .needsRatings && !now.running, "\(command)")
            #expect(now.step == before.step && now.predictions == before.predictions, "\(command)")
        }
        #expect(throws: TrainingError.noTrainingData) { try engine.trainer.trainStep() }
        engine.apply(.save)
        #expect(engine.currentSnapshot().message?.text.contains("your ratings are saved as you rate") == true)
    }

    /// A trainer over no ratings exists only when asked for, to view a model.
    @Test func aViewingTrainerNeverSteps() throws {
        let data = try TUIFixtures.dataset()
        let contents = try ModelFile.read(try trainedModel().path)
        let empty = TrainingData(dataset: Dataset(factorsOf: contents, source: "m", modelName: "m"), split: Split(count: 0, valid: []))
        #expect(throws: TrainingError.noTrainingData) { try Trainer(data: empty, hyper: .fastai) }
        let viewer = try Trainer(data: empty, hyper: .fastai, viewingOnly: true)
        #expect(!viewer.canTrain)
        #expect(throws: TrainingError.noTrainingData) { try viewer.trainEpoch() }
        #expect(throws: TrainingError.noTrainingData) { try viewer.trainSlice(ratings: 100) }
        #expect(try Trainer(data: TrainingData(dataset: data, split: Split.random(count: data.ratings.count, seed: 1)), hyper: .fastai).canTrain)
    }

    /// The keys that train answer in the status line and send nothing; looking and rating work.
    @Test func theKeysThatNeedRatingsSayWhy() throws {
        let (_, path) = try trainedModel()
        let (data, _) = try factorsOnly(path)
        let c = AppContext(dataset: data, preset: "fastai")
        let state = TUIFixtures.state(c)
        #expect(state.view == .map, "the map first: the grid has predictions only")
        for action: Action in [.train(.toggleRun), .train(.step), .train(.stepEpoch), .reset(newSeed: true), .change(.factors), .faster] {
            let (next, commands) = Reducer.reduce(state, action, c)
            #expect(commands.isEmpty, "\(action)")
            #expect(next.status == FactorsOnly.needsRatings, "\(action)")
        }
        let (toured, none) = Reducer.reduce(state, .tour(.toggle), c)
        #expect(none.isEmpty && toured.tourPage == nil && toured.status?.contains("--data PATH") == true)
        let (rated, commands) = Reducer.reduce(state, .rate(4), c)
        #expect(rated.person.count == 1 && commands.contains { if case .setPersonRatings = $0 { return true }; return false })
        let (other, _) = Reducer.reduce(state, .cycleView, c)
        #expect(other.view != .map && other.status?.hasPrefix("View:") == true)
    }

    /// On screen: the loss and step panels say what they need, the keys line offers what works.
    @Test func theScreenSaysWhichViewsNeedTheRatings() throws {
        let (_, path) = try trainedModel()
        let (data, opening) = try factorsOnly(path)
        let engine = try TrainingEngine(opening.setup)
        let c = AppContext(dataset: data, preset: "fastai")
        var state = TUIFixtures.state(c)
        state.view = .grid
        engine.apply(.setViewport(state.viewport(c)))
        (state, _) = Reducer.reduce(state, .snapshot(engine.currentSnapshot()), c)
        let text = Screen.render(state, c).text
        #expect(text.contains("No loss curve") && text.contains("ratings are not loaded"))
        #expect(text.contains("Prediction · factors only"))
        #expect(text.contains("3 loss needs the rating"))
        #expect(text.contains("factors only") && text.contains("v view") && !text.contains("run/pause"))
        #expect(!text.contains("Random parameters, nothing trained yet"))
        // The grid's cells are the model's predictions, not the mean: the model knows its users and movies.
        let cells = engine.currentSnapshot().predictions
        #expect(Set(cells.map(\.bitPattern)).count > 1)
    }

    /// A model trained elsewhere lacks whoever had no training rating there: opened on the
    /// data set, those rows are added untrained (predicted from the other side, never
    /// recommended) instead of the model being refused.
    @Test func anImportMissingRowsOpensOnItsDataSet() throws {
        let (data, path) = try trainedModel()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("latentlab-fd-\(UUID().uuidString)")
        try FactorDirectory.write(ModelFile.read(path), to: folder, version: "test")
        // Drop the data set's first user and most rated movie from the directory.
        let (user, movie) = (data.userIds[0], data.itemIds[Int(AppContext(dataset: data, preset: "fastai").byActivity.columnOrder[0])])
        for (file, id) in [("users.csv", user), ("movies.csv", movie)] {
            let url = folder.appendingPathComponent(file)
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("\(id),") }
            try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        var request = Opening.Request(hyper: .fastai)
        request.factorDirectory = folder.path
        let opening = try Opening.resolve(data, request)
        guard case .saved(let contents, _, _) = opening.setup.start else { Issue.record("opened fresh"); return }
        #expect(contents.header.users == data.userCount && contents.header.items == data.itemCount)
        #expect(contents.header.unseenUsers.count == 1 && contents.header.unseenItems.count == 1)
        let engine = try TrainingEngine(opening.setup)
        let m = Int32(try #require(data.itemIndex(rawId: movie)))
        engine.apply(.setViewport(Viewport(users: [0, 1], items: [m, 1], selectedUser: 1, selectedItem: m)))
        engine.apply(.setPersonRatings([PersonRating(item: 2, rating: 5), PersonRating(item: 3, rating: 4)]))
        let snap = engine.currentSnapshot()
        #expect(!snap.recommendations.isEmpty && !snap.recommendations.contains { $0.item == Int(m) }, "the missing movie is never recommended")
        // User 1 × the missing movie: what the user's side says (their bias), nothing from the movie.
        let model = engine.trainer.model
        let expected = model.squash(model.score(user: 1, item: Int(m), userKnown: true, itemKnown: false))
        #expect(snap.predictions[2] == expected)
    }

    /// An imported model without its data set knows no counts: every movie counts once, and
    /// what would speak of popularity does not.
    @Test func anImportWithoutCountsSaysNothingOfPopularity() throws {
        let (_, path) = try trainedModel()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("latentlab-fd-\(UUID().uuidString)")
        try FactorDirectory.write(ModelFile.read(path), to: folder, version: "test")
        let imported = FactorDirectory.model(try FactorDirectory.read(folder), dataset: nil, source: folder.path)
        let (data, opening) = try factorsOnly(folder, contents: imported)
        #expect(data.factorsOnly?.countsKnown == false)
        #expect(data.factorsOnly?.counts.allSatisfy { $0 == 1 } == true)
        // What the views ask for, in one place.
        #expect(!data.capabilities.trains && !data.capabilities.countsKnown)
        #expect(data.capabilities.trainedElsewhere?.model == folder.lastPathComponent)
        #expect(try TUIFixtures.dataset().capabilities == Capabilities(trains: true, countsKnown: true, trainedElsewhere: nil))
        let engine = try TrainingEngine(opening.setup)
        let c = AppContext(dataset: data, preset: "fastai")
        var state = TUIFixtures.state(c)
        engine.apply(.setInsight(state.insightRequest(c)))
        (state, _) = Reducer.reduce(state, .snapshot(engine.currentSnapshot()), c)
        let text = Screen.render(state, c).text
        #expect(text.contains("Highest movie biases") && !text.contains("Popular and well rated"))
        #expect(!text.contains("most rated movies' factors"))
        let (filtered, _) = Reducer.reduce(state, .toggleMinRatings, c)
        #expect(filtered.minRatings == 0 && filtered.status?.contains("without its ratings' counts") == true)
    }
}
