/// The book's "movies people love (or hate) regardless of their taste": the movie biases.
public enum BiasRanking {
    public struct Entry: Sendable, Equatable {
        public var item: Int
        public var bias: Float
    }

    /// Lowest and highest movie biases among movies with at least `minRatings` ratings.
    public static func extremes(model: DotProductBias, counts: [Int32], minRatings: Int = 0, n: Int = 10) -> (lowest: [Entry], highest: [Entry]) {
        var entries: [Entry] = []
        for m in 0..<model.itemCount where Int(counts[m]) >= minRatings {
            entries.append(Entry(item: m, bias: model.itemBias.storage[m]))
        }
        entries.sort { (a: Entry, b: Entry) -> Bool in a.bias != b.bias ? a.bias < b.bias : a.item < b.item }
        return (Array(entries.prefix(n)), Array(entries.suffix(n).reversed()))
    }
}
