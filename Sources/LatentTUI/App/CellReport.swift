import LatentCore

/// Which of the book's steps the last key press performed (highlighted in the step panel).
public enum Phase: Sendable, Equatable {
    case initialize
    case train
}

/// What the last step did to the selected cell.
public struct CellStep: Sendable, Equatable {
    /// Whether the cell's rating was in the mini-batch.
    public var inBatch: Bool
    public var before: Float
    public var after: Float
    public var learningRate: Float
    /// The cell's own contribution to the gradient of its user's and movie's factor rows.
    public var userGradient: [Float]?
    public var itemGradient: [Float]?
    /// A sampled model: the cell's posterior mean before and after the step.
    public var meanBefore: Float?
    public var meanAfter: Float?

    public init(inBatch: Bool, before: Float, after: Float, learningRate: Float, userGradient: [Float]? = nil, itemGradient: [Float]? = nil) {
        self.inBatch = inBatch; self.before = before; self.after = after; self.learningRate = learningRate
        self.userGradient = userGradient; self.itemGradient = itemGradient
    }

    /// The trainer's report of a watched cell, with the step's learning rate.
    init(_ w: WatchedCell, learningRate: Float) {
        self.init(inBatch: w.inBatch, before: w.before, after: w.after, learningRate: learningRate,
                  userGradient: w.userGradient, itemGradient: w.itemGradient)
        meanBefore = w.meanBefore
        meanAfter = w.meanAfter
    }
}

/// The step panel's picture of the selected cell.
public struct CellReport: Sendable, Equatable {
    public var breakdown: PredictionBreakdown
    /// The known rating, and whether it is a training or a held-out rating.
    public var actual: Float?
    public var heldOut: Bool
    public var lastStep: CellStep?
    /// The cell's prediction after each step since it was selected (or since the reset).
    public var history = LossHistory(capacity: 240)
    /// A sampled model: the cell's posterior over the kept samples, and its mean after each step.
    public var posterior: CellPosterior?
    public var meanHistory = LossHistory(capacity: 240)
    /// The neural network (nn): the cell through its layers (the input, each hidden layer, the output).
    public var network: CollabNN.Activations?
}

/// A prediction's posterior: the mean and spread (standard deviation) over the kept samples.
public struct CellPosterior: Sendable, Equatable {
    public var mean: Float
    public var spread: Float
    public var samples: Int
}
