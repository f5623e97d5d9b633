import Foundation
import Testing
@testable import LatentCore

@Suite("Split, cross-tab, search and the sample generator")
struct DataTests {
    @Test func splitIsDeterministicAndSized() {
        let a = Split.random(count: 1_000, validFraction: 0.2, seed: 7)
        let b = Split.random(count: 1_000, validFraction: 0.2, seed: 7)
        let c = Split.random(count: 1_000, validFraction: 0.2, seed: 8)
        #expect(a == b)
        #expect(a != c)
        #expect(a.valid.count == 200 && a.train.count == 800)
        #expect(Set(a.train).isDisjoint(with: Set(a.valid)))
        #expect(Set(a.train + a.valid) == Set((0..<1_000).map(Int32.init)))
    }

    @Test func crossTabMatchesBruteForce() {
        let data = Fixtures.smallSample()
        let t = data.ratings
        let tab = CrossTab(ratings: t, userIds: data.userIds, itemIds: data.itemIds)
        // Most active users and most rated movies, counted the slow way.
        var userCounts = [Int](repeating: 0, count: data.userCount)
        var itemCounts = [Int](repeating: 0, count: data.itemCount)
        for i in 0..<t.count { userCounts[Int(t.users[i])] += 1; itemCounts[Int(t.items[i])] += 1 }
        let (users, items) = tab.window(rows: 15, columns: 15)
        #expect(users.map { userCounts[Int($0)] } == userCounts.sorted(by: >).prefix(15).map { $0 })
        #expect(items.map { itemCounts[Int($0)] } == itemCounts.sorted(by: >).prefix(15).map { $0 })
        let cells = tab.cells(of: t, top: 3, left: 5, rows: 10, columns: 10)
        let (wu, wm) = tab.window(top: 3, left: 5, rows: 10, columns: 10)
        for (r, u) in wu.enumerated() {
            for (c, m) in wm.enumerated() {
                let brute = (0..<t.count).first { t.users[$0] == u && t.items[$0] == m }.map { t.values[$0] }
                #expect(cells[r][c] == brute)
            }
        }
        let byId = CrossTab(ratings: t, userIds: data.userIds, itemIds: data.itemIds, order: .id)
        #expect(byId.rowOrder.map { data.userIds[Int($0)] } == data.userIds.sorted())
    }

    @Test func titleSearchIgnoresArticlesCaseAndAccents() {
        let movies = [Movie(rawId: 1, title: "Empire Strikes Back, The (1980)"), Movie(rawId: 2, title: "Amelie (Fabuleux destin d'Amélie Poulain, Le) (2001)"),
                      Movie(rawId: 3, title: "Star Wars (1977)"), Movie(rawId: 4, title: "Wars of the Roses, The (1989)")]
        let search = MovieSearch(movies: movies, popularity: [10, 5, 50, 1])
        #expect(search.find("the empire strikes back").first == 0)
        #expect(search.find("EMPIRE").first == 0)
        #expect(search.find("amélie").first == 1)
        #expect(search.find("amelie poulain").first == 1)
        #expect(search.find("star").first == 2)
        #expect(search.find("the wars").first == 3)
        #expect(Set(search.find("wars")) == [2, 3])
        #expect(search.find("zzz").isEmpty)
        #expect(search.closest("empire strike bak").first == 0)
        // Counts that say nothing (a model without its ratings): the shorter title first.
        let equal = MovieSearch(movies: [Movie(rawId: 1, title: "Matrix Reloaded, The (2003)"), Movie(rawId: 2, title: "Matrix, The (1999)")],
                                popularity: [1, 1])
        #expect(equal.find("matrix") == [1, 0])
        #expect(TitleText.display("Shining, The (1980)") == "The Shining")
        #expect(TitleText.display("400 Blows, The (Les quatre cents coups) (1959)") == "The 400 Blows (Les quatre cents coups)")
        #expect(TitleText.display("City of Lost Children, The (Cité des enfants perdus, La) (1995)") == "The City of Lost Children (La Cité des enfants perdus)")
        #expect(TitleText.display("Birdman: Or (The Unexpected Virtue of Ignorance) (2014)") == "Birdman: Or (The Unexpected Virtue of Ignorance)")
        #expect(TitleText.year(in: "Shining, The (1980)") == 1980)
    }

    @Test func sampleGeneratorLooksLikeMovieLens() throws {
        var p = SampleGenerator.Parameters()
        p.users = 200; p.movies = 300; p.ratings = 25_000; p.seed = 11
        let out = SampleGenerator(p).generate()
        let again = SampleGenerator(p).generate()
        #expect(out.ratings.count == again.ratings.count)
        #expect(zip(out.ratings, again.ratings).allSatisfy { $0.user == $1.user && $0.movie == $1.movie && $0.rating == $1.rating },
                "deterministic for a seed")
        #expect(out.movies.count == 300)
        #expect(Set(out.movies.map(\.title)).count == 300)
        #expect(abs(Double(out.ratings.count) - 25_000) / 25_000 < 0.15)
        var perUser = [Int: Int]()
        for r in out.ratings { perUser[r.user, default: 0] += 1 }
        #expect(perUser.count == 200)
        #expect(perUser.values.min() ?? 0 >= 20)
        var hist = [Float: Int]()
        for r in out.ratings { hist[r.rating, default: 0] += 1 }
        let threesAndFours = (hist[3] ?? 0) + (hist[3.5] ?? 0) + (hist[4] ?? 0)
        #expect(Double(threesAndFours) / Double(out.ratings.count) > 0.45, "mostly 3s and 4s")
        #expect((hist[4] ?? 0) > (hist[1] ?? 0) * 5)
        #expect(out.ratings.allSatisfy { $0.rating >= 0.5 && $0.rating <= 5 })
        // Long tail: the most rated movie has many times the ratings of the median movie.
        var perMovie = [Int64: Int]()
        for r in out.ratings { perMovie[r.movie, default: 0] += 1 }
        let counts = perMovie.values.sorted()
        let median = Double(counts[counts.count / 2])
        #expect(Double(counts.last ?? 0) > 2 * median, "the top movie far above the median")
        #expect(Double(counts[counts.count / 10]) < 0.6 * median, "a tail of rarely rated movies")
    }

    @Test func bundledSampleDataMeetsItsBrief() throws {
        // The committed SampleData/: at least 500 movies, ~600 users with 20+ ratings, 60k–100k ratings.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = try DatasetLoader.load(root.appendingPathComponent("SampleData").path)
        #expect(data.format == .mlLatest)
        #expect(data.catalog.count >= 500)
        #expect((550...650).contains(data.userCount))
        #expect((60_000...100_000).contains(data.ratings.count))
        #expect((0..<data.userCount).allSatisfy { data.ratings.userActivity($0) >= 20 })
    }
}
