import Foundation
import Testing
@testable import LatentCore

@Suite("Fold-in, recommendations, similarity, model files")
struct InsightTests {
    @Test func foldInSolvesTheRidgeProblem() {
        let model = tinyModel(users: 3, items: 6, factors: 4)
        let ratings: [(item: Int, rating: Float)] = [(0, 5), (2, 1), (3, 4.5), (5, 2)]
        let lambda: Float = 0.7
        let r = FoldIn.solve(model: model, ratings: ratings, lambda: lambda)
        // At the minimum the gradient of Σ(p·q + b + bₘ − t)² + λ(|p|² + b²) vanishes.
        var gradP = [Double](repeating: 0, count: 4), gradB = 0.0
        for (item, rating) in ratings {
            let q = model.itemFactors.lookup(item)
            let t = Double(model.unsquash(rating)) - Double(model.itemBias.storage[item])
            let e = zip(r.factors, q).map { Double($0 * $1) }.reduce(0, +) + Double(r.bias) - t
            for j in 0..<4 { gradP[j] += 2 * e * Double(q[j]) }
            gradB += 2 * e
        }
        for j in 0..<4 { gradP[j] += 2 * Double(lambda) * Double(r.factors[j]) }
        gradB += 2 * Double(lambda) * Double(r.bias)
        #expect(gradP.allSatisfy { abs($0) < 1e-4 })
        #expect(abs(gradB) < 1e-4)
        #expect(r.factors.contains { $0 != 0 })
    }

    @Test func foldInForAGenreLoverPutsThatGenreOnTop() throws {
        let data = Fixtures.smallSample(users: 300, movies: 300, ratings: 30_000)
        var h = Hyperparameters.fastai
        h.factors = 16; h.epochs = 4; h.learningRate = 1e-2
        let split = Split.random(count: data.ratings.count, validFraction: 0.1, seed: 1)
        let trainer = try Trainer(data: TrainingData(dataset: data, split: split), hyper: h)
        _ = try trainer.fit()
        let isAnimation = { (m: Int) in data.movie(m).genres.contains("Animation") }
        let isHorror = { (m: Int) in data.movie(m).genres.contains("Horror") }
        let animated = (0..<data.itemCount).filter(isAnimation)
        #expect(animated.count >= 8)
        var ratings = animated.prefix(6).map { (item: $0, rating: Float(5)) }
        ratings += (0..<data.itemCount).filter(isHorror).prefix(3).map { (item: $0, rating: Float(1)) }
        let fold = FoldIn.solve(model: trainer.model, ratings: ratings)
        var counts = [Int32](repeating: 0, count: data.itemCount)
        for m in data.ratings.items { counts[Int(m)] += 1 }
        let recs = Recommender.top(model: trainer.model, person: .init(factors: fold.factors, bias: fold.bias),
                                   exclude: Set(ratings.map(\.item)), counts: counts, n: 10,
                                   explainWith: ratings.filter { $0.rating >= 4 }.map(\.item))
        let share = Double(recs.filter { isAnimation($0.item) }.count) / Double(recs.count)
        let baseShare = Double(animated.count) / Double(data.itemCount)
        #expect(share > 2 * baseShare, "animation share \(share) vs \(baseShare) in the catalog")
        #expect(!recs.contains { isHorror($0.item) && !isAnimation($0.item) })
        #expect(recs.allSatisfy { $0.because != nil })
    }

    @Test func recommendationsSkipRatedAndRareMoviesAndAreSorted() {
        let model = tinyModel(users: 2, items: 6)
        let person = Recommender.person(model, user: 0)
        let recs = Recommender.top(model: model, person: person, exclude: [1, 2], counts: [5, 5, 5, 0, 5, 5], minRatings: 1, n: 10)
        #expect(Set(recs.map(\.item)) == [0, 4, 5])
        #expect(recs.map(\.score) == recs.map(\.score).sorted(by: >))
        #expect(abs(recs[0].score - model.predict(user: 0, item: recs[0].item)) < 1e-5)
    }

    /// Shown predictions are clipped to the scale (as Surprise does); the order follows the raw ones.
    @Test func recommendationsAreClippedToTheScale() {
        let model = tinyModel(users: 1, items: 6, sigmoid: false)
        for m in 0..<6 { model.itemBias.storage[m] = Float(m) } // raw predictions 3.5 + bias + …: above 5 for most
        let person = Recommender.Person(factors: [0, 0, 0], bias: 0)
        let counts = [Int32](repeating: 5, count: 6)
        let scale = RatingScale(min: 1, max: 5, step: 1)
        let recs = Recommender.top(model: model, person: person, exclude: [], counts: counts, n: 6, clipTo: scale)
        #expect(recs.map(\.item) == [5, 4, 3, 2, 1, 0], "ranked by the raw prediction")
        #expect(recs.allSatisfy { $0.score <= 5 && $0.score >= 1 })
        #expect(recs[0].score == 5 && recs[0].unclipped == 3.5 + 5)
        #expect(recs.last?.score == recs.last?.unclipped, "nothing to clip in range")
    }

