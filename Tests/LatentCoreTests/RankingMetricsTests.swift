import Foundation
import Testing
@testable import LatentCore

/// The ranking metrics against hand-computed values, with Spark `RankingMetrics`' definitions.
@Suite("Ranking metrics")
struct RankingMetricsTests {
    /// Recommended [1, 2, 3, 4, 5], relevant {1, 3, 6}, k = 5: hits at ranks 1 and 3.
    @Test func oneUserByHand() throws {
        let s = try #require(RankingMetrics.score(recommended: [1, 2, 3, 4, 5], relevant: [1, 3, 6], k: 5))
        #expect(abs(s.precision - 2.0 / 5) < 1e-12)
        #expect(abs(s.recall - 2.0 / 3) < 1e-12)
        // DCG = 1/log2(2) + 1/log2(4) = 1.5; IDCG = 1 + 1/log2(3) + 1/log2(4) = 2.1309297535714573.
        #expect(abs(s.ndcg - 1.5 / 2.1309297535714573) < 1e-12)
        // AP = (1/1 + 2/3) / min(5, 3) = 0.5555…
        #expect(abs(s.map - (1 + 2.0 / 3) / 3) < 1e-12)
    }

    /// Spark MLlib's documented example (three queries, the third with no relevant movie, which
    /// Spark counts as 0 and LatentLab leaves out: its averages are ours × 2/3): precisionAt(5) =
    /// 0.8/3, ndcgAt(5) = 0.328788.
    @Test func sparksExample() {
        let lists: [(recommended: [Int], relevant: Set<Int>)] = [([1, 6, 2, 7, 8, 3, 9, 10, 4, 5], [1, 2, 3, 4, 5]),
                                                                 ([4, 1, 5, 6, 2, 7, 3, 8, 9, 10], [1, 2, 3]), ([1, 2, 3, 4, 5], [])]
        let s = RankingMetrics.average(lists, k: 5)
        #expect(s.users == 2)
        #expect(abs(s.precision * 2 / 3 - 0.8 / 3) < 1e-12)
        #expect(abs(s.ndcg * 2 / 3 - 0.328788) < 1e-6)
    }

    @Test func precisionDividesByKAndAPerfectListScoresOne() throws {
        let short = try #require(RankingMetrics.score(recommended: [7], relevant: [7], k: 10))
        #expect(short.precision == 0.1, "a list shorter than k: divided by k, as Spark does")
        #expect(short.recall == 1 && short.ndcg == 1 && short.map == 1)
        let perfect = try #require(RankingMetrics.score(recommended: [1, 2, 3], relevant: [1, 2, 3], k: 3))
        #expect(perfect == (1, 1, 1, 1))
        #expect(RankingMetrics.score(recommended: [1], relevant: [], k: 3) == nil)
    }

    @Test func theAverageSkipsUsersWithNothingRelevant() {
        let s = RankingMetrics.average([([1, 2], [2]), ([3, 4], [])], k: 2)
        #expect(s.users == 1)
        #expect(abs(s.precision - 0.5) < 1e-12 && s.recall == 1)
        #expect(abs(s.ndcg - (1 / log2(3.0))) < 1e-12 && abs(s.map - 0.5) < 1e-12)
    }
}

/// The held-out queries, the baselines and coverage on a table small enough to work out by hand.
@Suite("Top-k evaluation")
struct TopKEvaluationTests {
    /// Three users, five movies (already by user and movie, so positions are as written):
    /// user 0 rated 0,1 in training and 2 (5★), 3 (2★) held out; user 1 rated 0,2 in training and
    /// 1 (4★) held out; user 2 rated 0 in training and 4 (3★) held out (nothing relevant).
    func example() -> (RatingsTable, Split) {
        let users: [Int32] = [0, 0, 0, 0, 1, 1, 1, 2, 2]
        let items: [Int32] = [0, 1, 2, 3, 0, 1, 2, 0, 4]
        let values: [Float] = [4, 3, 5, 2, 5, 4, 3, 4, 3]
        let table = RatingsTable(users: users, items: items, values: values, userCount: 3, itemCount: 5)
        return (table, Split(count: 9, valid: [2, 3, 5, 8]))
    }

