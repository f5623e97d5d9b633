import Foundation

/// Alternating least squares (the `als` preset) driven as a trainer: each step is a half-step
/// (every user row solved with the movies fixed, then every movie row with the users fixed), an
/// epoch both. The training loss is the squared error after the half-step: it falls in stairs.
extension Trainer {
    /// The solver for these hyperparameters (nil unless the optimizer is `als`).
    static func leastSquares(_ h: Hyperparameters, threads: Int) -> AlternatingLeastSquares? {
        h.optimizer == .als ? AlternatingLeastSquares(regularization: Double(h.weightDecay), unobservedWeight: Double(h.unobservedWeight), threads: threads) : nil
    }

    func alsStep(_ als: AlternatingLeastSquares, watching cell: (user: Int, item: Int)?) throws -> StepReport {
        guard canTrain else { throw TrainingError.noTrainingData }
        beginNextStep()
        let half = als.next
        let before = cell.map { predict(user: $0.user, item: $0.item) }
        let (sse, n) = als.solveHalf(model, skip: frozenUser)
        let loss = Float(sse / Double(max(1, n)))
        guard loss.isFinite else { throw TrainingError.diverged(step: step + 1, learningRate: 0) }
        step += 1
        cursor = half == .users ? epochSize / 2 : epochSize
        // The epoch's loss is the last half-step's: both halves measure every rating.
        epochLossSum = sse
        epochLossCount = n
        var report = StepReport(step: step, epoch: epochIndex, epochFraction: epochFraction, loss: loss, learningRate: 0, batchSize: n)
        report.als = ALSStep(half: half, factors: model.config.factors, useBias: model.config.useBias,
                             unobservedWeight: als.unobservedWeight, rows: half == .users ? model.userCount : model.itemCount)
        if let cell, let before {
            let solvedRow = half == .users ? cell.user != frozenUser : true
            report.watched = WatchedCell(inBatch: solvedRow, before: before, after: predict(user: cell.user, item: cell.item))
        }
        return report
    }
}

/// A least-squares step: which side it solved, and the size of each row's system.
public struct ALSStep: Sendable, Equatable {
    public var half: AlternatingLeastSquares.Half
    public var factors: Int
    public var useBias: Bool
    public var unobservedWeight: Double
    /// Rows solved (each a system of `systemSize` unknowns).
    public var rows: Int
    /// Unknowns per row: the factors, and the bias when the model has biases.
    public var systemSize: Int { factors + (useBias ? 1 : 0) }
}
