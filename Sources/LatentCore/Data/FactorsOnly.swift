/// What a data set made from a model's factors alone knows, when its ratings are not loaded
/// (a model trained on a cluster, on more ratings than this machine holds): the ids and the
/// catalogue come from the model file, the ratings table is empty. The explorer then shows
/// what needs only factors (the map, neighbours, biases, the person's fold-in and
/// recommendations, the grid's predictions) and says which views need the ratings.
public struct FactorsOnly: Sendable, Equatable {
    /// The model's file (or factor directory) name, for titles and messages.
    public var modelName: String
    /// Where the model says it was trained (its data set, or the tool that made it).
    public var trainedOn: String
    /// Ratings per movie as the model file knows them; every movie counts once when it knows
    /// none (imported without its data set): the map and the lists then take the file's order.
    public var counts: [Int32]
    public var countsKnown: Bool
    /// Ratings per user, from the model's lists of what each rated (zeros when it has none).
    public var activity: [Int32]
    /// Users the model never trained on (their rows are random): predicted from biases alone.
    public var untrainedUsers: [Int]

    public init(modelName: String, trainedOn: String, counts: [Int32], countsKnown: Bool, activity: [Int32], untrainedUsers: [Int] = []) {
        self.modelName = modelName; self.trainedOn = trainedOn
        self.counts = counts; self.countsKnown = countsKnown; self.activity = activity; self.untrainedUsers = untrainedUsers
    }

    /// Which users and movies the model trained (what `Trainer.predict` takes as known).
    public func trained(users: Int) -> (users: [Bool], items: [Bool]) {
        var seen = [Bool](repeating: true, count: users)
        for u in untrainedUsers where u >= 0 && u < users { seen[u] = false }
        return (seen, counts.map { $0 > 0 })
    }

    /// One sentence for the screen: what works without the ratings, and how to load them.
    public static let needsRatings = "Training, the loss curve and the known ratings need the ratings, which are not loaded: "
        + "open the model with --data PATH (the data set it was trained on) to train and step through it."
}
