/// A movie's main genre for colouring a map: the most telling of its genres (Animation over
/// Comedy, Horror over Thriller, ...), so that the clusters a person can name stand out.
/// The legend keeps the few genres that are the main genre of the most movies shown.
public struct GenreLegend: Sendable, Equatable {
    /// Genres from the most telling to the least (a movie's main genre is the first it has).
    public static let priority = ["Animation", "Documentary", "Horror", "Western", "War", "Musical", "Film-Noir", "Sci-Fi",
                                  "Children", "Children's", "Fantasy", "Crime", "Mystery", "Romance", "Thriller", "Adventure",
                                  "Action", "Comedy", "Drama", "IMAX"]

    /// The genres with a colour of their own, most movies first.
    public var genres: [String]
    /// How many of the movies shown have each genre of `genres` as their main one.
    public var counts: [Int]

    /// The main genre of a movie: the first of `priority` it has, else its first genre.
    public static func mainGenre(_ movie: Movie) -> String? {
        priority.first { movie.genres.contains($0) } ?? movie.genres.first
    }

    /// The legend for a set of movies: at most `size` genres; the rest are "other".
    public init(movies: [Movie], size: Int = 8) {
        var tally: [String: Int] = [:]
        for m in movies { if let g = Self.mainGenre(m) { tally[g, default: 0] += 1 } }
        let ranked = tally.keys.sorted { tally[$0] != tally[$1] ? tally[$0] ?? 0 > tally[$1] ?? 0 : $0 < $1 }.prefix(max(0, size))
        genres = Array(ranked)
        counts = genres.map { tally[$0] ?? 0 }
    }

    /// The legend index of a movie's main genre (nil: "other").
    public func index(of movie: Movie) -> Int? {
        Self.mainGenre(movie).flatMap { genres.firstIndex(of: $0) }
    }
}
