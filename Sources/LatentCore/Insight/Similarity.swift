import HeapModule

/// Movies near each other in factor space: what the model learned about which films go
/// together. Near by the cosine of their factor rows (the angle, whatever the length), or by
/// the Euclidean distance between them (as the book does).
public enum Similarity {
    public enum Metric: String, Sendable, CaseIterable {
        case cosine
        case euclidean
    }

    public struct Neighbour: Sendable, Equatable {
        public var item: Int
        public var cosine: Float
        public var distance: Float
    }

    public static func cosine(_ model: DotProductBias, _ a: Int, _ b: Int) -> Float {
        let k = model.config.factors
        let pa = model.itemFactors.row(a), pb = model.itemFactors.row(b)
        var d: Float = 0
        for j in 0..<k { d += pa[j] * pb[j] }
        return d / max(1e-12, norm(pa, k) * norm(pb, k))
    }

    public static func distance(_ model: DotProductBias, _ a: Int, _ b: Int) -> Float {
        let k = model.config.factors
        let pa = model.itemFactors.row(a), pb = model.itemFactors.row(b)
        var d: Float = 0
        for j in 0..<k { d += (pa[j] - pb[j]) * (pa[j] - pb[j]) }
        return d.squareRoot()
    }

    /// The `n` movies nearest `item` (itself excluded), among those with at least `minRatings` ratings.
    public static func neighbours(of item: Int, model: DotProductBias, counts: [Int32], minRatings: Int = 0, n: Int = 10,
                                  metric: Metric = .cosine) -> [Neighbour] {
        guard item >= 0, item < model.itemCount, n > 0 else { return [] }
        var heap = Heap<Recommender.Scored>()
        for m in 0..<model.itemCount where m != item && m < counts.count && Int(counts[m]) >= minRatings {
            // The heap keeps the largest scores: the cosine, or the distance negated.
            let score = metric == .cosine ? cosine(model, item, m) : -distance(model, item, m)
            // Not a number (factors beyond what a float's products hold): never a neighbour.
            guard score.isFinite else { continue }
            heap.insert(Recommender.Scored(score: score, item: m))
            if heap.count > n { _ = heap.popMin() }
        }
        var out: [Neighbour] = []
        while let best = heap.popMax() {
            out.append(Neighbour(item: best.item, cosine: cosine(model, item, best.item), distance: distance(model, item, best.item)))
        }
        return out
    }

    /// Which of `candidates` is closest to `item`.
    public static func mostSimilar(to item: Int, among candidates: [Int], model: DotProductBias) -> Int? {
        var best: Int? = nil
        var bestScore = -Float.infinity
        for c in candidates where c != item {
            let s = cosine(model, item, c)
            if s > bestScore { best = c; bestScore = s }
        }
        return best
    }
}
