import Foundation
import Testing
@testable import LatentCore

/// Issue 20: a row that never saw a training rating is never used; predictions fall back to
/// what is known, the same way in the trainer and in every command.
@Suite("Untrained rows are never used")
struct UntrainedRowsTests {
    /// A model whose user 0 and movie 0 never trained (their ratings all held out).
    static func trainedWithHoldouts() throws -> (Trainer, Dataset, Split) {
        let data = Fixtures.smallSample()
        try #require(data.ratings.count > 0, "the fixture must load")
        // Every rating of user 0 and of movie 0 held out, plus a fifth of the rest.
        let t = data.ratings
        let held = (0..<t.count).filter { i in t.users[i] == 0 || t.items[i] == 0 || i % 5 == 0 }.map { Int32($0) }
        let split = Split(count: t.count, valid: held)
        var h = Hyperparameters.fastai
        h.factors = 4; h.epochs = 1
        let trainer = try Trainer(data: TrainingData(dataset: data, split: split), hyper: h)
        _ = try trainer.fit()
        return (trainer, data, split)
    }

    @Test func theCommandsPredictAsTheTrainerDoes() throws {
        let (trainer, data, _) = try Self.trainedWithHoldouts()
        #expect(!trainer.data.userSeen[0] && !trainer.data.itemSeen[0])
        let contents = ModelFile.Contents(trainer: trainer, dataset: data, history: [])
        let rows = UntrainedRows(contents.header)
        #expect(rows.users.contains(0) && rows.items.contains(0))
        let model = contents.makeModel()
        for (u, m) in [(0, 0), (0, 3), (2, 0), (2, 3)] {
            #expect(rows.predict(model, user: u, item: m, mean: contents.header.globalMean) == trainer.predict(user: u, item: m), "\(u), \(m)")
        }
        // Neither side trained: the mean. One side: the random row changes nothing.
        #expect(rows.predict(model, user: 0, item: 0, mean: contents.header.globalMean) == contents.header.globalMean)
        for j in 0..<4 { model.userFactors[0, j] = 1000 }
        model.userBias.storage[0] = 50
        #expect(rows.predict(model, user: 0, item: 3, mean: 3) == trainer.predict(user: 0, item: 3))
        #expect(rows.note(user: 2, userId: 9, item: 3, itemId: 8) == nil)
        #expect(rows.note(user: 0, userId: 9, item: 3, itemId: 8)?.hasPrefix("user 9 has no training ratings") == true)
        #expect(rows.note(user: 2, userId: 9, item: 0, itemId: 8)?.hasPrefix("movie 8 has no training ratings") == true)
    }

    /// Someone the model knows nothing of gets the same list whatever their random row held, by
    /// either scoring: ordered by the movies' biases.
    @Test func anUnknownPersonIsRankedByTheMoviesBiases() throws {
        let (trainer, data, _) = try Self.trainedWithHoldouts()
        let model = trainer.model
        let counts = (0..<data.itemCount).map { Int32(data.ratings.itemPopularity($0)) }
        let unknown = Recommender.Person.unknown(factors: 4)
        #expect(!unknown.hasTaste)
        let dot = Recommender.top(model: model, person: unknown, exclude: [], counts: counts, n: 5, scoring: .dot)
        let cosine = Recommender.top(model: model, person: unknown, exclude: [], counts: counts, n: 5, scoring: .cosine)
        #expect(dot == cosine)
        let byBias = (0..<data.itemCount).sorted { model.itemBias.storage[$0] > model.itemBias.storage[$1] }.prefix(5)
        #expect(dot.map(\.item) == Array(byBias))
    }

    @Test func aScoreThatIsNotANumberIsNeverRanked() throws {
        let (trainer, data, _) = try Self.trainedWithHoldouts()
        let model = trainer.model.copy()
        for j in 0..<4 { model.itemFactors[7, j] = .greatestFiniteMagnitude }
        let counts = (0..<data.itemCount).map { Int32(data.ratings.itemPopularity($0)) }
        let person = Recommender.Person(factors: [1, 1, 1, 1], bias: 0)
        for scoring in Recommender.Scoring.allCases {
            let top = Recommender.top(model: model, person: person, exclude: [], counts: counts, n: data.itemCount, scoring: scoring)
            #expect(top.allSatisfy { $0.score.isFinite } && !top.contains { $0.item == 7 }, "\(scoring)")
        }
        // The figure each metric prints is a number; by distance, the overflowing movie is nobody's neighbour.
        #expect(Similarity.neighbours(of: 3, model: model, counts: counts, n: data.itemCount, metric: .cosine).allSatisfy { $0.cosine.isFinite })
        let near = Similarity.neighbours(of: 3, model: model, counts: counts, n: data.itemCount, metric: .euclidean)
        #expect(near.allSatisfy { $0.distance.isFinite } && !near.contains { $0.item == 7 })
    }

    /// A factor directory carries no row that never trained: an import with the data set then
    /// marks them untrained again, so the two models predict and recommend alike.
    @Test func anExportLeavesOutUntrainedRowsAndAnImportCoversThem() throws {
        let (trainer, data, _) = try Self.trainedWithHoldouts()
        let contents = ModelFile.Contents(trainer: trainer, dataset: data, history: [])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("factors-\(UUID().uuidString)")
        try FactorDirectory.write(contents, to: dir, version: "t")
        let read = try FactorDirectory.read(dir)
        #expect(read.users.ids.count == data.userCount - contents.header.unseenUsers.count)
        #expect(!read.users.ids.contains(data.userIds[0]) && !read.movies.ids.contains(data.itemIds[0]))
        let back = FactorDirectory.model(read, dataset: data, source: dir.path).covering(data)
        let rows = UntrainedRows(back.header)
        let u0 = try #require(back.userIds.firstIndex(of: data.userIds[0])), m0 = try #require(back.itemIds.firstIndex(of: data.itemIds[0]))
        #expect(rows.users.contains(u0) && rows.items.contains(m0))
        let model = back.makeModel()
        let m3 = try #require(back.itemIds.firstIndex(of: data.itemIds[3]))
        #expect(rows.predict(model, user: u0, item: m3, mean: back.header.globalMean) == trainer.predict(user: 0, item: 3))
    }
}
