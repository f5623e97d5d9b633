/// Every movie the data set describes, rated or not, keyed by its raw id.
public struct Catalog: Sendable {
    public private(set) var movies: [Movie] = []
    private var positionByRawId: [Int64: Int] = [:]

    public init(_ movies: [Movie] = []) {
        for movie in movies { add(movie) }
    }

    public var count: Int { movies.count }

    /// Adds a movie, replacing an earlier entry with the same id.
    public mutating func add(_ movie: Movie) {
        if let at = positionByRawId[movie.rawId] {
            movies[at] = movie
        } else {
            positionByRawId[movie.rawId] = movies.count
            movies.append(movie)
        }
    }

    public func movie(rawId: Int64) -> Movie? {
        positionByRawId[rawId].map { movies[$0] }
    }
}
