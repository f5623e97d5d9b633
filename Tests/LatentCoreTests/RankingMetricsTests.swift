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