    @Test func queriesAndBaselinesByHand() throws {
        let (table, split) = example()
        let e = TopKEvaluation(table: table, split: split, k: 2, relevantAtLeast: 4)
        #expect(e.queries.map(\.user) == [0, 1])
        #expect(e.queries[0].seen == [0, 1] && e.queries[0].relevant == [2])
        #expect(e.queries[1].seen == [0, 2] && e.queries[1].relevant == [1])
        // Training counts: movie 0 ×3, 1 ×1, 2 ×1; 3 and 4 have none.
        #expect(e.trainCounts == [3, 1, 1, 0, 0])
        #expect(e.mostPopular == [0, 1, 2])
        let popular = e.evaluate(ranking: e.mostPopular)
        // User 0 gets [2] (hit at rank 1), user 1 gets [1] (hit at rank 1): precision 1/2 each (k = 2).
        #expect(popular.scores.precision == 0.5 && popular.scores.recall == 1 && popular.scores.ndcg == 1)
        // Shown: movies 1 and 2 of the five; the top 1% is movie 0, never shown.
        #expect(abs(popular.coverage - 2.0 / 5) < 1e-12 && popular.popularShare == 0)
        // Highest mean with at least one rating: 0 (13/3), 2 (3), 1 (3: ties by id).
        #expect(e.highestMean(table: table, split: split, minRatings: 1) == [0, 1, 2])
        #expect(e.highestMean(table: table, split: split, minRatings: 2) == [0])
    }

    /// A recommender's lists are scored as given, never with a movie the user trained on, on any number of threads.
    @Test func recommenderListsOnThreads() {
        let (table, split) = example()
        let e = TopKEvaluation(table: table, split: split, k: 2, relevantAtLeast: 4)
        for threads in [1, 2, 4] {
            let r = e.evaluate(threads: threads) { u, seen, n in
                #expect(seen.isDisjoint(with: u == 0 ? [2, 3] : [1]))
                return Array([4, 3, 2, 1].filter { !seen.contains($0) }.prefix(n))
            }
            // User 0: [4, 3], no hit; user 1: [4, 3], no hit.
            #expect(r.scores.precision == 0 && r.scores.users == 2)
            #expect(abs(r.coverage - 2.0 / 5) < 1e-12) // movies 3 and 4 of the five
        }
    }

    /// A seeded sample of the users when there are more than asked for: the same each time, and of the size asked.
    @Test func sampleOfUsers() {
        var users: [Int32] = [], items: [Int32] = [], values: [Float] = []
        for u in 0..<50 { for m in 0..<4 { users.append(Int32(u)); items.append(Int32(m)); values.append(m == 3 ? 5 : 3) } }
        let table = RatingsTable(users: users, items: items, values: values, userCount: 50, itemCount: 4)
        let split = Split(count: 200, valid: (0..<50).map { Int32($0 * 4 + 3) })
        let a = TopKEvaluation(table: table, split: split, relevantAtLeast: 4, maxUsers: 20)
        let b = TopKEvaluation(table: table, split: split, relevantAtLeast: 4, maxUsers: 20)
        #expect(a.queries.count == 20 && a.eligibleUsers == 50)
        #expect(a.queries.map(\.user) == b.queries.map(\.user))
    }
}

/// Embedding arithmetic against brute force: every movie's cosine to M[a] + M[b] − M[c], sorted.
@Suite("Embedding arithmetic")
struct EmbeddingArithmeticTests {
    @Test func nearestMatchesBruteForce() {
        let model = DotProductBias(users: 2, items: 30, config: ModelConfig(factors: 5, yRange: nil, useBias: true, initStd: 1))
        model.initialize(seed: 17)
        let counts = [Int32](repeating: 30, count: 30)
        let query = EmbeddingArithmetic.Query(plus: [3, 8], minus: [11])
        let v = (0..<5).map { model.itemFactors[3, $0] + model.itemFactors[8, $0] - model.itemFactors[11, $0] }
        func cosine(_ m: Int) -> Float {
            let row = model.itemFactors.lookup(m)
            let dot = zip(v, row).map(*).reduce(0, +)
            return dot / (v.map { $0 * $0 }.reduce(0, +).squareRoot() * row.map { $0 * $0 }.reduce(0, +).squareRoot())
        }
        let brute = (0..<30).filter { ![3, 8, 11].contains($0) }.sorted { cosine($0) > cosine($1) }
        let found = EmbeddingArithmetic.nearest(query, model: model, counts: counts, n: 7)
        #expect(found.map(\.item) == Array(brute.prefix(7)))
        for f in found { #expect(abs(f.cosine - cosine(f.item)) < 1e-5) }
        #expect(EmbeddingArithmetic.vector(query, model: model) == v)
        // A movie with fewer ratings than asked for, and the excluded ones, are never answers.
        var fewer = counts
        fewer[brute[0]] = 1
        #expect(!EmbeddingArithmetic.nearest(query, model: model, counts: fewer, minRatings: 5, n: 7).map(\.item).contains(brute[0]))
        #expect(!EmbeddingArithmetic.nearest(query, model: model, counts: counts, n: 7, exclude: [brute[1]]).map(\.item).contains(brute[1]))
    }
}
