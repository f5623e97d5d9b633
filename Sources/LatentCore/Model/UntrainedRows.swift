/// The users and movies of a model that never saw a training rating: all of theirs were held out
/// for validation, or an import lacked them and they were added as zero rows (`covering`). Their
/// parameters are the random initial ones (or zeros), so they are never used: a prediction for
/// them falls back to what is known (the other side's bias and the mean), as the trainer's does;
/// they are never recommended, never anyone's neighbour, never on a list of biases. Every command
/// says so in the same words (`note`).
public struct UntrainedRows: Sendable, Equatable {
    public var users: Set<Int>
    public var items: Set<Int>

    public init(users: Set<Int> = [], items: Set<Int> = []) {
        self.users = users; self.items = items
    }

    public init(_ header: ModelFile.Header) {
        self.init(users: Set(header.unseenUsers), items: Set(header.unseenItems))
    }

    public var isEmpty: Bool { users.isEmpty && items.isEmpty }

    /// The prediction for a cell from the trained parameters only: a side that never trained
    /// adds nothing; with neither side trained, the mean rating.
    public func predict(_ model: DotProductBias, user u: Int, item m: Int, mean: Float) -> Float {
        model.predictKnown(user: u, item: m, userKnown: !users.contains(u), itemKnown: !items.contains(m), mean: mean)
    }

    /// The note for a prediction that involves an untrained row, or nil when both are trained.
    public func note(user u: Int, userId: Int64, item m: Int, itemId: Int64) -> String? {
        switch (users.contains(u), items.contains(m)) {
        case (false, false): return nil
        case (true, false): return "\(Self.user(userId)): predicted from the movie's bias and the mean"
        case (false, true): return "\(Self.movie(itemId)): predicted from the user's bias and the mean"
        case (true, true): return "user \(userId) and movie \(itemId) have no training ratings (all were held out, or the import lacked them), so the model has learned neither: predicted as the mean rating"
        }
    }

    /// The words every command uses for an untrained user.
    public static func user(_ id: Int64) -> String {
        "user \(id) has no training ratings (all were held out, or the import lacked them), so the model has not learned their taste"
    }

    /// The words every command uses for an untrained movie.
    public static func movie(_ id: Int64) -> String {
        "movie \(id) has no training ratings (all were held out, or the import lacked them), so the model has not learned it"
    }
}

extension DotProductBias {
    /// A prediction from what is known: an untrained side's factors and bias are left out, and a
    /// cell with neither side trained is the mean rating (the trainer's rule, `Trainer.predict`).
    public func predictKnown(user u: Int, item m: Int, userKnown: Bool, itemKnown: Bool, mean: Float) -> Float {
        if !userKnown && !itemKnown { return mean }
        return squash(score(user: u, item: m, userKnown: userKnown, itemKnown: itemKnown))
    }
}
