import Foundation

/// How good a top-k list is against the movies a user is known to like (issue 24's ranking
/// metrics), with the definitions Spark MLlib's `RankingMetrics` uses for binary relevance:
///
/// - precision@k = |top k ∩ relevant| / k (k, not the list's length, as Spark divides);
/// - recall@k = |top k ∩ relevant| / |relevant|;
/// - NDCG@k = Σ_{i<k, rec_i relevant} 1/log₂(i+2) over the same sum for an ideal list of
///   min(k, |relevant|) relevant movies;
/// - MAP@k = Σ_{i<k, rec_i relevant} (hits so far / (i+1)) / min(k, |relevant|).
///
/// Each is averaged over the users given; a user with no relevant movie is not a query (callers
/// choose the users: those with a held-out rating of 4 or more).
public enum RankingMetrics {
    public struct Scores: Sendable, Equatable {
        public var precision: Double
        public var recall: Double
        public var ndcg: Double
        public var map: Double
        /// Users averaged over.
        public var users: Int
    }

    /// One user's four figures; nil when nothing is relevant.
    public static func score(recommended: [Int], relevant: Set<Int>, k: Int) -> (precision: Double, recall: Double, ndcg: Double, map: Double)? {
        guard !relevant.isEmpty, k > 0 else { return nil }
        var hits = 0, dcg = 0.0, precisionSum = 0.0
        for (i, item) in recommended.prefix(k).enumerated() where relevant.contains(item) {
            hits += 1
            dcg += 1 / log2(Double(i + 2))
            precisionSum += Double(hits) / Double(i + 1)
        }
        let ideal = (0..<min(k, relevant.count)).reduce(0.0) { $0 + 1 / log2(Double($1 + 2)) }
        return (Double(hits) / Double(k), Double(hits) / Double(relevant.count), dcg / ideal,
                precisionSum / Double(min(k, relevant.count)))
    }

    /// The averages over `lists` (each user's recommendations, best first, and their relevant movies).
    public static func average(_ lists: [(recommended: [Int], relevant: Set<Int>)], k: Int) -> Scores {
        var sum = (0.0, 0.0, 0.0, 0.0), n = 0
        for list in lists {
            guard let s = score(recommended: list.recommended, relevant: list.relevant, k: k) else { continue }
            sum = (sum.0 + s.precision, sum.1 + s.recall, sum.2 + s.ndcg, sum.3 + s.map)
            n += 1
        }
        let d = Double(max(1, n))
        return Scores(precision: sum.0 / d, recall: sum.1 / d, ndcg: sum.2 / d, map: sum.3 / d, users: n)
    }
}
