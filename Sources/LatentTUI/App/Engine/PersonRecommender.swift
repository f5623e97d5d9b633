import LatentCore

/// The person at the keyboard, as the model sees them: folded in, never trained.
///
/// Their factor row and bias are the ridge solution against the current movie factors
/// (`FoldIn`), recomputed only when their ratings or the model changed, and then at most a
/// few times a second. This recommender is the only writer of their row in the model: the
/// trainer freezes the row (their ratings still teach the movies through the side table).
struct PersonRecommender {
    let user: Int
    /// Ratings per movie: the data set's own figures (`RatingsTable.itemCounts`).
    let counts: [Int32]
    /// Predictions shown are clipped to it.
    let scale: RatingScale
    /// How the person's row is regularised (ALS-WR for a model imported from Spark).
    let foldIn: FoldIn.Rule
    private(set) var ratings: [PersonRating] = []
    private(set) var scoring = Recommender.Scoring.dot
    private(set) var minRatings = 0
    private(set) var result: PersonalRecommendations.Result?
    /// Fold-ins done so far (for the snapshot, and to prove nothing is redone without cause).
    private(set) var foldIns = 0
    private var stale = true
    private var foldedAt: ModelVersion?
    private var lastFoldIn: UInt64 = 0

    /// While training runs the model changes every step: fold in again at most this often.
    static let minimumInterval: UInt64 = 200_000_000

    /// Which model the last fold-in saw: a rebuild or any step makes a new one.
    struct ModelVersion: Equatable {
        var generation: Int
        var step: Int
    }

    init(user: Int, counts: [Int32], scale: RatingScale, foldIn: FoldIn.Rule = .standard) {
        self.user = user
        self.counts = counts
        self.scale = scale
        self.foldIn = foldIn
    }

    mutating func setRatings(_ r: [PersonRating]) {
        guard r != ratings else { return }
        ratings = r
        stale = true
    }

    mutating func setOptions(scoring s: Recommender.Scoring, minRatings m: Int) {
        guard s != scoring || m != minRatings else { return }
        scoring = s
        minRatings = m
        stale = true
    }

    /// A new model (a rebuild): fold in against it at once.
    mutating func modelReplaced() { stale = true }

    /// Folds in and ranks when something changed, writing the person's row into `model`:
    /// at once for new ratings or options, and for a changed model at most every
    /// `minimumInterval` while training runs (at once when it is paused, so a paused screen is
    /// never stale). Returns whether it did.
    @discardableResult
    mutating func update(model: DotProductBias, version: ModelVersion, running: Bool, now: UInt64) -> Bool {
        if !stale {
            guard version != foldedAt, !running || now &- lastFoldIn >= Self.minimumInterval else { return false }
        }
        let r = PersonalRecommendations.make(model: model, ratings: ratings.map { (Int($0.item), $0.rating) }, counts: counts,
                                             minRatings: max(1, minRatings), n: 12, scoring: scoring, clipTo: scale, foldIn: foldIn)
        // The one write to the person's row.
        model.userFactors.setRow(user, to: r.person.factors)
        model.userBias[user, 0] = model.config.useBias ? r.person.bias : 0
        result = r
        foldIns += 1
        stale = false
        foldedAt = version
        lastFoldIn = now
        return true
    }
}
