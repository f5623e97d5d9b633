import Dispatch
import Foundation
import LatentCore

/// Keeps the snapshot the screen reads: the loss curves (smoothed as fastai does), the
/// validation points and markers, the viewport's predictions, the selected cell's report and
/// the grid's ranking for the selected user. It reads the trainer; it never changes it.
struct SnapshotBuilder {
    let dataset: Dataset
    let split: Split
    let personUser: Int
    private(set) var snapshot: TrainingSnapshot
    /// The loss history: the snapshot carries a copy of it at each refresh.
    private(set) var curves = Curves()
    private var productComputedAt: UInt64 = 0
    /// The ranking's user and model (`ModelRefresh`).
    private var ranking = ModelRefresh<Int32>(every: Self.rankingInterval)
    /// Recent (time, step, ratings trained) marks: the rates shown while training.
    private var rateMarks: [(time: UInt64, step: Int, ratings: Int)] = []
    private var ratingsTrained = 0

    /// While training runs, the grid's predicted order is sorted again at most this often.
    static let rankingInterval: UInt64 = 1_000_000_000

    init(dataset: Dataset, split: Split, personUser: Int, hyper: Hyperparameters) {
        self.dataset = dataset
        self.split = split
        self.personUser = personUser
        snapshot = TrainingSnapshot(hyper: hyper)
    }

    /// A new model (random parameters at step 0, or a model opened at its step): empty curves.
    /// After a change of settings the last run's validation curve stays, to compare with.
    mutating func begin(hyper: Hyperparameters, reason: RebuildReason, message: EngineMessage?, at step: Int = 0) {
        let old = snapshot
        var s = TrainingSnapshot(hyper: hyper)
        s.generation = old.generation + 1
        s.speed = old.speed
        s.runs = old.runs
        s.savedAt = old.savedAt
        s.insight = old.insight
        s.message = message
        curves.begin(reason: reason, at: step, lastStep: old.step)
        curves.project(into: &s)
        snapshot = s
        ranking.forget()
        rateMarks = []
    }

    /// Curves and markers of a saved session, so the chart goes on where it stopped.
    mutating func resume(_ record: SessionRecord) {
        curves.resume(record)
        curves.project(into: &snapshot)
        snapshot.lastValid = nil
        snapshot.message = nil
        snapshot.phase = .train
        snapshot.savedAt = record.savedAt
    }

    mutating func setMessage(_ m: EngineMessage?) { snapshot.message = m }

    /// New settings could not be put in force: the snapshot carries the ones that are, and counts
    /// the refusal so the screen's request goes back to them.
    mutating func refuseSettings(inForce h: Hyperparameters) {
        snapshot.hyper = h
        snapshot.refusedSettings += 1
    }
    mutating func setPhase(_ p: Phase) { snapshot.phase = p }
    mutating func mark(_ label: String, at step: Int) { curves.mark(label, at: step) }
    mutating func setSavedAt(_ when: String) { snapshot.savedAt = when }
    mutating func setReference(_ r: ReferenceLine?) { curves.reference = r }
    mutating func setInsight(_ r: InsightReport) { snapshot.insight = r }

    /// One training step: the smoothed loss, and what it did to the watched cell.
    mutating func recordStep(_ report: StepReport, trainer: Trainer, person: [PersonRating]) {
        // Whole parts of a sweep and whole half-steps are not noisy mini-batches: drawn as they are.
        if report.gibbs != nil || report.als != nil { curves.addUnsmoothed(loss: report.loss) } else { curves.addStep(loss: report.loss) }
        snapshot.gibbs = report.gibbs
        snapshot.als = report.als
        snapshot.lastBatchLoss = report.loss
        snapshot.learningRate = report.learningRate
        markRate(step: report.step, ratings: report.batchSize)
        guard let watched = report.watched, let u = snapshot.viewport.selectedUser.map(Int.init),
              let m = snapshot.viewport.selectedItem.map(Int.init) else { return }
        if snapshot.cell?.breakdown.user != u || snapshot.cell?.breakdown.item != m {
            snapshot.cell = makeCell(u, m, trainer: trainer, person: person)
        }
        snapshot.cell?.lastStep = CellStep(watched, learningRate: report.learningRate)
        snapshot.cell?.history.append(watched.after)
        if let mean = watched.meanAfter { snapshot.cell?.meanHistory.append(mean) }
    }

