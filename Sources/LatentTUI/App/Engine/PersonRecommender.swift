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
    /// A sampled model: rank by the posterior's lower bound rather than its mean.
    private(set) var sureBets = false
    /// A sampled model: the person folded in under each kept sample (their posterior, `BayesianMF.foldIn`).
    private(set) var folded: FoldedPerson?
    private(set) var result: PersonalRecommendations.Result?
    /// Fold-ins done so far (for the snapshot, and to prove nothing is redone without cause).
    private(set) var foldIns = 0
    /// Grows with every change of the ratings or options: a fold-in is due at once then.
    private var revision = 0
    private var refresh = ModelRefresh<Int>(every: Self.minimumInterval)

    /// While training runs the model changes every step: fold in again at most this often.
    static let minimumInterval: UInt64 = 200_000_000

    init(user: Int, counts: [Int32], scale: RatingScale, foldIn: FoldIn.Rule = .standard) {
        self.user = user
        self.counts = counts
        self.scale = scale
        self.foldIn = foldIn
    }

    mutating func setRatings(_ r: [PersonRating]) {
        guard r != ratings else { return }
        ratings = r
        revision += 1
    }

    /// New ratings, given to the trainer's side table too (they teach the movies).
    mutating func setRatings(_ r: [PersonRating], on trainer: Trainer) {
        setRatings(r)
        trainer.setSideRatings(user: user, ratings.map { (Int($0.item), $0.rating) })
    }

    /// A new model: the person's row is the fold-in's alone, frozen for the optimizer, and
    /// their ratings go to its side table; the fold-in is due again.
    mutating func attach(to trainer: Trainer) {
        trainer.freeze(user: user)
        trainer.setSideRatings(user: user, ratings.map { (Int($0.item), $0.rating) })
        modelReplaced()
    }

    mutating func setOptions(scoring s: Recommender.Scoring, minRatings m: Int, sureBets b: Bool) {
        guard s != scoring || m != minRatings || b != sureBets else { return }
        scoring = s
        minRatings = m
        sureBets = b
        revision += 1
    }

    /// A new model (a rebuild): fold in against it at once.
    mutating func modelReplaced() { refresh.forget() }

    /// Folds in and ranks when something changed, writing the person's row into `model`:
    /// at once for new ratings or options, and for a changed model at most every
    /// `minimumInterval` while training runs (at once when it is paused, so a paused screen is
    /// never stale). Returns whether it did.
    @discardableResult
    mutating func update(trainer: Trainer, version: ModelVersion, running: Bool, now: UInt64) -> Bool {
        guard refresh.due(version, revision, running: running, now: now) else { return false }
        let model = trainer.model
        var r = PersonalRecommendations.make(model: model, ratings: ratings.map { (Int($0.item), $0.rating) }, counts: counts,
                                             minRatings: max(1, minRatings), n: 12, scoring: scoring, clipTo: scale, foldIn: foldIn)
        // A sampled model predicts by its posterior once samples are kept (the person's row is
        // sampled with everyone's from their ratings): the mean, or the sure bets' lower bound.
        folded = nil
        if let sampler = trainer.sampler, !ratings.isEmpty, let person = sampler.foldIn(ratings.map { (Int($0.item), $0.rating) }) {
            folded = person
            if scoring == .dot {
                let mean = ratings.map(\.rating).reduce(0, +) / Float(ratings.count)
                let liked = ratings.filter { $0.rating >= mean }.map { Int($0.item) }
                r.recommendations = PosteriorRanking.top(items: sampler.itemCount, posterior: { sampler.posterior(of: person, item: $0) },
                                                         exclude: Set(ratings.map { Int($0.item) }), counts: counts,
                                                         minRatings: max(1, minRatings), n: 12, sureBets: sureBets,
                                                         because: { Similarity.mostSimilar(to: $0, among: liked, model: model) })
            }
        }
        // The network has no closed form to fold a person in: their embedding learns from their
        // ratings as training goes on (the side table), and the network ranks the movies for it
        // (before any rating, for an embedding it knows nothing of: what it predicts for anyone).
        if let neural = trainer.neural, user < neural.net.userCount {
            let net = neural.net
            let rated = Set(ratings.map { Int($0.item) })
            let rare = Set((0..<min(counts.count, net.itemCount)).filter { Int(counts[$0]) < max(1, minRatings) })
            r.recommendations = net.top(user: user, n: 12, exclude: rated.union(rare), projections: net.itemProjections()).map { m in
                let p = net.predict(user: user, item: m)
                return Recommendation(item: m, score: scale.clip(p), unclipped: p)
            }
        }
        // The one write to the person's row.
        model.userFactors.setRow(user, to: r.person.factors)
        model.userBias[user, 0] = model.config.useBias ? r.person.bias : 0
        result = r
        foldIns += 1
        refresh.done(version, revision, now: now)
        return true
    }
}
