/// The best-loved popular movies from the ratings alone, for when there is no model worth
/// asking yet (random parameters): each movie's mean rating pulled toward the overall mean by
/// `prior` imaginary average ratings (a damped mean, so 5 stars from 3 people do not top it),
/// among movies with at least `minCount` ratings.
public enum PopularMovies {
    public struct Entry: Sendable, Equatable {
        public var item: Int
        public var mean: Float
        public var count: Int
        /// The damped mean the list is sorted by.
        public var score: Float
    }

    public static func rank(_ ratings: RatingsTable, n: Int, minCount: Int = 20, prior: Float = 10) -> [Entry] {
        var sums = [Double](repeating: 0, count: ratings.itemCount)
        for i in 0..<ratings.count { sums[Int(ratings.items[i])] += Double(ratings.values[i]) }
        let overall = ratings.mean
        let entries = (0..<ratings.itemCount).compactMap { m -> Entry? in
            let count = ratings.itemPopularity(m)
            guard count >= max(1, minCount) else { return nil }
            let mean = Float(sums[m] / Double(count))
            let score = (Float(sums[m]) + prior * overall) / (Float(count) + prior)
            return Entry(item: m, mean: mean, count: count, score: score)
        }
        return Array(entries.sorted { $0.score != $1.score ? $0.score > $1.score : $0.item < $1.item }.prefix(max(0, n)))
    }
}
