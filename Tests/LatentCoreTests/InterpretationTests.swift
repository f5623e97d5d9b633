import Foundation
import Testing
@testable import LatentCore

/// What the model learned, read back: the PCA map, neighbours, biases in stars, categories
/// as fixed factors, and how much of a sample's planted structure the factors recover.
@Suite("Interpreting the model")
struct InterpretationTests {
    static let sampleData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleData").path

    func randomRows(_ n: Int, _ k: Int, seed: UInt64) -> [Float] {
        var rng = SeededRandom(seed: seed)
        // Correlated columns, so the components are well separated.
        return (0..<n).flatMap { _ -> [Float] in
            let a = rng.nextNormal(), b = rng.nextNormal()
            return (0..<k).map { j in Float(a * Double(j + 1) + 0.5 * b * Double(k - j) + 0.1 * rng.nextNormal()) }
        }
    }

    @Test func jacobiFindsEigenpairs() {
        let m: [Double] = [4, 1, 2, 1, 3, 0, 2, 0, 5]
        let (values, vectors) = SymmetricEigen.decompose(m, n: 3)
        #expect(values == values.sorted(by: >))
        for (lambda, v) in zip(values, vectors) {
            for i in 0..<3 {
                let av = (0..<3).reduce(0.0) { $0 + m[i * 3 + $1] * v[$1] }
                #expect(abs(av - lambda * v[i]) < 1e-9)
            }
            #expect(abs(v.reduce(0) { $0 + $1 * $1 } - 1) < 1e-9)
        }
        #expect(abs(values.reduce(0, +) - 12) < 1e-9, "the trace")
    }

    /// Power iteration with deflation finds the same components as a direct eigen-decomposition.
    @Test func pcaMatchesADirectEigenDecomposition() {
        let n = 60, k = 6
        let rows = randomRows(n, k, seed: 4)
        let pca = PCA.compute(rows, count: n, dim: k, components: 3)
        let (cov, _) = PCA.covariance(rows, count: n, dim: k)
        let (values, vectors) = SymmetricEigen.decompose(cov, n: k)
        for c in 0..<3 {
            #expect(abs(Double(pca.variances[c]) - values[c]) < 1e-3 * max(1, values[0]))
            let d = zip(pca.components[c], vectors[c]).reduce(0.0) { $0 + Double($1.0) * $1.1 }
            #expect(abs(abs(d) - 1) < 1e-4, "component \(c + 1) is the eigenvector up to its sign")
        }
        #expect(abs(Double(pca.totalVariance) - values.reduce(0, +)) < 1e-3)
    }

    /// Recomputed after the rows moved a little (training), every component keeps its sign.
    @Test func componentsKeepTheirSigns() {
        let n = 80, k = 8
        var rows = randomRows(n, k, seed: 9)
        var previous = PCA.compute(rows, count: n, dim: k, components: 3)
        var rng = SeededRandom(seed: 1)
        for _ in 0..<20 {
            for i in rows.indices { rows[i] += Float(0.05 * rng.nextNormal()) }
            // Without the previous components the sign is decided afresh; with them it is kept.
            let next = PCA.compute(rows, count: n, dim: k, components: 3, previous: previous.components)
            for c in 0..<3 {
                let d = zip(next.components[c], previous.components[c]).reduce(Float(0)) { $0 + $1.0 * $1.1 }
                #expect(d > 0, "component \(c + 1) flipped")
            }
            previous = next
        }
    }

    @Test(arguments: [Similarity.Metric.cosine, .euclidean])
    func neighboursMatchBruteForce(metric: Similarity.Metric) {
        let model = tinyModel(users: 2, items: 40, factors: 5)
        let counts = [Int32](repeating: 3, count: 40)
        let found = Similarity.neighbours(of: 7, model: model, counts: counts, n: 6, metric: metric)
        let brute = (0..<40).filter { $0 != 7 }.sorted {
            metric == .cosine ? Similarity.cosine(model, 7, $0) > Similarity.cosine(model, 7, $1)
                              : Similarity.distance(model, 7, $0) < Similarity.distance(model, 7, $1)
        }
        #expect(found.map(\.item) == Array(brute.prefix(6)))
        #expect(found.allSatisfy { abs($0.cosine - Similarity.cosine(model, 7, $0.item)) < 1e-6 })
    }

    @Test func biasesReadInStars() {
        let model = tinyModel(users: 4, items: 6)
        for m in 0..<6 { model.itemBias.storage[m] = Float(m) - 2.5 }
        let (low, high) = BiasRanking.extremes(model: model, counts: [Int32](repeating: 1, count: 6), n: 2)
        #expect(low.map(\.item) == [0, 1] && high.map(\.item) == [5, 4])
        #expect(low.allSatisfy { $0.stars < 0 } && high.allSatisfy { $0.stars > 0 })
        // In stars: the average rating's prediction with the bias, minus without it.
        let z0 = model.unsquash(model.globalMean)
        #expect(abs(high[0].stars - (model.squash(z0 + 2.5) - model.squash(z0))) < 1e-6)
        let linear = tinyModel(users: 4, items: 6, sigmoid: false)
        #expect(BiasRanking.stars(0.4, model: linear) == 0.4, "without a sigmoid a bias is stars")
        let users = BiasRanking.userExtremes(model: model, activity: [1, 1, 0, 1], minRatings: 1, n: 1)
        #expect(users.lowest.count == 1 && users.lowest[0].item != 2, "a user without ratings is left out")
    }

