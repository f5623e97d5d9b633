import HeapModule

/// One recommended movie.
public struct Recommendation: Sendable, Equatable {
    public var item: Int
    /// The predicted rating, clipped to the rating scale when one was given (or the cosine to
    /// the person's taste in `.cosine` mode).
    public var score: Float
    /// The prediction before clipping (equal to `score` when nothing was clipped).
    public var unclipped: Float
    /// The person's rated movie most similar to this one ("because you liked ..."), if any.
    public var because: Int?
    /// A sampled model's posterior spread of the prediction (the standard deviation across the kept samples).
    public var spread: Float?

    public init(item: Int, score: Float, unclipped: Float? = nil, because: Int? = nil, spread: Float? = nil) {
        self.item = item; self.score = score; self.unclipped = unclipped ?? score; self.because = because; self.spread = spread
    }
}

/// Ranks the movies a person has not rated.
public enum Recommender {
    public enum Scoring: String, Sendable, CaseIterable {
        /// The model's predicted rating: dot product plus biases, squashed.
        case dot
        /// Cosine between the person's factor row and the movie's: taste alone, no popularity or bias.
        case cosine
    }

    /// A person as the model sees them: a factor row and a bias.
    public struct Person: Sendable, Equatable {
        public var factors: [Float]
        public var bias: Float
        public init(factors: [Float], bias: Float) { self.factors = factors; self.bias = bias }

        /// Someone the model knows nothing of: no taste, no bias (their order follows the movies' biases).
        public static func unknown(factors k: Int) -> Person { Person(factors: [Float](repeating: 0, count: k), bias: 0) }

        /// No taste to compare with: cosine scoring has nothing to measure.
        public var hasTaste: Bool { factors.contains { $0 != 0 } }
    }

    /// The top `n` movies for `person`, skipping `exclude` and movies with fewer than `minRatings` ratings.
    public static func top(model: DotProductBias, person: Person, exclude: Set<Int>, counts: [Int32],
                           minRatings: Int = 0, n: Int = 10, scoring: Scoring = .dot,
                           explainWith liked: [Int] = [], clipTo scale: RatingScale? = nil) -> [Recommendation] {
        let k = model.config.factors
        // Cosine to no taste at all is undefined: such a person is ranked by predicted rating.
        let scoring = person.hasTaste ? scoring : .dot
        let personNorm = max(1e-12, person.factors.reduce(0) { $0 + $1 * $1 }.squareRoot())
        // The person as a padded row, so scoring each movie is one SIMD dot product.
        let personRow = Embedding(rows: 1, dim: k)
        for (j, v) in person.factors.enumerated() { personRow[0, j] = v }
        let p = personRow.row(0), stride = model.itemFactors.stride
        let base = model.config.yRange == nil ? model.globalMean : 0
        let useBias = model.config.useBias
        var heap = Heap<Scored>()
        for m in 0..<model.itemCount {
            if Int(counts[m]) < minRatings || exclude.contains(m) { continue }
            let row = model.itemFactors.row(m)
            let d = dot(p, row, stride)
            // Rank by the raw score (the sigmoid keeps the order), squash only the winners.
            let s: Float
            switch scoring {
            case .dot:
                var z = d + base
                if useBias { z += person.bias + model.itemBias.storage[m] }
                s = z
            case .cosine:
                s = d / (personNorm * max(1e-12, norm(row, k)))
            }
            // A score that is not a number (parameters beyond what a float holds) ranks nowhere.
            guard s.isFinite else { continue }
            if heap.count == n, let worst = heap.min, Scored(score: s, item: m) < worst { continue }
            heap.insert(Scored(score: s, item: m))
            if heap.count > n { _ = heap.popMin() }
        }
        var out: [Recommendation] = []
        while let best = heap.popMax() {
            // Ranked by the raw score (the order stays), shown clipped to the scale.
            let raw = scoring == .dot ? model.squash(best.score) : best.score
            let shown = scoring == .dot ? (scale?.clip(raw) ?? raw) : raw
            out.append(Recommendation(item: best.item, score: shown, unclipped: raw,
                                      because: Similarity.mostSimilar(to: best.item, among: liked, model: model)))
        }
        return out
    }

    /// The person of an existing user row.
    public static func person(_ model: DotProductBias, user u: Int) -> Person {
        Person(factors: model.userFactors.lookup(u), bias: model.config.useBias ? model.userBias.storage[u] : 0)
    }

    /// Well-rated popular movies, for a person who has rated nothing yet: the movies with the
    /// highest bias among those with at least the median count of ratings.
    public static func popular(model: DotProductBias, counts: [Int32], exclude: Set<Int> = [], n: Int = 10,
                               clipTo scale: RatingScale? = nil) -> [Recommendation] {
        let sorted = counts.filter { $0 > 0 }.sorted()
        let threshold = sorted.isEmpty ? 0 : Int(sorted[sorted.count * 3 / 4])
        let person = Person(factors: [Float](repeating: 0, count: model.config.factors), bias: 0)
        return top(model: model, person: person, exclude: exclude, counts: counts, minRatings: threshold, n: n, clipTo: scale)
    }

    struct Scored: Comparable {
        var score: Float
        var item: Int
        static func < (a: Scored, b: Scored) -> Bool {
            a.score != b.score ? a.score < b.score : a.item > b.item
        }
    }
}

@inline(__always)
func norm(_ p: UnsafeMutablePointer<Float>, _ k: Int) -> Float {
    var s: Float = 0
    for j in 0..<k { s += p[j] * p[j] }
    return s.squareRoot()
}
