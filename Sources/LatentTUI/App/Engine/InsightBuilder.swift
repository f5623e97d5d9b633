import LatentCore

/// Keeps the interpretation views' data up to date: the map (PCA of the most rated movies,
/// its signs kept from one update to the next), people on it, neighbours of the focus movie,
/// the biases, and the planted-structure score. Only what the screen asks for is computed, and
/// while training runs at most a few times a second.
struct InsightBuilder {
    let dataset: Dataset
    let counts: [Int32]
    private let activity: [Int32]
    /// Biases and neighbours among movies with at least this many ratings.
    private let minimumCount: Int
    /// Users' biases among users with at least this many ratings (all users when nothing says how many).
    private let userMinimum: Int
    private(set) var report = InsightReport()
    private var request = InsightRequest()
    /// What each part was computed for: the model, and what the screen asked (`ModelRefresh`).
    private var map = ModelRefresh<Bool>(every: Self.mapInterval)
    private var neighbours = ModelRefresh<NeighboursRequest>(every: Self.mapInterval)
    private var biases = ModelRefresh<BiasesRequest>(every: Self.slowInterval)
    private var planted = ModelRefresh<Bool>(every: Self.slowInterval)

    struct NeighboursRequest: Equatable { var focus: Int32?; var metric: Similarity.Metric; var n: Int; var plus: [Int32] = []; var minus: [Int32] = [] }
    struct BiasesRequest: Equatable { var focus: Int32?; var user: Int32? }

    /// While training runs: the map at most every quarter second, the biases and the planted score every second.
    static let mapInterval: UInt64 = 250_000_000
    static let slowInterval: UInt64 = 1_000_000_000
    /// Movies on the map.
    static let mapMovies = 1_000

    init(dataset: Dataset, counts: [Int32]) {
        self.dataset = dataset
        self.counts = counts
        // A model opened without its ratings knows what each user rated, if anything.
        activity = dataset.userActivity
        userMinimum = activity.contains { $0 > 0 } ? 5 : 0
        minimumCount = max(1, Self.minRatings(counts))
    }

    mutating func setRequest(_ r: InsightRequest) { request = r }

    /// A new model: everything is rebuilt at the next update (the map keeps its signs).
    mutating func modelReplaced() {
        map.forget(); neighbours.forget(); biases.forget(); planted.forget()
    }

    mutating func update(model: DotProductBias, version: ModelVersion, running: Bool, now: UInt64) {
        if request.view == .map, map.due(version, true, running: running, now: now) {
            report.map = MovieMap.build(model: model, counts: counts, count: Self.mapMovies, previous: report.map)
            map.done(version, true, now: now)
        }
        if request.view == .map, let map = report.map {
            report.people = request.people.filter { Int($0) < model.userCount }.map {
                MapPerson(user: $0, coordinates: map.place(user: model.userFactors.lookup(Int($0))))
            }
        }
        if request.view == .map || request.view == .neighbours {
            let wanted = NeighboursRequest(focus: request.focus, metric: request.metric, n: request.neighbours, plus: request.plus, minus: request.minus)
            if neighbours.due(version, wanted, running: running, now: now) {
                refreshNeighbours(model: model)
                neighbours.done(version, wanted, now: now)
            }
        }
        let selectedUser = request.people.first
        let wantedBiases = BiasesRequest(focus: request.focus, user: selectedUser)
        if request.view == .biases, biases.due(version, wantedBiases, running: running, now: now) {
            (report.lowestMovies, report.highestMovies) = BiasRanking.extremes(model: model, counts: counts, minRatings: minimumCount, n: 10)
            (report.lowestUsers, report.highestUsers) = BiasRanking.userExtremes(model: model, activity: activity, minRatings: userMinimum, n: 10)
            report.biasReference = model.config.yRange == nil ? dataset.ratings.mean : model.globalMean
            report.selectedMovieBias = request.focus.flatMap { ranked(model.itemBias, Int($0), limit: model.itemCount, model: model) }
            report.selectedUserBias = selectedUser.flatMap { ranked(model.userBias, Int($0), limit: dataset.userCount, model: model) }
            biases.done(version, wantedBiases, now: now)
        }
        if let truth = dataset.planted, planted.due(version, true, running: running, now: now) {
            report.planted = PlantedRecovery.report(model: model, itemIds: dataset.itemIds, planted: truth, counts: counts)
            planted.done(version, true, now: now)
        }
    }

    /// Row `i`'s bias, in stars, and its rank from the lowest among the first `limit` rows.
    private func ranked(_ table: Embedding, _ i: Int, limit: Int, model: DotProductBias) -> RankedBias? {
        guard i >= 0, i < limit, i < table.rows else { return nil }
        let b = table[i, 0]
        var below = 0
        for j in 0..<min(limit, table.rows) where table[j, 0] < b { below += 1 }
        return RankedBias(entry: BiasRanking.Entry(item: i, bias: b, stars: BiasRanking.stars(b, model: model)), rank: below + 1, of: limit)
    }

    private mutating func refreshNeighbours(model: DotProductBias) {
        report.focus = request.focus
        report.metric = request.metric
        guard let focus = request.focus.map(Int.init), focus < model.itemCount else {
            report.neighbours = []; report.focusRow = []; report.neighbourRows = []
            return
        }
        report.query = request.isArithmetic ? NeighboursQuery(plus: request.plus, minus: request.minus) : nil
        if request.isArithmetic {
            // The sum's neighbours, by cosine (a distance to a sum of rows has no scale to read).
            let query = EmbeddingArithmetic.Query(plus: [focus] + request.plus.map(Int.init), minus: request.minus.map(Int.init))
            report.neighbours = EmbeddingArithmetic.nearest(query, model: model, counts: counts, minRatings: minimumCount, n: request.neighbours)
            report.focusRow = EmbeddingArithmetic.vector(query, model: model)
            report.neighbourRows = report.neighbours.map { model.itemFactors.lookup($0.item) }
            return
        }
        // Rarely rated movies have noisy factors: among movies with a few ratings at least.
        report.neighbours = Similarity.neighbours(of: focus, model: model, counts: counts, minRatings: minimumCount,
                                                  n: request.neighbours, metric: request.metric)
        report.focusRow = model.itemFactors.lookup(focus)
        report.neighbourRows = report.neighbours.map { model.itemFactors.lookup($0.item) }
    }

    /// The book filters biases and neighbours to movies with enough ratings to mean something:
    /// here 5, or fewer on a small data set (the tenth of the median count).
    static func minRatings(_ counts: [Int32]) -> Int {
        let sorted = counts.filter { $0 > 0 }.sorted()
        guard !sorted.isEmpty else { return 0 }
        return min(5, max(1, Int(sorted[sorted.count / 2]) / 10))
    }
}
