import HeapModule

/// Embeddings as arithmetic (The Illustrated Word2Vec's "king − man + woman ≈ queen"): the movies
/// whose factor rows point the way of M[a] + M[b] − M[c], by cosine. The query's own movies are
/// never an answer (as word2vec tools leave out the words asked about). The rows are added as
/// they are, not normalised first, so a movie with long factors weighs more in the sum.
public enum EmbeddingArithmetic {
    public struct Query: Sendable, Equatable {
        public var plus: [Int]
        public var minus: [Int]
        public init(plus: [Int], minus: [Int] = []) { self.plus = plus; self.minus = minus }

        public var movies: Set<Int> { Set(plus + minus) }
    }

    /// Σ M[plus] − Σ M[minus], over the model's factors.
    public static func vector(_ query: Query, model: DotProductBias) -> [Float] {
        let k = model.config.factors
        var v = [Float](repeating: 0, count: k)
        for (items, sign) in [(query.plus, Float(1)), (query.minus, Float(-1))] {
            for m in items where m >= 0 && m < model.itemCount {
                let row = model.itemFactors.row(m)
                for j in 0..<k { v[j] += sign * row[j] }
            }
        }
        return v
    }

    /// The `n` movies with the highest cosine to the query's vector, among those with at least
    /// `minRatings` ratings, leaving out the query's movies and `exclude`.
    public static func nearest(_ query: Query, model: DotProductBias, counts: [Int32], minRatings: Int = 0, n: Int = 10,
                               exclude: Set<Int> = []) -> [Similarity.Neighbour] {
        let k = model.config.factors
        let v = vector(query, model: model)
        let vNorm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard vNorm > 0, n > 0 else { return [] }
        let skip = query.movies.union(exclude)
        var heap = Heap<Recommender.Scored>()
        for m in 0..<model.itemCount where !skip.contains(m) && m < counts.count && Int(counts[m]) >= minRatings {
            let row = model.itemFactors.row(m)
            var d: Float = 0
            for j in 0..<k { d += v[j] * row[j] }
            let c = d / max(1e-12, vNorm * norm(row, k))
            guard c.isFinite else { continue }
            heap.insert(Recommender.Scored(score: c, item: m))
            if heap.count > n { _ = heap.popMin() }
        }
        var out: [Similarity.Neighbour] = []
        while let best = heap.popMax() {
            let row = model.itemFactors.row(best.item)
            var d: Float = 0
            for j in 0..<k { d += (v[j] - row[j]) * (v[j] - row[j]) }
            out.append(Similarity.Neighbour(item: best.item, cosine: best.score, distance: d.squareRoot()))
        }
        return out
    }
}
