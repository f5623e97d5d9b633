import ArgumentParser
import Foundation
import LatentCore

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a dot-product model and print fastai's table (epoch, train_loss, valid_loss, valid_rmse, time).")

    @OptionGroup var source: DataOptions
    @OptionGroup var training: TrainingOptions

    @Option(name: .long, help: "Save the trained model to this file.")
    var save: String?

    @Flag(name: .long, help: "Print only the final figures as one JSON object.")
    var json = false

    @Option(name: .customLong("top-k"), help: "The length of the top-k lists scored against the held-out ratings (precision@k, recall@k, NDCG@k, MAP@k, coverage), 1–1,000 (default: 10).",
            transform: FlagBounds.int(1...1000, "k")) var topK: Int = 10

    func run() throws {
        // Refused before the training, not after it: --save replaces only a model file.
        if let save {
            try WriteGuard.requireReplaceable(URL(fileURLWithPath: save), by: .model)
            try WriteGuard.requireWritableFolder(for: URL(fileURLWithPath: save))
        }
        let hyper = try training.hyperparameters()
        let loading = ProgressLine(label: "loading ")
        let data = try source.load(progress: loading.callback)
        loading.finish()
        let split = data.trainingSplit(validFraction: hyper.validFraction, seed: hyper.seed).split
        if hyper.neural {
            if save != nil { throw ValidationError("--save writes dot-product models; the nn preset's network is not saved yet") }
            try trainNeural(data, split: split, hyper: hyper, threads: training.threadCount(default: ProcessInfo.processInfo.activeProcessorCount))
            return
        }
        if training.preset == .bayes {
            try trainBayes(data, split: split, hyper: hyper, threads: training.threadCount(default: ProcessInfo.processInfo.activeProcessorCount))
            return
        }
        let trainer: Trainer
        let threads = training.threadCount(default: ProcessInfo.processInfo.activeProcessorCount)
        do { trainer = try Trainer(data: TrainingData(dataset: data, split: split), hyper: hyper, threads: threads) } catch let error as TrainingError {
            throw Failure(String(describing: error))
        }
        let h = trainer.hyper // in force: the genres preset has one factor per genre
        if !json {
            print("\(data.source): \(data.ratings.count.grouped) ratings, \(data.userCount.grouped) users, \(data.itemCount.grouped) movies; "
                  + "\(split.trainCount.grouped) train / \(split.valid.count.grouped) valid")
            if data.duplicateRatings > 0, let first = data.firstDuplicate {
                print(InspectReport.duplicatesLine(data.duplicateRatings, first: first))
            }
            print(Self.recipeLine(h, trainer: trainer))
            print("epoch  train_loss  valid_loss  valid_rmse  valid_mae  time")
        }
        let bar = EpochProgressLine(epochs: hyper.epochs)
        var history: [EpochMetrics] = []
        do {
            history = try trainer.fit(onEpoch: { m in
                bar.finish()
                if !json { print(Self.epochLine(m)) }
                // Epochs of a few milliseconds would otherwise clear the line as soon as it is drawn.
                if m.epoch < hyper.epochs { bar.draw(epoch: m.epoch + 1, fraction: 0, now: true) }
            }, progress: bar.enabled ? { f in bar.draw(epoch: trainer.completedEpochs + 1, fraction: f) } : nil)
        } catch let error as TrainingError {
            bar.finish()
            throw Failure(String(describing: error))
        }
        if let last = history.last, !json, last.valid.unseen > 0 {
            print("(\(last.valid.unseen.grouped) held-out ratings had a user or movie without training ratings; predicted from biases and the mean)")
        }
        // A generated sample: how much of its planted structure the movie factors recovered.
        let planted = data.planted.flatMap {
            PlantedRecovery.report(model: trainer.model, itemIds: data.itemIds, planted: $0, counts: data.ratings.itemCounts)
        }
        if let planted, !json {
            func r2(_ v: Float?) -> String { v.map { String(format: "%.3f", $0) } ?? "–" }
            print("planted structure recovered: R² \(r2(planted.all)); genres \(r2(planted.genres)), tastes no category names \(r2(planted.unnamed))")
            print("  (how well a linear map of the movie factors predicts each held-out movie's planted tastes: its genres; its era, mainstream, tone and scenes)")
        }
        let ranking = RankingComparison.measure(trainer, data: data, split: split, k: topK, threads: threads)
        if let ranking, !json { ranking.lines.forEach { print($0) } }
        if let save {
            try ModelFile.write(ModelFile.Contents(trainer: trainer, dataset: data, history: history), to: URL(fileURLWithPath: save))
            if !json { print("saved \(save)") }
        }
        if json, let last = history.last {
            let seconds = history.map(\.seconds).reduce(0, +) / Double(max(1, history.count))
            // JSON has no NaN: a figure that is not a number (no validation ratings) is null.
            func finite(_ v: Float) -> Float? { v.isFinite ? v : nil }
            print(try JSONOutput.string(TrainSummary(trainLoss: finite(last.trainLoss), validMSE: finite(last.valid.mse), validRMSE: finite(last.valid.rmse),
                                                     validMAE: finite(last.valid.mae), epochs: history.count, secondsPerEpoch: seconds,
                                                     plantedR2: planted.flatMap { finite($0.all) },
                                                     plantedR2Genres: planted?.genres.flatMap(finite),
                                                     plantedR2Unnamed: planted?.unnamed.flatMap(finite),
                                                     ranking: ranking.map { RankingSummary($0.model) },
                                                     baselines: ranking?.baselineSummaries)))
        }
    }
}

