import Foundation
import LatentCore

extension Train {
    /// `--preset bayes`: Gibbs sweeps of `BayesianMF` (driven as a `Trainer`, a sweep an epoch),
    /// one line each (the RMSE of the sweep's own sample and of the running average kept after
    /// burn-in), then the final figures; `--save` writes the last sample and the kept samples.
    func trainBayes(_ data: Dataset, split: Split, hyper: Hyperparameters, threads: Int) throws {
        let trainer: Trainer
        do { trainer = try Trainer(data: TrainingData(dataset: data, split: split), hyper: hyper, threads: threads) } catch let error as TrainingError {
            throw Failure(String(describing: error))
        }
        guard let sampler = trainer.sampler else { return }
        let settings = sampler.settings
        if !json {
            print("\(data.source): \(data.ratings.count.grouped) ratings, \(data.userCount.grouped) users, \(data.itemCount.grouped) movies; "
                  + "\(split.trainCount.grouped) train / \(split.valid.count.grouped) valid")
            print("preset bayes: \(settings.factors) factors, Gibbs sampling, \(settings.sweeps) sweeps (the first \(settings.burnIn) not averaged)"
                  + (settings.implicit ? ", implicit feedback" : "") + ", seed \(settings.seed), \(threads) thread\(threads == 1 ? "" : "s")")
            print("sweep  sample_rmse  average_rmse  noise_sd  time")
        }
        var history: [EpochMetrics] = []
        var seconds = 0.0
        do {
            for _ in 0..<settings.sweeps {
                let started = DispatchTime.now().uptimeNanoseconds
                let m = try trainer.trainEpoch()
                let took = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                seconds += took
                history.append(m)
                let sweep = sampler.sweep
                if !json && (sweep <= 10 || sweep % 10 == 0 || sweep == settings.sweeps) {
                    print(String(format: "%5d  %11.6f  %12@  %8.4f  %@", sweep, (sampler.sampleValidMSE ?? .nan).squareRoot(),
                                 sampler.averagedValidMSE.map { String(format: "%.6f", $0.squareRoot()) } ?? "–",
                                 1 / sampler.noisePrecision.squareRoot(), TimeText.clock(took)))
                }
            }
        } catch let error as TrainingError {
            throw Failure(String(describing: error))
        }
        let rmse = (sampler.averagedValidMSE ?? sampler.sampleValidMSE ?? .nan).squareRoot()
        // How sure the posterior is: the median spread of the held-out predictions over the kept samples.
        let valid = trainer.data.valid
        let posterior = sampler.posteriorSamples
        let spreads = (0..<valid.count).compactMap { posterior.posterior(user: Int(valid[$0].user), item: Int(valid[$0].item))?.spread }.sorted()
        // (A spread needs two samples at least.)
        let medianSpread = spreads.isEmpty || posterior.count < 2 ? nil : spreads[spreads.count / 2]
        let ranking = RankingComparison.measure(trainer, data: data, split: split, k: topK, threads: threads)
        if let save {
            try ModelFile.write(ModelFile.Contents(trainer: trainer, dataset: data, history: history), to: URL(fileURLWithPath: save))
            if !json { print("saved \(save) (the last sample's factors, and \(posterior.count) samples kept for the predictions' mean and spread)") }
        }
        if json {
            print(try JSONOutput.string(BayesSummary(validRMSE: rmse.isFinite ? rmse : nil, sweeps: settings.sweeps, kept: sampler.kept,
                                                     implicit: settings.implicit, seconds: seconds, medianSpread: medianSpread,
                                                     ranking: ranking.map { RankingSummary($0.model) },
                                                     baselines: ranking?.baselineSummaries)))
        } else {
            print(String(format: "test RMSE %.4f (the average of %d samples) in %.2f s of sampling", rmse, sampler.kept, seconds))
            if let medianSpread {
                print(String(format: "a held-out prediction's spread across %d kept samples: median ±%.2f stars", posterior.count, medianSpread))
            }
            ranking?.lines.forEach { print($0) }
        }
    }
}

struct BayesSummary: Encodable {
    var validRMSE: Double?
    var sweeps: Int
    var kept: Int
    var implicit: Bool
    var seconds: Double
    /// The median posterior standard deviation of a held-out prediction (null without samples).
    var medianSpread: Double?
    var ranking: RankingSummary?
    var baselines: [String: RankingSummary]?
    enum CodingKeys: String, CodingKey {
        case validRMSE = "valid_rmse", sweeps, kept, implicit, seconds, medianSpread = "median_spread", ranking, baselines
    }
}
