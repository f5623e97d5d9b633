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
    /// The latest validation MSE (also between epoch ends).
    public var validFinal: Float?
    /// Wall-clock seconds spent training.
    public var seconds = 0.0

    public init(label: String, hyper: Hyperparameters, startStep: Int) {
        self.label = label; self.hyper = hyper; self.startStep = startStep
    }

    /// Whether validation ended above its best: the run went past its best epoch (overfitting,
    /// or a learning rate that knocked it out of a minimum).
    public var overshot: Bool {
        guard let best = validBest, let last = validFinal else { return false }
        return last > best * 1.001
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

    /// A validation between epoch ends: only the latest figure changes.
    public mutating func recordValidation(_ mse: Float) {
        guard !runs.isEmpty, mse.isFinite else { return }
        runs[runs.count - 1].validFinal = mse
    }
}

/// A run's best validation loss kept on the loss chart as a labelled line: the categories
/// (`genres` preset) once you switch back to learned factors, so the comparison stays in sight.
public struct ReferenceLine: Sendable, Equatable, Codable {
    public var label: String
    public var mse: Float
    public init(label: String, mse: Float) { self.label = label; self.mse = mse }
}
