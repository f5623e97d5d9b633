import Foundation

/// The book's neural network (the `nn` preset) driven as a trainer: a step is one mini-batch of
/// `NeuralTrainer`, an epoch its epoch. The trainer's `model` is what the explorer's views read:
/// its movie factors are the network's movie embedding (the same table, so the map and the
/// neighbours show what the network learned); it has no biases, and its user rows are not the
/// network's (predictions go through `predict`, which asks the network).
extension Trainer {
    /// The model the views read for these hyperparameters: one factor per movie-embedding value, no biases.
    static func viewModelConfig(_ h: Hyperparameters, users: Int, items: Int) -> Hyperparameters {
        var h = h
        h.factors = NeuralTrainer.architecture(h, users: users, items: items).item
        h.useBias = false
        return h
    }

    func neuralStep(_ neural: NeuralTrainer, watching cell: (user: Int, item: Int)?) throws -> StepReport {
        guard canTrain else { throw TrainingError.noTrainingData }
        beginNextStep()
        let before = cell.map { predict(user: $0.user, item: $0.item) }
        let epoch = neural.completedEpochs
        let lr = neural.schedule.learningRate(at: neural.schedulePosition(at: neural.cursor))
        let (loss, n) = try neural.trainStep()
        step += 1
        // The trainer's place in its epoch follows the network's.
        cursor = neural.completedEpochs > epoch ? epochRatings.count : min(max(0, epochRatings.count - 1), neural.cursor)
        epochLossSum += Double(loss) * Double(n)
        epochLossCount += n
        var report = StepReport(step: step, epoch: epochIndex, epochFraction: epochFraction, loss: loss, learningRate: lr, batchSize: n)
        if let cell, let before {
            report.watched = WatchedCell(inBatch: neural.lastBatchContains(user: cell.user, item: cell.item), before: before,
                                         after: predict(user: cell.user, item: cell.item))
        }
        return report
    }
}
