import Foundation
import LatentCore

extension Train {
    /// `--preset bayes`: Gibbs sweeps of `BayesianMF`, one line each (the RMSE of the sweep's own
    /// sample and of the running average kept after burn-in), then the final figures.
    func trainBayes(_ data: Dataset, split: Split, hyper: Hyperparameters, threads: Int) throws {
        let settings = Trainer.samplerSettings(hyper, threads: threads)
        let trainingData = TrainingData(dataset: data, split: split)
        let sampler = BayesianMF(data: trainingData, settings: settings)
        if !json {
            print("\(data.source): \(data.ratings.count.grouped) ratings, \(data.userCount.grouped) users, \(data.itemCount.grouped) movies; "
                  + "\(split.trainCount.grouped) train / \(split.valid.count.grouped) valid")
            print("preset bayes: \(settings.factors) factors, Gibbs sampling, \(settings.sweeps) sweeps (the first \(settings.burnIn) not averaged)"
                  + (settings.implicit ? ", implicit feedback" : "") + ", seed \(settings.seed), \(threads) thread\(threads == 1 ? "" : "s")")
            print("sweep  sample_rmse  average_rmse  noise_sd  time")
        }
        var last: BayesianMF.SweepReport?
        var seconds = 0.0
        for _ in 0..<settings.sweeps {
            let r = sampler.step()
            last = r
            seconds += r.seconds
            if !json && (r.sweep <= 10 || r.sweep % 10 == 0 || r.sweep == settings.sweeps) {
                print(String(format: "%5d  %11.6f  %12@  %8.4f  %@", r.sweep, r.sampleRMSE,
                             r.averageRMSE.map { String(format: "%.6f", $0) } ?? "–", 1 / r.noisePrecision.squareRoot(), TimeText.clock(r.seconds)))
            }
        }
        guard let last else { return }
        let rmse = last.averageRMSE ?? last.sampleRMSE
        // How sure the posterior is: the median spread of the held-out predictions over the kept samples.
        let spreads = (0..<trainingData.valid.count).compactMap {
            sampler.posterior(user: Int(trainingData.valid[$0].user), item: Int(trainingData.valid[$0].item))?.spread
        }.sorted()
        // (A spread needs two samples at least.)
        let medianSpread = spreads.isEmpty || sampler.samples.count < 2 ? nil : spreads[spreads.count / 2]
        if json {
            print(try JSONOutput.string(BayesSummary(validRMSE: rmse.isFinite ? rmse : nil, sweeps: settings.sweeps, kept: sampler.kept,
                                                     implicit: settings.implicit, seconds: seconds, medianSpread: medianSpread)))
        } else {
            print(String(format: "test RMSE %.4f (the average of %d samples) in %.2f s of sampling", rmse, sampler.kept, seconds))
            if let medianSpread {
                print(String(format: "a held-out prediction's spread across %d kept samples: median ±%.2f stars", sampler.samples.count, medianSpread))
            }
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
    enum CodingKeys: String, CodingKey {
        case validRMSE = "valid_rmse", sweeps, kept, implicit, seconds, medianSpread = "median_spread"
    }
}
