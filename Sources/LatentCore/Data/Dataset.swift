/// The layouts LatentLab reads (DESIGN.md §5).
public enum DatasetFormat: String, Sendable, Codable, CaseIterable {
    case ml100k = "ml-100k"
    case ml1m = "ml-1m"
    case ml10m = "ml-10m"
    /// ml-latest, ml-latest-small, ml-20m, ml-25m, ml-32m: `ratings.csv` + `movies.csv`.
    case mlLatest = "ml-latest"
    case generic
}

/// A loaded data set: the ratings table, the id maps back to the files' ids, and the catalog.
public struct Dataset: Sendable {
    /// Ratings per movie, the one place they come from: the table's (all ratings, training and
    /// held-out alike), or, for a model opened on its factors alone, the model's own counts.
    public var movieCounts: [Int32] { factorsOnly?.counts ?? ratings.itemCounts }

    /// Ratings per user, the same way: the table's, or the model's lists of what each rated.
    public var userActivity: [Int32] { factorsOnly?.activity ?? (0..<userCount).map { Int32(ratings.userActivity($0)) } }

    public var format: DatasetFormat
    /// Where it came from (a folder, a file or a zip), for messages and the state folder's key.
    public var source: String
    public var ratings: RatingsTable
    /// Dense user index → the id in the file.
    public var userIds: [Int64]
    /// Dense movie index → the id in the file.
    public var itemIds: [Int64]
    /// Every movie the data set lists, including ones nobody rated.
    public var catalog: Catalog
    public var scale: RatingScale
    /// Lines skipped with `--skip-bad-lines`, and the first reason.
    public var skippedLines: Int
    public var firstSkipped: DataError?
    /// Set when training and validation came as two files.
    public var predefinedSplit: Split?
    /// The generator's planted movie factors, when the data is a generated sample (`planted.csv`).
    public var planted: PlantedFactors?
    /// Ratings dropped because the same user rated the same movie again later (the last one
    /// is kept), and the first such pair by the files' ids.
    public var duplicateRatings = 0
    public var firstDuplicate: (user: Int64, movie: Int64)?
    /// Set when the data set is a model's ids and catalogue with no ratings (`FactorsOnly`).
    public var factorsOnly: FactorsOnly?

    public init(format: DatasetFormat, source: String, ratings: RatingsTable, userIds: [Int64], itemIds: [Int64],
                catalog: Catalog, scale: RatingScale, skippedLines: Int = 0, firstSkipped: DataError? = nil,
                predefinedSplit: Split? = nil) {
        self.format = format; self.source = source; self.ratings = ratings
        self.userIds = userIds; self.itemIds = itemIds; self.catalog = catalog; self.scale = scale
        self.skippedLines = skippedLines; self.firstSkipped = firstSkipped; self.predefinedSplit = predefinedSplit
        var index: [Int64: Int32] = [:]
        index.reserveCapacity(itemIds.count)
        for (i, raw) in itemIds.enumerated() { index[raw] = Int32(i) }
        self.itemIndexByRawId = index
    }

    private var itemIndexByRawId: [Int64: Int32]

    public var userCount: Int { ratings.userCount }
    public var itemCount: Int { ratings.itemCount }

    /// The catalog entry of dense movie `m` (a placeholder when the movies file does not list it).
    public func movie(_ m: Int) -> Movie {
        let raw = itemIds[m]
        return catalog.movie(rawId: raw) ?? Movie(rawId: raw, title: "Movie \(raw)")
    }

    /// Dense index of the movie with file id `raw`, if anyone rated it.
    public func itemIndex(rawId raw: Int64) -> Int? { itemIndexByRawId[raw].map(Int.init) }

    /// Fraction of the user × movie matrix that is empty.
    public var sparsity: Double {
        let cells = Double(userCount) * Double(itemCount)
        return cells > 0 ? 1 - Double(ratings.count) / cells : 1
    }
}