extension Train {
    /// An epoch's line of fastai's table. With no validation ratings (--valid-pct 0) the
    /// validation figures are "–", not nan.
    static func epochLine(_ m: EpochMetrics) -> String {
        func figure(_ v: Float, _ width: Int) -> String { v.isFinite ? String(format: "%\(width).6f", v) : "–".leftPadded(width) }
        return String(format: "%5d  ", m.epoch - 1) + [figure(m.trainLoss, 10), figure(m.valid.mse, 10), figure(m.valid.rmse, 10),
                                                       figure(m.valid.mae, 9), TimeText.clock(m.seconds)].joined(separator: "  ")
    }

    /// The run's recipe in one line: the fields that matter to its optimizer.
    static func recipeLine(_ h: Hyperparameters, trainer: Trainer) -> String {
        if h.optimizer == .als {
            let threads = ", \(trainer.threads) thread\(trainer.threads == 1 ? "" : "s")"
            return "preset \(h.preset): \(h.factors) factors, alternating least squares (each epoch: solve every user's row, then every movie's), "
                + "λ \(h.weightDecay) per rating, unobserved weight w₀ \(h.unobservedWeight), \(h.epochs) epochs, seed \(h.seed)\(threads)"
        }
        return "preset \(h.preset): \(h.factors) factors\(h.genreFactors ? " (one per genre, fixed)" : ""), \(h.optimizer.rawValue)\(h.implicit ? " with implicit feedback (SVD++)" : ""), "
            + "lr \(h.learningRate), wd \(h.weightDecay), batch \(h.batchSize), \(h.epochs) epochs, \(h.schedule.rawValue), seed \(h.seed)"
            + (trainer.usesFusedEpochs ? ", \(trainer.threadsInUse) thread\(trainer.threadsInUse == 1 ? "" : "s")" : "")
    }
}

struct TrainSummary: Encodable {
    var trainLoss: Float?
    var validMSE: Float?
    var validRMSE: Float?
    var validMAE: Float?
    var epochs: Int
    var secondsPerEpoch: Double
    /// On a generated sample: the planted-structure score (absent elsewhere).
    var plantedR2: Float?
    /// The same, over the planted genres alone and over the tastes no category names.
    var plantedR2Genres: Float?
    var plantedR2Unnamed: Float?
    /// The top-k figures on the held-out ratings (null without a relevant held-out rating), and the popularity lists'.
    var ranking: RankingSummary?
    var baselines: [String: RankingSummary]?
    enum CodingKeys: String, CodingKey {
        case trainLoss = "train_loss", validMSE = "valid_mse", validRMSE = "valid_rmse", validMAE = "valid_mae"
        case epochs, secondsPerEpoch = "seconds_per_epoch", plantedR2 = "planted_r2"
        case plantedR2Genres = "planted_r2_genres", plantedR2Unnamed = "planted_r2_unnamed"
        case ranking, baselines
    }

    /// Every key, null where there is no figure (absent keys would leave a reader guessing).
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(trainLoss, forKey: .trainLoss)
        try c.encode(validMSE, forKey: .validMSE)
        try c.encode(validRMSE, forKey: .validRMSE)
        try c.encode(validMAE, forKey: .validMAE)
        try c.encode(epochs, forKey: .epochs)
        try c.encode(secondsPerEpoch, forKey: .secondsPerEpoch)
        try c.encodeIfPresent(plantedR2, forKey: .plantedR2)
        try c.encodeIfPresent(plantedR2Genres, forKey: .plantedR2Genres)
        try c.encodeIfPresent(plantedR2Unnamed, forKey: .plantedR2Unnamed)
        try c.encode(ranking, forKey: .ranking)
        try c.encode(baselines, forKey: .baselines)
    }
}

enum TimeText {
    /// fastai prints `00:03`; an epoch of a few milliseconds shows them (`1.62ms`, not `0.002s`).
    static func clock(_ seconds: Double) -> String {
        if seconds < 0.1 { return String(format: "%.2fms", seconds * 1000) }
        if seconds < 10 { return String(format: "%.3fs", seconds) }
        let s = Int(seconds.rounded())
        return String(format: "%02d:%02d", s / 60, s % 60)
    }
}
