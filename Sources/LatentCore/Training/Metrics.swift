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
}
