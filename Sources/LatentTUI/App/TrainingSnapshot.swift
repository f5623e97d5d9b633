import LatentCore

/// How fast the explorer trains: a ladder of step rates, then as fast as possible.
public enum Speed: Int, Sendable, CaseIterable, Comparable {
    case one = 1, ten = 10, hundred = 100, thousand = 1_000, tenThousand = 10_000, max = 0

    public var label: String { self == .max ? "flat out" : "\(rawValue.grouped)/s" }
    public var faster: Speed { Speed.allCases.firstIndex(of: self).flatMap { $0 + 1 < Speed.allCases.count ? Speed.allCases[$0 + 1] : nil } ?? .max }
    public var slower: Speed { Speed.allCases.firstIndex(of: self).flatMap { $0 > 0 ? Speed.allCases[$0 - 1] : nil } ?? .one }
    public static func < (a: Speed, b: Speed) -> Bool {
        (Speed.allCases.firstIndex(of: a) ?? 0) < (Speed.allCases.firstIndex(of: b) ?? 0)
    }
}

/// The cells on screen, which the training queue predicts after each step.
public struct Viewport: Sendable, Equatable {
    public var users: [Int32]
    public var items: [Int32]
    public var selectedUser: Int32?
    public var selectedItem: Int32?

    public init(users: [Int32] = [], items: [Int32] = [], selectedUser: Int32? = nil, selectedItem: Int32? = nil) {
        self.users = users; self.items = items; self.selectedUser = selectedUser; self.selectedItem = selectedItem
    }

    /// The selected cell, when there is one (the cell a step reports on).
    var selectedCell: (user: Int, item: Int)? {
        guard let u = selectedUser, let m = selectedItem else { return nil }
        return (Int(u), Int(m))
    }
}

/// An immutable picture of training for the screen: small and bounded, whatever the size of
/// the data (never a copy of an embedding table). It is what is *in force*; what the person
/// asked for lives in `AppState`.
public struct TrainingSnapshot: Sendable, Equatable {
    public var generation = 0
    /// Increases with every published snapshot: the screen redraws only when it changed.
    public var revision = 0
    public var hyper: Hyperparameters
    public var step = 0
    /// Epochs fully trained, and how far into the current one (1 once it ended).
    public var completedEpochs = 0
    public var epochFraction = 0.0
    /// The schedule cycle under way (1 for the first) and its completed epochs.
    public var cycle = 1
    public var cycleEpochs = 0
    public var cycleDone = false
    public var stepsPerEpoch = 1
    public var running = false
    public var speed = Speed.hundred
    /// Running to the end of an epoch (`S`), as fast as it can.
    public var toEpochEnd = false
    /// The learning rate of the last step (of the next one before any step): the header and
    /// the step panel show this one figure.
    public var learningRate: Float = 0
    public var lastBatchLoss: Float?
    /// Ratings trained since the explorer opened (every step and slice).
    public var ratingsTrained = 0
    public var train = LossHistory()
    public var valid: [ValidPoint] = []
    /// A sampled model: the held-out MSE of the running average over the kept samples, where
    /// `valid` is each sample's alone (the chart shows why averaging helps).
    public var averaged: [ValidPoint] = []
    /// A sampled model's last step: the part of the sweep it drew, where the chain stands.
    public var gibbs: GibbsStep?
    /// A least-squares model's last step: the side it solved.
    public var als: ALSStep?
    public var lastValid: ValidationMetrics?
    public var markers: [Marker] = []
    public var stepsPerSecond = 0.0
    /// Training ratings a second while running (a step is a batch of them).
    public var ratingsPerSecond = 0.0
    /// Predictions for `viewport`, row-major (`users.count × items.count`).
    public var viewport = Viewport()
    public var predictions: [Float] = []
    /// Items ranked by the selected user's predicted rating (for the grid's third order).
    public var rankingUser: Int32?
    public var ranking: [Int32] = []
    /// A message for the status line (divergence, the end of a cycle, a resumed session, ...).
    public var message: EngineMessage?
    /// How many times new settings were refused (a rebuild that failed): when it grows, the
    /// screen's requested settings go back to `hyper`, the ones in force.
    public var refusedSettings = 0
    /// The selected cell taken apart (the step panel).
    public var cell: CellReport?
    /// What the last command did: drew random parameters, or trained.
    public var phase = Phase.initialize
    /// The validation curve of the run before the last change of settings, to compare with.
    public var previousValid: [ValidPoint] = []
    public var previousLabel: String?
    /// Recommendations for the person (the most popular well-rated movies before they rate any).
    public var recommendations: [Recommendation] = []
    public var personRated = 0
    public var scoring = Recommender.Scoring.dot
    public var minRatings = 0
    /// How many times the person was folded in (it happens only when their ratings or the model changed).
    public var foldIns = 0
    /// One row per run of settings (the runs table).
    public var runs: [RunRecord] = []
    /// When the session was last saved, if it was.
    public var savedAt: String?
    /// The interpretation views' data (the map, neighbours, biases, the planted-structure score).
    public var insight = InsightReport()
    /// The categories' best validation loss, drawn on the loss chart after switching back to learned factors.
    public var reference: ReferenceLine?

    public init(hyper: Hyperparameters) { self.hyper = hyper }

    /// The prediction for a cell on screen, if the snapshot has it.
    public func prediction(user: Int32, item: Int32) -> Float? {
        guard let r = viewport.users.firstIndex(of: user), let c = viewport.items.firstIndex(of: item) else { return nil }
        let i = r * viewport.items.count + c
        return i < predictions.count ? predictions[i] : nil
    }
}

extension TrainingSnapshot {
    /// `▶ 100/s`, `▶ to the epoch's end`, `⏸ paused`.
    public var runningText: String {
        guard running else { return "⏸ paused" }
        return toEpochEnd ? "▶ to the epoch's end" : "▶ \(speed.label)"
    }

    /// `epoch 2/5` within the planned cycle, `epoch 5/5 done` at its end, `cycle 2 · epoch 1/5` beyond.
    public var epochText: String {
        Self.epochText(cycle: cycle, cycleEpochs: cycleEpochs, planned: hyper.epochs, cycleDone: cycleDone, unit: hyper.sampled ? "sweep" : "epoch")
    }

    /// `cycle 2 · epoch 1/5`: the one wording of where training stands, for the status line and
    /// for the message of a resumed session alike.
    /// (A sampled model's epochs are Gibbs sweeps: `unit` "sweep".)
    public static func epochText(cycle: Int, cycleEpochs: Int, planned: Int, cycleDone: Bool, unit: String = "epoch") -> String {
        let prefix = cycle > 1 ? "cycle \(cycle) · " : ""
        if cycleDone { return prefix + "\(unit) \(planned)/\(planned) done" }
        // An epoch that just ended counts as done: the next one is the one under way.
        return prefix + "\(unit) \(min(planned, cycleEpochs + 1))/\(planned)"
    }
}
