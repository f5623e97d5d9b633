/// The book's "movies people love (or hate) regardless of their taste": the movie biases,
/// and the users who rate everything high or low.
public enum BiasRanking {
    public struct Entry: Sendable, Equatable {
        /// A movie index (or a user index, for `userExtremes`).
        public var item: Int
        public var bias: Float
        /// What the bias does in stars: the predicted rating of an average rating's score with
        /// the bias minus without it (the bias itself for a model without a sigmoid).
        public var stars: Float

        public init(item: Int, bias: Float, stars: Float) { self.item = item; self.bias = bias; self.stars = stars }
    }

    /// Lowest and highest movie biases among movies with at least `minRatings` ratings.
    public static func extremes(model: DotProductBias, counts: [Int32], minRatings: Int = 0, n: Int = 10) -> (lowest: [Entry], highest: [Entry]) {
        rank(model.itemBias, model: model, counts: counts, minRatings: minRatings, n: n)
    }

    /// Lowest and highest user biases among users with at least `minRatings` ratings (`activity[u]`).
    public static func userExtremes(model: DotProductBias, activity: [Int32], minRatings: Int = 0, n: Int = 10) -> (lowest: [Entry], highest: [Entry]) {
        rank(model.userBias, model: model, counts: activity, minRatings: minRatings, n: n)
    }

    /// The change in a predicted rating caused by adding `bias` to the score of an average rating.
    public static func stars(_ bias: Float, model: DotProductBias) -> Float {
        guard model.config.yRange != nil else { return bias }
        let z0 = model.unsquash(model.globalMean)
        return model.squash(z0 + bias) - model.squash(z0)
    }

    static func rank(_ table: Embedding, model: DotProductBias, counts: [Int32], minRatings: Int, n: Int) -> (lowest: [Entry], highest: [Entry]) {
        var entries: [Entry] = []
        for i in 0..<min(table.rows, counts.count) where Int(counts[i]) >= minRatings && table.storage[i].isFinite {
            let b = table.storage[i]
            entries.append(Entry(item: i, bias: b, stars: stars(b, model: model)))
        }
        entries.sort { (a: Entry, b: Entry) -> Bool in a.bias != b.bias ? a.bias < b.bias : a.item < b.item }
        let k = max(0, n)
        return (Array(entries.prefix(k)), Array(entries.suffix(k).reversed()))
    }
}
