/// One stretch of training under one set of settings: a row of the explorer's runs table.
/// Comparing rows is the book's lesson without writing anything down (weight decay off, then
/// on: the best validation loss and the epoch it came at, side by side).
public struct RunRecord: Sendable, Codable, Equatable {
    /// What started the run: "start", "weight decay 0", "learning rate 0.01", "fresh parameters (seed 43)".
    public var label: String
    public var hyper: Hyperparameters
    public var startStep: Int
    public var steps = 0
    /// Epochs trained in this run (fractional while an epoch is under way).
    public var epochs = 0.0
    /// Mean training loss of each completed epoch: the lowest and the latest.
    public var trainBest: Float?
    public var trainFinal: Float?
    /// Validation MSE measured at epoch ends: the lowest, and the epoch of the run it came at (1-based).
    public var validBest: Float?
    public var bestEpoch: Int?
    /// The latest validation MSE at an epoch's end (before the first epoch ends, the latest full
    /// validation), so that best and final are figures of the same kind.
    public var validFinal: Float?
    /// Wall-clock seconds spent training.
    public var seconds = 0.0
    /// The top-k figures on the held-out ratings at the latest epoch end (`TopKEvaluation`):
    /// precision@k, NDCG@k and catalogue coverage (nil when not measured).
    public var precisionAtK: Double?
    public var ndcgAtK: Double?
    public var coverage: Double?

    public init(label: String, hyper: Hyperparameters, startStep: Int) {
        self.label = label; self.hyper = hyper; self.startStep = startStep
    }

    /// Whether validation ended above its best: the run went past its best epoch (overfitting,
    /// or a learning rate that knocked it out of a minimum).
    /// Compared as the table shows them (four decimals): a final that reads higher than the best is marked.
    public var overshot: Bool {
        guard let best = validBest, let last = validFinal else { return false }
        return (last * 10_000).rounded() > (best * 10_000).rounded()
    }
}

/// The runs of a session, oldest first. A run that never trained leaves no row.
public struct RunLog: Sendable, Codable, Equatable {
    public private(set) var runs: [RunRecord] = []
    /// Runs kept: the oldest are dropped beyond this.
    public static let capacity = 200

    public init() {}

    public var current: RunRecord? { runs.last }

    /// The rows worth showing: every run that trained.
    public var trainedRuns: [RunRecord] { runs.filter { $0.steps > 0 } }

    /// Begins a run; the one before is kept only if it trained.
    public mutating func start(label: String, hyper: Hyperparameters, step: Int) {
        if let last = runs.last, last.steps == 0 { runs.removeLast() }
        runs.append(RunRecord(label: label, hyper: hyper, startStep: step))
        if runs.count > Self.capacity { runs.removeFirst(runs.count - Self.capacity) }
    }

    /// Steps trained in the current run, how long they took, and how many epochs it has now.
    public mutating func recordTraining(steps: Int, seconds: Double, epochs: Double) {
        guard !runs.isEmpty else { return }
        runs[runs.count - 1].steps += steps
        runs[runs.count - 1].seconds += seconds
        runs[runs.count - 1].epochs = epochs
    }

    /// The current run's top k at an epoch's end.
    public mutating func recordRanking(_ report: TopKEvaluation.Report) {
        guard !runs.isEmpty, report.scores.users > 0 else { return }
        runs[runs.count - 1].precisionAtK = report.scores.precision
        runs[runs.count - 1].ndcgAtK = report.scores.ndcg
        runs[runs.count - 1].coverage = report.coverage
    }

    /// An epoch of the current run ended (`epoch` is 1-based within the run).
    public mutating func recordEpoch(_ epoch: Int, trainLoss: Float, validMSE: Float?) {
        guard !runs.isEmpty else { return }
        var r = runs[runs.count - 1]
        if trainLoss.isFinite {
            r.trainFinal = trainLoss
            r.trainBest = min(r.trainBest ?? trainLoss, trainLoss)
        }
        if let v = validMSE, v.isFinite {
            r.validFinal = v
            if v < (r.validBest ?? .infinity) { r.validBest = v; r.bestEpoch = epoch }
        }
        runs[runs.count - 1] = r
    }

    /// A full validation between epoch ends: the latest figure, until the run's first epoch has
    /// ended (then only epoch ends count, so that the final is never below a best it was not compared with).
    public mutating func recordValidation(_ mse: Float) {
        guard !runs.isEmpty, mse.isFinite, runs[runs.count - 1].bestEpoch == nil else { return }
        runs[runs.count - 1].validFinal = mse
    }
}

/// The runs' answer to the app's first question, can categories do it: the best validation of
/// the categories (`genres` preset) against the best of learned factors.
public struct CategoriesVersusLearned: Sendable, Equatable {
    public var categories: Float
    public var learned: Float

    /// From the runs that trained a full epoch on each side, if both did.
    public init?(_ runs: [RunRecord]) {
        func best(_ genres: Bool) -> Float? { runs.filter { $0.hyper.genreFactors == genres }.compactMap(\.validBest).min() }
        guard let c = best(true), let l = best(false) else { return nil }
        categories = c; learned = l
    }

    public init(categories: Float, learned: Float) { self.categories = categories; self.learned = learned }

    /// How much lower the learned factors' loss is, as a share of the categories' (negative: higher).
    public var improvement: Float { categories > 0 ? (categories - learned) / categories : 0 }

    /// `categories: 0.628 · learned: 0.514 (18% better)`.
    public var figures: String {
        let verdict = improvement >= 0.005 ? "\(Int((improvement * 100).rounded()))% better" : (improvement > -0.005 ? "the same" : "not better yet")
        return String(format: "categories: %.3f · learned: %.3f (%@)", categories, learned, verdict)
    }

    /// The whole sentence, as the runs table says it.
    public var sentence: String {
        if improvement >= 0.005 { return figures + ": latent factors find tastes no category names" }
        return figures + ": train the learned factors for more epochs, then compare again"
    }
}

/// A run's best validation loss kept on the loss chart as a labelled line: the categories
/// (`genres` preset) once you switch back to learned factors, so the comparison stays in sight.
public struct ReferenceLine: Sendable, Equatable, Codable {
    public var label: String
    public var mse: Float
    public init(label: String, mse: Float) { self.label = label; self.mse = mse }
}