    /// A slice of flat-out training (`Trainer.trainSlice`): its steps on the curve at their mean
    /// loss, the smoothed loss carried over them, and the selected cell's prediction after it.
    mutating func recordSlice(_ slice: TrainingSlice, trainer: Trainer) {
        guard slice.steps > 0 else { return }
        if slice.meanLoss.isFinite {
            curves.addSlice(meanLoss: slice.meanLoss, steps: slice.steps)
            snapshot.lastBatchLoss = slice.meanLoss
        }
        snapshot.learningRate = slice.learningRate
        markRate(step: trainer.step, ratings: slice.ratings)
        if let u = snapshot.viewport.selectedUser.map(Int.init), let m = snapshot.viewport.selectedItem.map(Int.init),
           snapshot.cell?.breakdown.user == u, snapshot.cell?.breakdown.item == m,
           u < trainer.model.userCount, m < trainer.model.itemCount {
            snapshot.cell?.history.append(trainer.predict(user: u, item: m))
        }
    }

    private mutating func markRate(step: Int, ratings: Int) {
        ratingsTrained += ratings
        rateMarks.append((DispatchTime.now().uptimeNanoseconds, step, ratingsTrained))
        if rateMarks.count > 64 { rateMarks.removeFirst(rateMarks.count - 64) }
    }

    /// A validation figure at the current step.
    mutating func recordValidation(_ metrics: ValidationMetrics, step: Int) {
        guard metrics.count > 0 else { return }
        snapshot.lastValid = metrics
        curves.addValidation(mse: metrics.mse, averaged: metrics.averagedMSE, step: step)
    }

    /// Brings the figures, the visible predictions, the selected cell and the ranking up to date.
    mutating func refresh(trainer: Trainer, pacer: Pacer, viewport: Viewport, rankingUser: Int32?,
                          person: PersonRecommender, version: ModelVersion, runs: RunLog, now: UInt64) {
        curves.project(into: &snapshot)
        snapshot.hyper = trainer.hyper
        snapshot.step = trainer.step
        snapshot.completedEpochs = trainer.completedEpochs
        snapshot.epochFraction = trainer.epochFraction
        snapshot.cycle = trainer.cycle
        snapshot.cycleEpochs = trainer.completedEpochs - trainer.cycleStartEpoch
        snapshot.cycleDone = trainer.cycleDone
        snapshot.stepsPerEpoch = trainer.stepsPerEpoch
        snapshot.running = pacer.running
        snapshot.ratingsTrained = ratingsTrained
        snapshot.speed = pacer.speed
        snapshot.toEpochEnd = pacer.epochTarget != nil
        if trainer.step == 0 || snapshot.lastBatchLoss == nil { snapshot.learningRate = trainer.currentLearningRate }
        if pacer.running, rateMarks.count >= 2, let first = rateMarks.first, let last = rateMarks.last, last.time > first.time {
            let seconds = Double(last.time - first.time) / 1e9
            snapshot.stepsPerSecond = Double(last.step - first.step) / seconds
            snapshot.ratingsPerSecond = Double(last.ratings - first.ratings) / seconds
        } else {
            snapshot.stepsPerSecond = 0
            snapshot.ratingsPerSecond = 0
        }
        snapshot.runs = runs.trainedRuns
        snapshot.recommendations = person.result?.recommendations ?? []
        snapshot.personRated = person.ratings.count
        snapshot.scoring = person.scoring
        snapshot.minRatings = person.minRatings
        snapshot.foldIns = person.foldIns
        snapshot.viewport = viewport
        var predictions: [Float] = []
        predictions.reserveCapacity(viewport.users.count * viewport.items.count)
        for u in viewport.users {
            for m in viewport.items { predictions.append(shown(user: Int(u), item: Int(m), trainer: trainer, person: person)) }
        }
        snapshot.predictions = predictions
        refreshCell(trainer: trainer, person: person.ratings, now: now)
        let cellPosterior = posterior(user: snapshot.cell?.breakdown.user, item: snapshot.cell?.breakdown.item, trainer: trainer, person: person)
        snapshot.cell?.posterior = cellPosterior
        refreshRanking(trainer: trainer, user: rankingUser, version: version, running: pacer.running, now: now)
    }

