import ArgumentParser
import Foundation
import LatentCore

/// Every model LatentLab trains, side by side on one split: the rating error and how good each
/// held-out user's top k is, with the popularity lists a factor model has to beat.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train each preset on the same split and print one table: RMSE, precision@k, recall@k, NDCG@k, MAP@k, coverage, time; with the popularity baselines.",
        discussion: "Each model is trained with its preset's settings (as `latentlab train --preset NAME` does). "
            + "als is trained twice: with w₀ = 0 and with --unobserved-weight (0.1 by default).")

    @OptionGroup var source: DataOptions

    @Option(name: .long, parsing: .upToNextOption, help: "The models, in order (default: fastai funk-svd genres nn als bayes).")
    var presets: [PresetName] = [.fastai, .funkSVD, .genres, .nn, .als, .bayes]

    @Option(name: .long, help: "als's second run: its weight w₀ on the unrated pairs, above 0 up to 1 (default: 0.1).",
            transform: FlagBounds.float(0...1, "the unobserved weight", aboveLower: true)) var unobservedWeight: Float = 0.1

    @Option(name: .customLong("top-k"), help: "The length of the lists scored, 1–1,000 (default: 10).",
            transform: FlagBounds.int(1...1000, "k")) var topK: Int = 10

    @Option(name: .long, help: "Random seed: the split and every model's initialisation (default: 42).") var seed: UInt64 = 42

    @Option(name: .long, help: "Fraction of ratings held out when the data set has no split of its own, 0 up to below 1 (default: 0.2).",
            transform: FlagBounds.double(0...1, "the validation fraction", belowUpper: true)) var validPct: Double = 0.2

    @Option(name: .long, help: "Threads for the models that use them (default: every core).",
            transform: FlagBounds.int(1...256, "the number of threads")) var threads: Int?

    @Flag(name: .long, help: "Print one JSON object: a row per model.") var json = false

    func run() throws {
        let loading = ProgressLine(label: "loading ")
        let data = try source.load(progress: loading.callback)
        loading.finish()
        let split = data.trainingSplit(validFraction: validPct, seed: seed).split
        guard let (evaluation, popular, mean) = RankingComparison.baselines(data, split: split, k: topK) else {
            throw Failure("No held-out rating of \(formatRating(TopKEvaluation.relevanceThreshold(data.scale))) or more: nothing to rank against.")
        }
        let threads = self.threads ?? ProcessInfo.processInfo.activeProcessorCount
        if !json {
            print("\(data.source): \(split.trainCount.grouped) train / \(split.valid.count.grouped) held out; top \(topK) against each user's held-out ratings ≥ "
                  + "\(formatRating(evaluation.relevantAtLeast)) (\(evaluation.queries.count.grouped) users), seed \(seed)")
            print(CompareRow.header(k: topK))
        }
        var rows: [CompareRow] = []
        for (name, hyper) in runs() {
            let row = CompareRow.train(name, hyper, data: data, split: split, evaluation: evaluation, threads: threads)
            if !json { print(row.line) }
            rows.append(row)
        }
        for (name, report) in [("most popular", popular), ("highest mean (≥\(RankingComparison.baselineMinRatings) ratings)", mean)] {
            let row = CompareRow(model: name, rmse: nil, ranking: report, seconds: nil, failure: nil)
            if !json { print(row.line) }
            rows.append(row)
        }
        if json { print(try JSONOutput.string(["k": AnyEncodable(topK), "models": AnyEncodable(rows)])) }
    }

    /// The runs: each preset with the shared seed and hold-out; als with w₀ = 0 and with `unobservedWeight`.
    func runs() -> [(String, Hyperparameters)] {
        presets.flatMap { preset -> [(String, Hyperparameters)] in
            var h = preset.hyperparameters
            h.seed = seed
            h.validFraction = validPct
            guard preset == .als else { return [(preset.rawValue, h)] }
            var weighted = h
            weighted.unobservedWeight = unobservedWeight
            return [("als (w₀ 0)", h), ("als (w₀ \(formatRating(unobservedWeight)))", weighted)]
        }
    }
}

/// One model's row of `compare`.
struct CompareRow: Encodable {
    var model: String
    var rmse: Float?
    var ranking: TopKEvaluation.Report?
    var seconds: Double?
    /// Why the model could not be trained here (the genres preset without genres, ...).
    var failure: String?

    static func train(_ name: String, _ h: Hyperparameters, data: Dataset, split: Split, evaluation: TopKEvaluation, threads: Int) -> CompareRow {
        let started = DispatchTime.now().uptimeNanoseconds
        func seconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }
        do {
            if h.neural {
                let trainer = try NeuralTrainer(data: TrainingData(dataset: data, split: split), hyper: h)
                trainer.threads = min(2, threads)
                let history = try trainer.fit()
                let took = seconds()
                return CompareRow(model: name, rmse: history.last?.valid.rmse, ranking: evaluation.evaluate(trainer.net, threads: threads), seconds: took, failure: nil)
            }
            let trainer = try Trainer(data: TrainingData(dataset: data, split: split), hyper: h, threads: threads)
            let history = try trainer.fit()
            let took = seconds()
            // A sampled model is judged by its averaged predictions.
            let rmse = history.last.map { $0.valid.modelMSE.squareRoot() }
            return CompareRow(model: name, rmse: rmse, ranking: evaluation.evaluate(trainer, threads: threads), seconds: took, failure: nil)
        } catch {
            return CompareRow(model: name, rmse: nil, ranking: nil, seconds: nil, failure: String(describing: error))
        }
    }

    static func header(k: Int) -> String {
        "model".padding(toLength: 28, withPad: " ", startingAt: 0) + "    rmse " + RankingComparison.header(k: k) + "      time"
    }

    var line: String {
        let name = model.count < 28 ? model + String(repeating: " ", count: 28 - model.count) : model
        if let failure { return name + "  (not trained: \(failure))" }
        let error = rmse.map { String(format: "%8.4f", $0) } ?? "       –"
        let figures = ranking.map(RankingComparison.row) ?? ""
        return name + error + " " + figures + (seconds.map { String(format: "%9.2fs", $0) } ?? "         –")
    }

    enum CodingKeys: String, CodingKey { case model, rmse, ranking, seconds, failure }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(model, forKey: .model)
        try c.encode(rmse, forKey: .rmse)
        try c.encode(ranking.map(RankingSummary.init), forKey: .ranking)
        try c.encode(seconds, forKey: .seconds)
        try c.encodeIfPresent(failure, forKey: .failure)
    }
}

/// A value of any encodable type (a JSON object of mixed values).
struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: Encoder) throws { try value.encode(to: encoder) }
}