    /// A typed title names one movie or nothing: never the first of several hits.
    @Test func aTitleResolvesOnlyWhenItNamesOneMovie() {
        let movies = [Movie(rawId: 1, title: "Star Wars: Episode IV - A New Hope (1977)"),
                      Movie(rawId: 2, title: "Star Wars: Episode V - The Empire Strikes Back (1980)"),
                      Movie(rawId: 3, title: "Toy Story (1995)"), Movie(rawId: 4, title: "Toy Story 2 (1999)"),
                      Movie(rawId: 5, title: "Hamlet (1948)"), Movie(rawId: 6, title: "Hamlet (1996)"),
                      Movie(rawId: 7, title: "Godfather, The (1972)")]
        let search = MovieSearch(movies: movies, popularity: [9, 8, 7, 6, 5, 4, 3])
        #expect(search.resolve("toy story") == .found(2), "the whole title, not Toy Story 2")
        #expect(search.resolve("The Godfather") == .found(6) && search.resolve("godfather, the (1972)") == .found(6))
        #expect(search.resolve("empire strikes") == .found(1), "the only movie that matches at all")
        #expect(search.resolve("star wars") == .ambiguous([0, 1]))
        #expect(search.resolve("hamlet") == .ambiguous([4, 5]), "two films with the same title")
        #expect(search.resolve("hamlet (1996)") == .found(5))
        #expect(search.resolve("no such film") == .none)
    }

    @Test func similarMoviesByCosine() {
        let model = tinyModel(users: 2, items: 5)
        // Make movie 3 a scaled copy of movie 1: cosine 1.
        for j in 0..<3 { model.itemFactors[3, j] = 2 * model.itemFactors[1, j] }
        let n = Similarity.neighbours(of: 1, model: model, counts: [1, 1, 1, 1, 1], n: 2)
        #expect(n.first?.item == 3)
        #expect(abs((n.first?.cosine ?? 0) - 1) < 1e-5)
        #expect(!n.contains { $0.item == 1 })
    }

    @Test func modelFileRoundTripsBitForBit() throws {
        let (data, training) = smallTraining()
        var h = Hyperparameters.fastai
        h.factors = 6; h.epochs = 1
        let trainer = try Trainer(data: training, hyper: h)
        let history = try trainer.fit()
        let contents = ModelFile.Contents(trainer: trainer, dataset: data, history: history)
        let url = Fixtures.folder().appendingPathComponent("m.latentlab")
        try ModelFile.write(contents, to: url)
        let back = try ModelFile.read(url)
        #expect(back == contents)
        let model = back.makeModel()
        #expect(model.predict(user: 3, item: 7) == trainer.model.predict(user: 3, item: 7))

        // Truncated and foreign-version files are refused with a clear message.
        let bytes = try Data(contentsOf: url)
        let cut = url.deletingLastPathComponent().appendingPathComponent("cut.latentlab")
        try bytes.prefix(bytes.count / 2).write(to: cut)
        #expect(throws: DataError.self) { try ModelFile.read(cut) }
        do { _ = try ModelFile.read(cut) } catch let e as DataError { #expect(e.message.contains("cut short")) }
        var other = bytes
        other[8] = 9
        let v9 = url.deletingLastPathComponent().appendingPathComponent("v9.latentlab")
        try other.write(to: v9)
        do { _ = try ModelFile.read(v9); Issue.record("a version 9 file was accepted") } catch let e as DataError {
            #expect(e.message.contains("version 9"))
        }
        // Nothing but the target is left in the folder (temporary files are renamed away).
        let names = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        #expect(!names.contains { $0.hasSuffix(".tmp") })
    }

    @Test func personalRatingsFileParsesIdsAndQuotedTitles() throws {
        let text = "movie,rating\n\"American President, The (1995)\",4.5\n1,5\nToy Story,3\n"
        let entries = try PersonalRatingsFile.parse(text, file: "me.csv")
        #expect(entries.map(\.movie) == ["American President, The (1995)", "1", "Toy Story"])
        #expect(entries.map(\.rating) == [4.5, 5, 3])
        #expect(throws: DataError.self) { try PersonalRatingsFile.parse("Toy Story,great\n", file: "me.csv") }
    }
}
