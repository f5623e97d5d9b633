import Foundation
import LatentCore

extension Train {
    /// `--preset nn`: the book's `CollabNN` (`NeuralTrainer`), fastai's table, then the top-k lines.
    func trainNeural(_ data: Dataset, split: Split, hyper: Hyperparameters, threads: Int) throws {
        let trainer: NeuralTrainer
        do { trainer = try NeuralTrainer(data: TrainingData(dataset: data, split: split), hyper: hyper) } catch let error as TrainingError {
            throw Failure(String(describing: error))
        }
        trainer.threads = min(2, threads)
        let net = trainer.net
        if !json {
            print("\(data.source): \(data.ratings.count.grouped) ratings, \(data.userCount.grouped) users, \(data.itemCount.grouped) movies; "
                  + "\(split.trainCount.grouped) train / \(split.valid.count.grouped) valid")
            let layers = net.hidden.map { "Linear \($0), ReLU" }.joined(separator: " → ")
            print("preset \(hyper.preset): embeddings \(net.userSize) (users) + \(net.itemSize) (movies) = \(net.userSize + net.itemSize) → \(layers) → Linear 1 → sigmoid_range"
                  + "(\(formatRating(net.yRange.lowerBound)), \(formatRating(net.yRange.upperBound))); \(net.parameterCount.grouped) parameters; "
                  + "AdamW lr \(hyper.learningRate), wd \(hyper.weightDecay), batch \(hyper.batchSize), \(hyper.epochs) epochs, \(hyper.schedule.rawValue), seed \(hyper.seed), \(trainer.threads) thread\(trainer.threads == 1 ? "" : "s")")
            print("epoch  train_loss  valid_loss  valid_rmse  valid_mae  time")
        }
        let bar = EpochProgressLine(epochs: hyper.epochs)
        var history: [EpochMetrics] = []
        do {
            history = try trainer.fit(onEpoch: { m in
                bar.finish()
                if !json { print(Train.epochLine(m)) }
            }, progress: bar.enabled ? { f in bar.draw(epoch: trainer.completedEpochs + 1, fraction: f) } : nil)
        } catch let error as TrainingError {
            bar.finish()
            throw Failure(String(describing: error))
        }
        var ranking: RankingComparison?
        if let (evaluation, popular, mean) = RankingComparison.baselines(data, split: split, k: topK) {
            ranking = RankingComparison(evaluation: evaluation, model: evaluation.evaluate(net, threads: threads), mostPopular: popular, highestMean: mean)
        }
        if !json { ranking?.lines.forEach { print($0) } }
        if json, let last = history.last {
            let seconds = history.map(\.seconds).reduce(0, +) / Double(max(1, history.count))
            func finite(_ v: Float) -> Float? { v.isFinite ? v : nil }
            print(try JSONOutput.string(TrainSummary(trainLoss: finite(last.trainLoss), validMSE: finite(last.valid.mse), validRMSE: finite(last.valid.rmse),
                                                     validMAE: finite(last.valid.mae), epochs: history.count, secondsPerEpoch: seconds,
                                                     ranking: ranking.map { RankingSummary($0.model) },
                                                     baselines: ranking?.baselineSummaries)))
        }
    }
}
