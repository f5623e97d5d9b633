import HeapModule

/// Recommendations from a sampled model's posterior: each movie's predicted rating is its mean
/// over the kept samples, with its spread. Ranked by the mean, or by a lower bound (mean − one
/// spread: the "sure bets", movies the model is confident the person will like, where the mean
/// alone favours movies with few ratings and a wide posterior).
public enum PosteriorRanking {
    /// The top `n` of `items` movies by `posterior` (a movie's mean and spread; nil: not ranked),
    /// skipping `exclude` and movies with fewer than `minRatings` ratings; `because` explains each
    /// by the model's nearest liked movie.
    public static func top(items: Int, posterior: (Int) -> (mean: Double, spread: Double)?, exclude: Set<Int>, counts: [Int32],
                           minRatings: Int = 0, n: Int = 10, sureBets: Bool, because: (Int) -> Int? = { _ in nil }) -> [Recommendation] {
        var heap = Heap<Recommender.Scored>()
        var found: [Int: (mean: Double, spread: Double)] = [:]
        for m in 0..<items {
            if exclude.contains(m) || (m < counts.count && Int(counts[m]) < minRatings) { continue }
            guard let p = posterior(m) else { continue }
            let s = Float(sureBets ? p.mean - p.spread : p.mean)
            guard s.isFinite else { continue }
            if heap.count == n, let worst = heap.min, Recommender.Scored(score: s, item: m) < worst { continue }
            heap.insert(Recommender.Scored(score: s, item: m))
            found[m] = p
            if heap.count > n { _ = heap.popMin() }
        }
        var out: [Recommendation] = []
        while let best = heap.popMax() {
            guard let p = found[best.item] else { continue }
            out.append(Recommendation(item: best.item, score: Float(p.mean), because: because(best.item), spread: Float(p.spread)))
        }
        return out
    }
}
