/// Categories as hand-made factors: one factor per genre, each movie's row its genres
/// (1/√g in each of its g genres, so every row has length 1; a movie without genres is zero).
/// The `genres` preset fixes the movie factors to these rows to show how far categories get.
public struct GenreMatrix: Sendable, Equatable {
    /// The factors' names, the most common genre first.
    public var genres: [String]
    /// items × genres values, row-major.
    public var rows: [Float]

    /// The genres of a data set's movies, in its item order; nil when no movie has a genre.
    public init?(dataset: Dataset) {
        let movieGenres = (0..<dataset.itemCount).map { dataset.movie($0).genres.filter { $0 != "(no genres listed)" } }
        var frequency: [String: Int] = [:]
        for gs in movieGenres { for g in gs { frequency[g, default: 0] += 1 } }
        guard !frequency.isEmpty else { return nil }
        genres = frequency.keys.sorted { frequency[$0] != frequency[$1] ? frequency[$0] ?? 0 > frequency[$1] ?? 0 : $0 < $1 }
        let column = Dictionary(uniqueKeysWithValues: genres.enumerated().map { ($1, $0) })
        rows = [Float](repeating: 0, count: movieGenres.count * genres.count)
        for (m, gs) in movieGenres.enumerated() {
            let distinct = Set(gs)
            let value = 1 / Float(max(1, distinct.count)).squareRoot()
            for g in distinct { if let j = column[g] { rows[m * genres.count + j] = value } }
        }
    }

    public var count: Int { genres.count }
}
