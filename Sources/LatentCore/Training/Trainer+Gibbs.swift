import Foundation

/// A sampled model (the `bayes` preset) driven as a trainer: each step is one part of a Gibbs
/// sweep (`GibbsPart`), an epoch a sweep, and after each part the sampler's current sample is
/// copied into `model`, so every view that reads the model (the grid, the map, neighbours,
/// biases, the person's fold-in) shows the sample as it stands.
extension Trainer {
    /// The sampler's settings for these hyperparameters: epochs are sweeps, the first fifth (at
    /// most 10) burn-in; every sweep after it kept whole, at most 40 of them evenly spaced over the chain.
    public static func samplerSettings(_ h: Hyperparameters, threads: Int) -> BayesianMF.Settings {
        var s = BayesianMF.Settings()
        s.factors = h.factors
        s.sweeps = h.epochs
        s.burnIn = min(10, max(0, h.epochs / 5))
        s.seed = h.seed
        s.threads = max(1, threads)
        s.implicit = h.implicit
        s.initStd = Double(h.initStd)
        s.keepEvery = 1
        s.keepAtMost = 40
        return s
    }

    /// One part of the sweep, reporting on the watched cell: its sample before and after, and its
    /// posterior mean over the kept samples before and after.
    func gibbsStep(_ sampler: BayesianMF, watching cell: (user: Int, item: Int)?) throws -> StepReport {
        guard canTrain else { throw TrainingError.noTrainingData }
        beginNextStep()
        let part = sampler.nextPart
        let before = cell.map { (sample: predict(user: $0.user, item: $0.item), mean: posteriorMean($0)) }
        sampler.sampleNextPart()
        copySample(part)
        guard sampler.trainMSE.isFinite else { throw TrainingError.diverged(step: step + 1, learningRate: 0) }
        step += 1
        cursor = part == .movies ? epochSize : epochSize * (part.rawValue + 1) / GibbsPart.allCases.count
        let loss = Float(sampler.trainMSE)
        epochLossSum += Double(loss)
        epochLossCount += 1
        var report = StepReport(step: step, epoch: epochIndex, epochFraction: epochFraction, loss: loss, learningRate: 0, batchSize: epochSize)
        report.gibbs = GibbsStep(part: part, sweep: sampler.sweep, averaged: sampler.kept, burnInEnds: sampler.burnInEnds,
                                 samplesKept: sampler.samples.count, noiseSD: 1 / sampler.noisePrecision.squareRoot())
        if let cell, let before {
            // Every row of the part's side was drawn again: the cell's row is "in" every step but the hyperparameters'.
            var watched = WatchedCell(inBatch: part != .hyperparameters, before: before.sample, after: predict(user: cell.user, item: cell.item))
            watched.meanBefore = before.mean
            watched.meanAfter = posteriorMean(cell)
            report.watched = watched
        }
        return report
    }

    private func posteriorMean(_ cell: (user: Int, item: Int)) -> Float? {
        sampler?.posterior(user: cell.user, item: cell.item).map { Float($0.mean) }
    }

    /// The posterior mean and spread of a prediction over the kept samples (nil for a model that
    /// is not sampled, or before any sample is kept).
    public func posterior(user u: Int, item m: Int) -> (mean: Float, spread: Float)? {
        sampler?.posterior(user: u, item: m).map { (Float($0.mean), Float($0.spread)) }
    }

    /// The prediction the model makes: the posterior mean for a sampled model once samples are
    /// kept, else the current parameters'.
    public func modelPrediction(user u: Int, item m: Int) -> Float {
        posterior(user: u, item: m)?.mean ?? predict(user: u, item: m)
    }

    /// Copies the sampler's rows of a part into `model` (effective factors: the implicit terms
    /// folded in). The movies' part changes the users' implicit terms too, so both sides go then.
    /// A frozen row (the explorer's person, folded in) is left to its writer.
    func copySample(_ part: GibbsPart) {
        guard let sampler, part != .hyperparameters else { return }
        let k = model.config.factors, d = k + 1
        let users = sampler.effectiveUsers()
        for u in 0..<min(model.userCount, sampler.userCount) where u != frozenUser {
            model.userFactors.setRow(u, to: (0..<k).map { Float(users[u * k + $0]) })
            model.userBias[u, 0] = Float(sampler.userRows[u * d])
        }
        guard part == .movies else { return }
        let items = sampler.effectiveItems()
        for m in 0..<min(model.itemCount, sampler.itemCount) {
            model.itemFactors.setRow(m, to: (0..<k).map { Float(items[m * k + $0]) })
            model.itemBias[m, 0] = Float(sampler.itemRows[m * d])
        }
    }

    /// After a saved session is loaded into `model`: the chain starts again from it with fresh
    /// hyperparameters (its first step, even mid-sweep: the noise and priors are not saved).
    func restartSampler() {
        guard let sampler else { return }
        let k = model.config.factors
        func rows(_ factors: Embedding, _ bias: Embedding, _ count: Int) -> [Double] {
            (0..<count).flatMap { r in [Double(bias[r, 0])] + factors.lookup(r).prefix(k).map(Double.init) }
        }
        sampler.restart(userRows: rows(model.userFactors, model.userBias, sampler.userCount),
                        itemRows: rows(model.itemFactors, model.itemBias, sampler.itemCount),
                        sweep: completedEpochs)
    }
}
