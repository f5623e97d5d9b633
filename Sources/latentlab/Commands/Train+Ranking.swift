import Foundation
import LatentCore

/// `train`'s top-k lines: how good each held-out user's top k is (`TopKEvaluation`), for the
/// trained model and for the two popularity lists it has to beat, on the run's split.
struct RankingComparison {
    var evaluation: TopKEvaluation
    var model: TopKEvaluation.Report
    var mostPopular: TopKEvaluation.Report
    var highestMean: TopKEvaluation.Report

    static let baselineMinRatings = 20

    /// Nil without a held-out rating good enough to count as relevant.
    static func baselines(_ data: Dataset, split: Split, k: Int) -> (TopKEvaluation, popular: TopKEvaluation.Report, mean: TopKEvaluation.Report)? {
        let evaluation = TopKEvaluation(table: data.ratings, split: split, k: k, relevantAtLeast: TopKEvaluation.relevanceThreshold(data.scale))
        guard !evaluation.queries.isEmpty else { return nil }
        return (evaluation, evaluation.evaluate(ranking: evaluation.mostPopular),
                evaluation.evaluate(ranking: evaluation.highestMean(table: data.ratings, split: split, minRatings: baselineMinRatings)))
    }

    static func measure(_ trainer: Trainer, data: Dataset, split: Split, k: Int, threads: Int) -> RankingComparison? {
        guard let (evaluation, popular, mean) = baselines(data, split: split, k: k) else { return nil }
        return RankingComparison(evaluation: evaluation, model: evaluation.evaluate(trainer, threads: threads), mostPopular: popular, highestMean: mean)
    }

    /// The two popularity lists' figures, as `--json` names them.
    var baselineSummaries: [String: RankingSummary] {
        ["most_popular": RankingSummary(mostPopular), "highest_mean": RankingSummary(highestMean)]
    }

    /// The header, then one line per list.
    var lines: [String] {
        let e = evaluation
        let sample = e.queries.count < e.eligibleUsers ? " (a seeded sample of \(e.queries.count.grouped) of \(e.eligibleUsers.grouped) users)" : " (\(e.queries.count.grouped) users)"
        return ["top \(e.k) (popular: the share of the lists' movies among the 1% most rated) against each user's held-out ratings ≥ \(formatRating(e.relevantAtLeast))\(sample):",
                Self.label("") + Self.header(k: e.k),
                Self.label("this model") + Self.row(model),
                Self.label("most popular") + Self.row(mostPopular),
                Self.label("highest mean (≥\(Self.baselineMinRatings) ratings)") + Self.row(highestMean)]
    }

    /// A row's name, in a column of its own.
    static func label(_ name: String) -> String {
        "  " + name + String(repeating: " ", count: max(1, 28 - name.count))
    }

    static func header(k: Int) -> String {
        ["prec@\(k)", "recall@\(k)", "ndcg@\(k)", "map@\(k)", "coverage", "popular"].map { $0.leftPadded(10) }.joined(separator: " ")
    }

    static func row(_ r: TopKEvaluation.Report) -> String {
        ([r.scores.precision, r.scores.recall, r.scores.ndcg, r.scores.map].map { String(format: "%10.4f", $0) }
            + [r.coverage, r.popularShare].map { String(format: "%9.1f%%", $0 * 100) }).joined(separator: " ")
    }
}

/// One list's figures in `--json`.
struct RankingSummary: Encodable {
    var k: Int
    var users: Int
    var precision: Double
    var recall: Double
    var ndcg: Double
    var map: Double
    var coverage: Double
    var popularShare: Double

    init(_ r: TopKEvaluation.Report) {
        k = r.k; users = r.scores.users
        precision = r.scores.precision; recall = r.scores.recall; ndcg = r.scores.ndcg; map = r.scores.map
        coverage = r.coverage; popularShare = r.popularShare
    }

    enum CodingKeys: String, CodingKey {
        case k, users, precision = "precision_at_k", recall = "recall_at_k", ndcg = "ndcg_at_k", map = "map_at_k"
        case coverage, popularShare = "popular_share"
    }
}