    /// Categories as factors: the genres preset's movie rows are the genres, and stay so.
    @Test func theGenresPresetNeverTrainsTheMovieFactors() throws {
        let data = try DatasetLoader.load(Self.sampleData)
        var h = Hyperparameters.genres
        h.epochs = 1; h.batchSize = 256
        let trainer = try Trainer(data: TrainingData(dataset: data, split: Split.random(count: data.ratings.count, seed: 2)), hyper: h)
        let genres = try #require(GenreMatrix(dataset: data))
        #expect(trainer.hyper.factors == genres.count && genres.count == 18)
        #expect(trainer.model.itemFactors.flatValues == genres.rows)
        let users = trainer.model.userFactors.flatValues
        for _ in 0..<60 { try trainer.trainStep() }
        #expect(trainer.model.itemFactors.flatValues == genres.rows, "the movie factors never change")
        #expect(trainer.model.userFactors.flatValues != users, "the users' tastes for genres are learned")
        #expect(!trainer.usesPerRatingKernel)
        // A Toy Story row: its genres, each 1/√5.
        let toyId = try #require(data.catalog.movies.first { $0.title.hasPrefix("Toy Story (") }?.rawId)
        let toy = try #require(data.itemIndex(rawId: toyId))
        let row = trainer.model.itemFactors.lookup(toy)
        #expect(row.filter { $0 > 0 }.count == data.movie(toy).genres.count)
    }

    /// The learned movie factors recover more of the sample's planted structure as training goes on.
    @Test func plantedStructureIsRecoveredByTraining() throws {
        let data = try DatasetLoader.load(Self.sampleData)
        let planted = try #require(data.planted, "SampleData carries planted.csv")
        #expect(planted.names.count == 23 && planted.byMovie.count == data.catalog.count, "18 genres, era, mainstream, tone, two scenes")
        var h = Hyperparameters.fastai
        h.factors = 16; h.batchSize = 256; h.epochs = 4; h.learningRate = 1e-2
        let trainer = try Trainer(data: TrainingData(dataset: data, split: Split.random(count: data.ratings.count, seed: 2)), hyper: h)
        let counts = data.ratings.itemCounts
        func score() -> Float { PlantedRecovery.score(model: trainer.model, itemIds: data.itemIds, planted: planted, counts: counts) ?? -9 }
        let before = score()
        _ = try trainer.fit()
        let after = score()
        #expect(before < 0.2, "random factors explain little (\(before))")
        #expect(after > before + 0.3, "trained factors explain much more (\(before) → \(after))")
    }

    /// The app's first lesson holds on its own data: categories get part of the way, learned
    /// factors go clearly further, and what they add is the tastes no category names.
    @Test func learnedFactorsBeatCategoriesOnTheSample() throws {
        let data = try DatasetLoader.load(Self.sampleData)
        let planted = try #require(data.planted)
        let split = data.trainingSplit(validFraction: 0.2, seed: 42).split
        func train(_ h: Hyperparameters) throws -> (best: Float, recovered: PlantedRecovery.Report) {
            let trainer = try Trainer(data: TrainingData(dataset: data, split: split), hyper: h)
            let best = try trainer.fit().map(\.valid.mse).min()
            let report = PlantedRecovery.report(model: trainer.model, itemIds: data.itemIds, planted: planted, counts: data.ratings.itemCounts)
            return (try #require(best), try #require(report))
        }
        let categories = try train(.genres), learned = try train(.fastai)
        #expect(categories.best >= 1.10 * learned.best, "the genres preset's best validation MSE is at least 1.10× the fastai preset's (\(categories.best) against \(learned.best))")
        let catUnnamed = try #require(categories.recovered.unnamed), learnedUnnamed = try #require(learned.recovered.unnamed)
        #expect(learnedUnnamed > catUnnamed + 0.4, "learned factors recover the unnamed tastes (\(learnedUnnamed) against \(catUnnamed))")
        #expect((categories.recovered.genres ?? 0) > 0.99, "the genres preset's factors are the genres")
        #expect(CategoriesVersusLearned(categories: categories.best, learned: learned.best).sentence.contains("latent factors find tastes no category names"))
    }

    @Test func theMapPlacesMoviesAndUsers() throws {
        let model = tinyModel(users: 30, items: 50, factors: 6)
        let counts = (0..<50).map { Int32(50 - $0) }
        let map = MovieMap.build(model: model, counts: counts, count: 20)
        #expect(map.points.count == 20)
        #expect(map.points.map(\.item) == Array(0..<20), "the most rated movies")
        #expect(map.points.allSatisfy { $0.coordinates.count == 3 })
        // Centred: the coordinates average to zero on each component.
        for c in 0..<3 { #expect(abs(map.points.reduce(Float(0)) { $0 + $1.coordinates[c] } / 20) < 1e-4) }
        #expect(map.explained.reduce(0, +) <= 1.0001 && map.explained == map.explained.sorted(by: >))
        let again = MovieMap.build(model: model, counts: counts, count: 20, previous: map)
        let drift = zip(again.points, map.points).flatMap { zip($0.coordinates, $1.coordinates).map { abs($0 - $1) } }.max() ?? 1
        #expect(drift < 1e-3, "the same model gives the same map, whatever the start of the iteration")
        #expect(map.place(user: model.userFactors.lookup(3)).count == 3 && map.userScale > 0)
    }
}
