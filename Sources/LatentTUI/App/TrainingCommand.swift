import LatentCore

/// What the screen asks of the training queue. The UI sends these and never waits.
public enum TrainingCommand: Sendable, Equatable {
    case run
    case pause
    case toggleRun
    /// Exactly one mini-batch.
    case step
    /// The rest of the current epoch (or a whole one).
    case stepEpoch
    /// A new random initialisation (step 0, empty loss curve), optionally with a new seed.
    case reset(newSeed: Bool)
    case setSpeed(Speed)
    /// New hyperparameters: the model is initialised again, and the change is marked on the curve.
    case setHyperparameters(Hyperparameters, reason: String)
    case setViewport(Viewport)
    /// Rank every movie by this user's predicted rating (nil: stop).
    case rank(user: Int32?)
    /// The person's ratings as they stand (movie index → rating): folded in at once, trained from the next epoch.
    case setPersonRatings([PersonRating])
    case setRecommendationOptions(scoring: Recommender.Scoring, minRatings: Int)
    case shutdown
}

/// One of the person's ratings.
public struct PersonRating: Sendable, Equatable {
    public var item: Int32
    public var rating: Float
    public init(item: Int32, rating: Float) { self.item = item; self.rating = rating }
}