    private mutating func refreshRanking(trainer: Trainer, user: Int32?, version: ModelVersion, running: Bool, now: UInt64) {
        guard let user, Int(user) < trainer.data.userCount else {
            snapshot.rankingUser = nil
            snapshot.ranking = []
            ranking.forget()
            return
        }
        guard ranking.due(version, user, running: running, now: now) || snapshot.rankingUser != user else { return }
        let scores = (0..<trainer.data.itemCount).map { trainer.modelPrediction(user: Int(user), item: $0) }
        snapshot.ranking = (0..<Int32(trainer.data.itemCount)).sorted {
            scores[Int($0)] != scores[Int($1)] ? scores[Int($0)] > scores[Int($1)] : $0 < $1
        }
        snapshot.rankingUser = user
        ranking.done(version, user, now: now)
    }

    /// The prediction the grid shows: for a sampled model the posterior mean (the person's from
    /// their fold-in under each kept sample), else the model's as it stands.
    private func shown(user u: Int, item m: Int, trainer: Trainer, person: PersonRecommender) -> Float {
        posterior(user: u, item: m, trainer: trainer, person: person)?.mean ?? trainer.predict(user: u, item: m)
    }

    private func posterior(user u: Int?, item m: Int?, trainer: Trainer, person: PersonRecommender) -> CellPosterior? {
        guard let u, let m, let sampler = trainer.sampler else { return nil }
        let p = u == personUser ? person.folded.flatMap { sampler.posterior(of: $0, item: m) } : sampler.posterior(user: u, item: m)
        return p.map { CellPosterior(mean: Float($0.mean), spread: Float($0.spread), samples: sampler.samples.count) }
    }

    private func makeCell(_ u: Int, _ m: Int, trainer: Trainer, person: [PersonRating]) -> CellReport {
        let actual = u == personUser ? person.first { Int($0.item) == m }?.rating : dataset.ratings.rating(user: u, item: m)
        var heldOut = false
        if actual != nil, u < dataset.userCount, let index = dataset.ratings.ratingIndex(user: u, item: m) {
            heldOut = split.holdsOut(index)
        }
        var report = CellReport(breakdown: PredictionBreakdown(model: trainer.model, user: u, item: m, withProduct: false),
                                actual: actual, heldOut: heldOut)
        report.history.append(trainer.predict(user: u, item: m))
        return report
    }

    /// The selected cell's breakdown (the one-hot product is throttled on big tables).
    private mutating func refreshCell(trainer: Trainer, person: [PersonRating], now: UInt64) {
        guard let u = snapshot.viewport.selectedUser.map(Int.init), let m = snapshot.viewport.selectedItem.map(Int.init),
              u < trainer.model.userCount, m < trainer.model.itemCount else {
            snapshot.cell = nil
            return
        }
        let actual = u == personUser ? person.first { Int($0.item) == m }?.rating : snapshot.cell?.actual
        if snapshot.cell?.breakdown.user != u || snapshot.cell?.breakdown.item != m || (u == personUser && snapshot.cell?.actual != actual) {
            snapshot.cell = makeCell(u, m, trainer: trainer, person: person)
        }
        let big = trainer.model.userCount * trainer.hyper.factors > 2_000_000
        let product = !big || now &- productComputedAt > 500_000_000
        if product { productComputedAt = now }
        var breakdown = PredictionBreakdown(model: trainer.model, user: u, item: m, withProduct: product)
        if !product, let old = snapshot.cell?.breakdown, old.userFactors == breakdown.userFactors {
            breakdown.oneHotTimesU = old.oneHotTimesU
            breakdown.productNanos = old.productNanos
        }
        snapshot.cell?.breakdown = breakdown
        snapshot.cell?.network = trainer.neural.map { $0.net.activations(user: u, item: m) }
    }

    /// The session as it stands, for saving.
    func sessionRecord(progress: TrainingProgress, runs: RunLog) -> SessionRecord {
        var record = SessionRecord(progress: progress, trainLoss: curves.train, valid: curves.valid, markers: curves.markers,
                                   runs: runs, previousValid: curves.previousValid, previousLabel: curves.previousLabel)
        record.reference = curves.reference
        if let u = snapshot.viewport.selectedUser.map(Int.init), let m = snapshot.viewport.selectedItem.map(Int.init), m >= 0, m < dataset.itemIds.count {
            record.selection = SessionRecord.Selection(user: u >= 0 && u < dataset.userIds.count ? dataset.userIds[u] : nil, movie: dataset.itemIds[m])
        }
        return record
    }
}
