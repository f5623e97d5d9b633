/// What `latentlab inspect` reports about a loaded data set.
public struct DatasetSummary: Sendable, Codable, Equatable {
    public struct Bin: Sendable, Codable, Equatable {
        public var rating: Float
        public var count: Int
    }
    public struct Ranked: Sendable, Codable, Equatable {
        public var id: Int64
        public var name: String
        public var ratings: Int
    }

    public var format: String
    public var source: String
    public var users: Int
    /// Movies with at least one rating.
    public var movies: Int
    /// Every movie the movies file lists.
    public var catalogMovies: Int
    public var ratings: Int
    public var sparsity: Double
    public var ratingMin: Float
    public var ratingMax: Float
    public var ratingStep: Float
    public var meanRating: Float
    public var histogram: [Bin]
    public var mostRated: [Ranked]
    public var mostActive: [Ranked]
    public var skippedLines: Int
    /// Earlier ratings of a (user, movie) pair rated again later: dropped, the last one kept.
    public var duplicateRatings: Int
    /// Whether the data was generated from planted tastes (`latentlab sample`), not collected.
    public var synthetic: Bool
    /// Catalogue movies with no title in the file (shown as `(untitled, id N)`).
    public var untitledMovies: Int

    enum CodingKeys: String, CodingKey {
        case format, source, users, movies, ratings, sparsity, histogram
        case catalogMovies = "catalog_movies", ratingMin = "rating_min", ratingMax = "rating_max"
        case ratingStep = "rating_step", meanRating = "mean_rating", mostRated = "most_rated"
        case mostActive = "most_active", skippedLines = "skipped_lines", synthetic
        case duplicateRatings = "duplicate_ratings", untitledMovies = "untitled_movies"
    }

    public init(_ data: Dataset, top: Int = 10) {
        format = data.format.rawValue
        synthetic = data.planted != nil
        source = data.source
        users = data.userCount
        movies = data.itemCount
        // Movies listed in the catalog plus rated movies that it does not list.
        let unlisted = data.itemIds.filter { data.catalog.movie(rawId: $0) == nil }.count
        catalogMovies = data.catalog.count + unlisted
        ratings = data.ratings.count
        sparsity = data.sparsity
        ratingMin = data.scale.min
        ratingMax = data.scale.max
        ratingStep = data.scale.step
        meanRating = data.ratings.mean
        histogram = RatingHistogram(data.ratings.values, scale: data.scale).populated.map { Bin(rating: $0.rating, count: $0.count) }
        let table = data.ratings
        let crossTab = CrossTab(ratings: table, userIds: data.userIds, itemIds: data.itemIds)
        let (topUsers, topItems) = crossTab.window(rows: top, columns: top)
        mostRated = topItems.map { m in
            Ranked(id: data.itemIds[Int(m)], name: data.movie(Int(m)).displayTitleWithYear, ratings: table.itemPopularity(Int(m)))
        }
        mostActive = topUsers.map { u in
            Ranked(id: data.userIds[Int(u)], name: "user \(data.userIds[Int(u)])", ratings: table.userActivity(Int(u)))
        }
        skippedLines = data.skippedLines
        duplicateRatings = data.duplicateRatings
        untitledMovies = data.catalog.movies.reduce(0) { $0 + ($1.isUntitled ? 1 : 0) }
    }
}
