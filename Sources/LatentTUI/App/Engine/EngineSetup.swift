import Foundation
import LatentCore

/// How the engine starts: on fresh random parameters, or on a saved model or session
/// (already checked against the data set).
public enum EngineStart: Sendable {
    case fresh
    case saved(ModelFile.Contents, ModelAlignment, origin: SavedOrigin)
}

/// Where saved parameters came from.
public enum SavedOrigin: Sendable, Equatable {
    /// The explorer's own session for this data set.
    case session
    /// A model file named with `explore --model` (its path).
    case model(String)
}

/// Everything the training queue needs to start.
public struct EngineSetup: Sendable {
    public var dataset: Dataset
    public var split: Split
    public var hyper: Hyperparameters
    public var start: EngineStart
    /// Where the session is saved (nil: never).
    public var sessionURL: URL?
    /// Ratings per movie (`Dataset.movieCounts`).
    public var counts: [Int32]
    /// How a random split was drawn (saved with the session so a resume validates on the same ratings).
    public var splitSource: (seed: UInt64, fraction: Double)?
    /// Threads for the per-rating SGD (funk-svd); by default one core is left to the screen.
    public var threads = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)
    /// How the person is folded in: the opened model's rule (ALS-WR for a model imported from Spark).
    public var foldIn = FoldIn.Rule.standard
    /// Held-out sets from this size are validated beside the training when it runs flat out: on
    /// 25M ratings a full pass took a sixth of the training's time, which the trainer waited for.
    public var backgroundValidationFrom = 500_000

    public init(dataset: Dataset, split: Split, hyper: Hyperparameters, start: EngineStart = .fresh,
                sessionURL: URL? = nil, counts: [Int32]? = nil) {
        self.dataset = dataset; self.split = split; self.hyper = hyper; self.start = start
        self.sessionURL = sessionURL; self.counts = counts ?? dataset.movieCounts
    }
}

extension EngineSetup {
    /// The training data the engine trains on, with one more user row (the person), and which
    /// rows count as trained: a model opened on its factors says so itself; rows an import lacked
    /// (`covering`) are zeros whatever the split trains, predicted from the other side and never
    /// recommended while it is open. Then `splitSeen` is what the split alone trains: fresh
    /// parameters (`i`, a new setting) train every row again.
    func trainingData() -> (data: TrainingData, splitSeen: (users: [Bool], items: [Bool])?) {
        var data = TrainingData(dataset: dataset, split: split)
        if let factors = dataset.factorsOnly {
            (data.userSeen, data.itemSeen) = factors.trained(users: data.userCount)
        }
        data.addUsers(1)
        guard case .saved(let contents, let alignment, _) = start, contents.header.format == "imported", dataset.factorsOnly == nil else {
            return (data, nil)
        }
        let splitSeen = (data.userSeen, data.itemSeen)
        for u in contents.header.unseenUsers where u < alignment.userRows.count { data.userSeen[alignment.userRows[u]] = false }
        for m in contents.header.unseenItems where m < alignment.itemRows.count { data.itemSeen[alignment.itemRows[m]] = false }
        return (data, splitSeen)
    }
}

extension EngineSetup {
    /// Ratings per movie as the person's recommendations and the views count them. Movies with
    /// no training rating (all theirs held out) keep random factors: counted as unrated, they are
    /// never recommended, anyone's neighbour or on the map. (A model opened from its factors
    /// alone says itself which movies it never trained on.)
    func trainedCounts(_ data: TrainingData) -> [Int32] {
        guard dataset.capabilities.trains else { return counts }
        return counts.enumerated().map { m, c in m < data.itemSeen.count && data.itemSeen[m] ? c : 0 }
    }

    /// Puts where the engine starts in place: the saved parameters in the trainer, the runs in
    /// the state, the curves in the snapshot builder.
    func open(_ trainer: Trainer, _ state: inout EngineState, _ builder: inout SnapshotBuilder) throws {
        switch start {
        case .fresh:
            state.open(.fresh, TrainerFacts(trainer), epochsTrained: 0)
            builder.begin(hyper: hyper, reason: .start, message: nil)
        case .saved(let contents, let alignment, .session):
            try trainer.load(contents, alignment)
            state.open(.session(contents.header.session?.runs), TrainerFacts(trainer), epochsTrained: trainer.epochsTrained)
            if let record = contents.header.session { builder.resume(record) }
        case .saved(let contents, let alignment, .model(let path)):
            try trainer.load(contents, alignment)
            let reason = RebuildReason.opened(URL(fileURLWithPath: path).lastPathComponent)
            state.open(.model(label: reason.label), TrainerFacts(trainer), epochsTrained: trainer.epochsTrained)
            builder.begin(hyper: hyper, reason: reason, message: nil, at: trainer.step)
            builder.setPhase(.train)
        }
    }
}
