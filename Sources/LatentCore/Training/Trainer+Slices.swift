import Foundation

/// Training in short slices of the kernels: the explorer's flat-out speed, with the engine
/// answering commands and publishing a snapshot between slices.
extension Trainer {
    /// Trains about `limit` more ratings of the current epoch in the kernels (whole diagonals of
    /// the blocks, whole batches), never past its end: the explorer's flat-out speed, in
    /// slices short enough for the screen to stay responsive. Nil when this model's epochs do
    /// not run in a kernel (the `genres` preset, dense Adam): then `trainStep` is the way.
    public func trainSlice(ratings limit: Int) throws -> TrainingSlice? {
        guard usesFusedEpochs else { return nil }
        guard canTrain else { throw TrainingError.noTrainingData }
        beginNextStep()
        let (steps, ratings, loss) = (step, cursor, epochLossSum)
        let lr = currentLearningRate
        if usesPerRatingKernel {
            try fusedSGDEpoch(report: nil, limit: limit)
        } else if let adam = fusedAdamSettings() {
            try fusedAdamEpoch(adam, report: nil, limit: limit)
        }
        applyGravityAtEpochEnd()
        let done = cursor - ratings
        return TrainingSlice(steps: step - steps, ratings: done,
                             meanLoss: done > 0 ? Float((epochLossSum - loss) / Double(done)) : .nan, learningRate: lr)
    }
}

/// What `trainSlice` did.
public struct TrainingSlice: Sendable, Equatable {
    /// Updates made (batches; ratings for the per-rating kernel).
    public var steps: Int
    public var ratings: Int
    /// The mean squared error of the ratings trained, before each one's update.
    public var meanLoss: Float
    /// The learning rate when the slice began.
    public var learningRate: Float
}
