import HeapModule

/// Movies near each other in factor space (cosine similarity): what the model learned
/// about which films go together.
public enum Similarity {
    public struct Neighbour: Sendable, Equatable {
        public var item: Int
        public var cosine: Float
    }

    public static func cosine(_ model: DotProductBias, _ a: Int, _ b: Int) -> Float {
        let k = model.config.factors
        let pa = model.itemFactors.row(a), pb = model.itemFactors.row(b)
        var d: Float = 0
        for j in 0..<k { d += pa[j] * pb[j] }
        return d / max(1e-12, norm(pa, k) * norm(pb, k))
    }

    /// The `n` movies most similar to `item` (itself excluded), among those with at least `minRatings` ratings.
    public static func neighbours(of item: Int, model: DotProductBias, counts: [Int32], minRatings: Int = 0, n: Int = 10) -> [Neighbour] {
        var heap = Heap<Recommender.Scored>()
        for m in 0..<model.itemCount where m != item && Int(counts[m]) >= minRatings {
            heap.insert(Recommender.Scored(score: cosine(model, item, m), item: m))
            if heap.count > n { _ = heap.popMin() }
        }
        var out: [Neighbour] = []
        while let best = heap.popMax() { out.append(Neighbour(item: best.item, cosine: best.score)) }
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
