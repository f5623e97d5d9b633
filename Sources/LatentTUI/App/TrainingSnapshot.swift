import LatentCore

/// How fast the explorer trains.
public enum Speed: Int, Sendable, CaseIterable, Comparable {
    case one = 1, ten = 10, hundred = 100, max = 0

    public var label: String { self == .max ? "max" : "\(rawValue)/s" }
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
}

/// A validation figure at a step.
public struct ValidPoint: Sendable, Equatable {
    public var step: Int
    public var mse: Float
}

/// Something that changed mid-run (reset, learning rate, ...), drawn on the loss curve.
public struct Marker: Sendable, Equatable {
    public var step: Int
    public var label: String
}

/// An immutable picture of training for the screen: small and bounded, whatever the size of
/// the data (never a copy of an embedding table).
public struct TrainingSnapshot: Sendable {
    public var generation = 0
    /// Increases with every published snapshot: the screen redraws only when it changed.
    public var revision = 0
    public var hyper: Hyperparameters
    public var step = 0
    public var epoch = 0
    public var epochFraction = 0.0
    public var stepsPerEpoch = 1
    public var running = false
    public var speed = Speed.hundred
    public var learningRate: Float = 0
    public var lastBatchLoss: Float?
    public var train = LossHistory()
    public var valid: [ValidPoint] = []
    public var lastValid: ValidationMetrics?
    public var markers: [Marker] = []
    public var stepsPerSecond = 0.0
    /// Predictions for `viewport`, row-major (`users.count × items.count`).
    public var viewport = Viewport()
    public var predictions: [Float] = []
    /// Items ranked by the selected user's predicted rating (for the grid's third order).
    public var rankingUser: Int32?
    public var ranking: [Int32] = []
    /// A message for the status line (divergence, the end of a cycle, ...).
    public var message: String?
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

    public init(hyper: Hyperparameters) { self.hyper = hyper }

    /// The prediction for a cell on screen, if the snapshot has it.
    public func prediction(user: Int32, item: Int32) -> Float? {
        guard let r = viewport.users.firstIndex(of: user), let c = viewport.items.firstIndex(of: item) else { return nil }
        let i = r * viewport.items.count + c
        return i < predictions.count ? predictions[i] : nil
    }
}

extension TrainingSnapshot {
    /// `epoch 2/5` within the planned run, `epoch 7` beyond it (another cycle).
    public var epochText: String {
        epoch < hyper.epochs ? "epoch \(epoch + 1)/\(hyper.epochs)" : "epoch \(epoch + 1)"
    }
}
