/// The figures of one epoch, as fastai's table prints them (plus RMSE and MAE).
public struct EpochMetrics: Sendable, Codable, Equatable {
    public var epoch: Int
    public var trainLoss: Float
    public var valid: ValidationMetrics
    public var seconds: Double

    public init(epoch: Int, trainLoss: Float, valid: ValidationMetrics, seconds: Double) {
        self.epoch = epoch; self.trainLoss = trainLoss; self.valid = valid; self.seconds = seconds
    }
}

/// Errors on the held-out ratings.
public struct ValidationMetrics: Sendable, Codable, Equatable {
    public var mse: Float
    public var rmse: Float
    public var mae: Float
    public var count: Int
    /// Held-out ratings whose user or movie has no training rating (predicted from biases and the mean).
    public var unseen: Int
    /// A sampled model (`bayes`): the held-out MSE of the running average over the kept samples,
    /// where `mse` is the current sample's alone (nil during burn-in and for other models).
    public var averagedMSE: Float?

    /// The figure a model is judged by: the averaged predictions' for a sampled model, else `mse`.
    public var modelMSE: Float { averagedMSE ?? mse }

    public init(mse: Float, rmse: Float, mae: Float, count: Int, unseen: Int) {
        self.mse = mse; self.rmse = rmse; self.mae = mae; self.count = count; self.unseen = unseen
    }

    public static let empty = ValidationMetrics(mse: .nan, rmse: .nan, mae: .nan, count: 0, unseen: 0)
}

/// What one step did.
public struct StepReport: Sendable, Equatable {
    /// The number of updates so far, this one included.
    public var step: Int
    /// The epoch this step belongs to (0-based) and how far into it the step got.
    public var epoch: Int
    public var epochFraction: Double
    public var loss: Float
    public var learningRate: Float
    public var batchSize: Int
    /// What the step did to the cell the caller watched, if it watched one.
    public var watched: WatchedCell?
    /// A sampled model's step: which part of the sweep it drew.
    public var gibbs: GibbsStep?
    /// A least-squares step: which side it solved.
    public var als: ALSStep?

    public init(step: Int, epoch: Int, epochFraction: Double, loss: Float, learningRate: Float, batchSize: Int, watched: WatchedCell? = nil) {
        self.step = step; self.epoch = epoch; self.epochFraction = epochFraction; self.loss = loss
        self.learningRate = learningRate; self.batchSize = batchSize; self.watched = watched
    }
}

/// One cell of the grid through one step (the explorer's step panel).
public struct WatchedCell: Sendable, Equatable {
    /// Whether the cell's rating was in the mini-batch.
    public var inBatch: Bool
    /// The prediction before and after the step.
    public var before: Float
    public var after: Float
    /// The cell's own term of the gradient of its user's and movie's factor rows (in the batch only;
    /// no user gradient for a frozen row).
    public var userGradient: [Float]?
    public var itemGradient: [Float]?
    /// A sampled model: the cell's posterior mean over the kept samples before and after the step (nil before any is kept).
    public var meanBefore: Float?
    public var meanAfter: Float?

    public init(inBatch: Bool, before: Float, after: Float, userGradient: [Float]? = nil, itemGradient: [Float]? = nil) {
        self.inBatch = inBatch; self.before = before; self.after = after
        self.userGradient = userGradient; self.itemGradient = itemGradient
    }
}

/// Where training stands, in the units a person reads: steps, epochs, schedule cycles.
public struct TrainingProgress: Sendable, Codable, Equatable {
    public var step: Int
    public var completedEpochs: Int
    /// How far into the next epoch, 0..<1 (0 at an epoch boundary).
    public var epochFraction: Double
    /// The schedule cycle (1 for the first) and the completed epochs when it began.
    public var cycle: Int
    public var cycleStartEpoch: Int

    public init(step: Int, completedEpochs: Int, epochFraction: Double, cycle: Int, cycleStartEpoch: Int) {
        self.step = step; self.completedEpochs = completedEpochs; self.epochFraction = epochFraction
        self.cycle = cycle; self.cycleStartEpoch = cycleStartEpoch
    }
}

/// One step of a sampled model: a part of a Gibbs sweep (`GibbsPart`), and where the chain stands.
public struct GibbsStep: Sendable, Equatable {
    public var part: GibbsPart
    /// The sweep this part belongs to (1 for the first).
    public var sweep: Int
    /// Sweeps averaged so far (after burn-in), and the burn-in's last sweep.
    public var averaged: Int
    public var burnInEnds: Int
    /// Samples kept whole for the posterior's spread.
    public var samplesKept: Int
    /// The noise's standard deviation in this sample (1/√α).
    public var noiseSD: Double

    public init(part: GibbsPart, sweep: Int, averaged: Int, burnInEnds: Int, samplesKept: Int, noiseSD: Double) {
        self.part = part; self.sweep = sweep; self.averaged = averaged; self.burnInEnds = burnInEnds
        self.samplesKept = samplesKept; self.noiseSD = noiseSD
    }
}
