import Dispatch
import Foundation
import LatentCore

/// The training side of the explorer. It lives entirely on the training queue (created
/// there, never shared): it applies commands, runs steps at the chosen speed, and
/// describes itself in snapshots.
final class TrainingEngine {
    let dataset: Dataset
    let data: TrainingData
    let split: Split
    private(set) var hyper: Hyperparameters
    private(set) var trainer: Trainer
    private var snapshot: TrainingSnapshot
    private var running = false
    private var speed = Speed.hundred
    private var viewport = Viewport()
    private var rankingUser: Int32?
    private var nextStepDue: UInt64 = 0
    private var lastRanking: UInt64 = 0
    private var stepTimes: [UInt64] = []
    private var epochTarget: Int?
    private var smoothing = 0.0
    private var smoothedSteps = 0
    /// The selected cell's report, kept across refreshes (its history and last step).
    private var cell: CellReport?
    private var productComputedAt: UInt64 = 0
    /// Validation during an epoch on at most this many held-out ratings (the full set at epoch ends).
    private let quickValidationSize = 20_000

    /// The person's user row: one past the data set's users.
    var personUser: Int { dataset.userCount }
    private var person: [PersonRating] = []
    private var scoring = Recommender.Scoring.dot
    private var minRatings = 0
    private let counts: [Int32]

    init(dataset: Dataset, split: Split, hyper: Hyperparameters) throws {
        self.dataset = dataset
        self.split = split
        var data = TrainingData(dataset: dataset, split: split)
        data.addUsers(1)
        self.data = data
        var counts = [Int32](repeating: 0, count: dataset.itemCount)
        for m in data.trainItems { counts[Int(m)] += 1 }
        self.counts = counts
        self.hyper = hyper
        trainer = try Trainer(data: data, hyper: hyper)
        snapshot = TrainingSnapshot(hyper: hyper)
        recordValidation()
        refresh()
    }

    var validEvery: Int { max(25, trainer.stepsPerEpoch / 20) }

    func apply(_ command: TrainingCommand) {
        switch command {
        case .setViewport, .rank: break // the screen following the person: keep the message
        default: snapshot.message = nil
        }
        switch command {
        case .run: start()
        case .pause: running = false
        case .toggleRun: if running { running = false } else { start() }
        case .step:
            running = false
            snapshot.phase = .train
            runSteps(1)
        case .stepEpoch:
            running = false
            let target = trainer.cursor >= trainer.epochRatings.count ? trainer.completedEpochs + 1 : trainer.epoch + 1
            epochTarget = target
            snapshot.phase = .train
            running = true
        case .reset(let newSeed):
            var h = hyper
            if newSeed { h.seed = h.seed &+ 1 }
            rebuild(h, reason: newSeed ? "reset, seed \(h.seed)" : "reset")
            snapshot.phase = .initialize
        case .setSpeed(let s):
            speed = s
            nextStepDue = 0
        case .setHyperparameters(let h, let reason):
            rebuild(h, reason: reason)
        case .setViewport(let v):
            viewport = v
        case .rank(let user):
            rankingUser = user
            lastRanking = 0
        case .setPersonRatings(let ratings):
            person = ratings
            trainer.replaceRatings(ofUser: personUser, with: ratings.map { (Int($0.item), $0.rating) })
        case .setRecommendationOptions(let s, let m):
            scoring = s
            minRatings = m
        case .shutdown: running = false
        }
        refresh()
    }

    private func start() {
        snapshot.phase = .train
        if trainer.cycleDone {
            trainer.startNewCycle()
            snapshot.markers.append(Marker(step: trainer.step, label: "new cycle"))
        }
        running = true
        nextStepDue = 0
    }

    private func rebuild(_ h: Hyperparameters, reason: String) {
        do {
            let t = try Trainer(data: data, hyper: h)
            t.replaceRatings(ofUser: personUser, with: person.map { (Int($0.item), $0.rating) })
            hyper = h
            trainer = t
            running = false
            epochTarget = nil
            let markers = [Marker(step: 0, label: reason)]
            let generation = snapshot.generation + 1
            let old = snapshot
            snapshot = TrainingSnapshot(hyper: h)
            snapshot.generation = generation
            if !reason.hasPrefix("reset") {
                // Keep the last run's validation curve to compare with the new settings.
                snapshot.previousValid = old.valid
                snapshot.previousLabel = old.markers.first?.label ?? "before"
            } else {
                snapshot.previousValid = old.previousValid
                snapshot.previousLabel = old.previousLabel
            }
            cell = nil
            smoothing = 0
            smoothedSteps = 0
            snapshot.markers = markers
            snapshot.speed = speed
            snapshot.message = reason.hasPrefix("reset") ? "Step 1, initialize: fresh random parameters, nothing trained (step 0)." : "\(reason): the model starts again from random parameters."
            recordValidation()
        } catch {
            snapshot.message = "\(error)"
        }
    }

    /// Does the work that is due. Returns how long to wait before calling again (nil: until a command comes).
    func work() -> Double? {
        guard running else { return nil }
        let now = DispatchTime.now().uptimeNanoseconds
        if speed == .max || epochTarget != nil {
            // As fast as possible, in slices of ~20 ms so commands and snapshots keep flowing.
            let deadline = now + 20_000_000
            repeat {
                runSteps(8)
            } while running && DispatchTime.now().uptimeNanoseconds < deadline
            refresh()
            return 0
        }
        let interval = UInt64(1_000_000_000 / speed.rawValue)
        if nextStepDue == 0 { nextStepDue = now }
        var done = 0
        while running && now >= nextStepDue && done < 20 {
            runSteps(1)
            nextStepDue += interval
            done += 1
        }
        if now > nextStepDue + interval * 20 { nextStepDue = now } // fell behind: do not try to catch up
        refresh()
        return Double(nextStepDue > now ? nextStepDue - now : 0) / 1e9
    }

    private func runSteps(_ n: Int) {
        for _ in 0..<n {
            do {
                let before = trainer.completedEpochs
                let watched = watchSelectedCell()
                let report = try trainer.trainStep()
                if let watched { recordStep(watched, report) }
                // fastai's smoothed loss: a debiased exponential moving average (β = 0.98).
                smoothing = 0.98 * smoothing + 0.02 * Double(report.loss)
                smoothedSteps += 1
                snapshot.train.append(Float(smoothing / (1 - pow(0.98, Double(smoothedSteps)))))
                snapshot.lastBatchLoss = report.loss
                stepTimes.append(DispatchTime.now().uptimeNanoseconds)
                if stepTimes.count > 64 { stepTimes.removeFirst(stepTimes.count - 64) }
                let after = trainer.completedEpochs
                if after > before {
                    recordValidation(full: true)
                    if let target = epochTarget, after >= target {
                        epochTarget = nil
                        running = false
                        snapshot.message = "Epoch \(after) done."
                        return
                    }
                } else if trainer.step % validEvery == 0 {
                    recordValidation()
                }
                if trainer.cycleDone {
                    running = false
                    epochTarget = nil
                    snapshot.message = "\(hyper.epochs) epochs done: the \(hyper.schedule.rawValue) schedule is complete. Space trains another cycle, r resets."
                    return
                }
            } catch {
                running = false
                epochTarget = nil
                snapshot.message = "\(error)"
                return
            }
        }
    }

    /// Folds the person in against the current movie factors (instant) and ranks movies for them.
    private func refreshPerson() {
        let model = trainer.model
        let result = PersonalRecommendations.make(model: model, ratings: person.map { (Int($0.item), $0.rating) }, counts: counts,
                                                  minRatings: minRatings, n: 12, scoring: scoring)
        if !person.isEmpty {
            let row = model.userFactors.row(personUser)
            for (k, v) in result.person.factors.enumerated() { row[k] = v }
            if model.config.useBias { model.userBias.storage[personUser] = result.person.bias }
        }
        snapshot.recommendations = result.recommendations
        snapshot.personRated = person.count
        snapshot.scoring = scoring
        snapshot.minRatings = minRatings
    }

    /// The selected cell's parameters just before a step, to show what the step did to it.
    private struct Watched {
        var user: Int, item: Int
        var before: Float, score: Float
        var userRow: [Float], itemRow: [Float]
    }

    private func watchSelectedCell() -> Watched? {
        guard let u = viewport.selectedUser.map(Int.init), let m = viewport.selectedItem.map(Int.init) else { return nil }
        let model = trainer.model
        return Watched(user: u, item: m, before: trainer.predict(user: u, item: m),
                       score: model.score(user: u, item: m),
                       userRow: model.userFactors.lookup(u), itemRow: model.itemFactors.lookup(m))
    }

    private func recordStep(_ w: Watched, _ report: StepReport) {
        let batch = trainer.epochRatings[trainer.lastBatch]
        let inBatch = batch.contains { Int($0.user) == w.user && Int($0.item) == w.item }
        var step = CellStep(inBatch: inBatch, before: w.before, after: trainer.predict(user: w.user, item: w.item),
                            learningRate: report.learningRate, userGradient: nil, itemGradient: nil)
        if inBatch, let target = batch.first(where: { Int($0.user) == w.user && Int($0.item) == w.item })?.value {
            // This cell's own term of ∂loss/∂U[u] and ∂loss/∂M[m], at the parameters before the step.
            let dz = 2 / Float(max(1, report.batchSize)) * (w.before - target) * trainer.model.squashSlope(w.score)
            step.userGradient = w.itemRow.map { dz * $0 }
            step.itemGradient = w.userRow.map { dz * $0 }
        }
        if cell == nil || cell?.breakdown.user != w.user || cell?.breakdown.item != w.item { cell = makeCell(w.user, w.item) }
        cell?.lastStep = step
        cell?.history.append(step.after)
    }

    private func makeCell(_ u: Int, _ m: Int) -> CellReport {
        let actual = u == personUser ? person.first { Int($0.item) == m }?.rating : dataset.ratings.rating(user: u, item: m)
        var heldOut = false
        if actual != nil, u < dataset.userCount, let index = dataset.ratings.ratingIndex(user: u, item: m) {
            heldOut = split.valid.binarySearchContains(Int32(index))
        }
        var report = CellReport(breakdown: PredictionBreakdown(model: trainer.model, user: u, item: m, withProduct: false),
                                actual: actual, heldOut: heldOut)
        report.history.append(trainer.predict(user: u, item: m))
        return report
    }

    /// Refreshes the selected cell's breakdown (the one-hot product is throttled on big tables).
    private func refreshCell() {
        guard let u = viewport.selectedUser.map(Int.init), let m = viewport.selectedItem.map(Int.init) else {
            cell = nil
            return
        }
        if cell == nil || cell?.breakdown.user != u || cell?.breakdown.item != m { cell = makeCell(u, m) }
        let now = DispatchTime.now().uptimeNanoseconds
        let big = data.userCount * hyper.factors > 2_000_000
        let product = !big || now - productComputedAt > 500_000_000
        if product { productComputedAt = now }
        var breakdown = PredictionBreakdown(model: trainer.model, user: u, item: m, withProduct: product)
        if !product, let old = cell?.breakdown, old.userFactors == breakdown.userFactors { breakdown.oneHotTimesU = old.oneHotTimesU }
        cell?.breakdown = breakdown
        snapshot.cell = cell
    }

    private func recordValidation(full: Bool = false) {
        let metrics = full || data.validCount <= quickValidationSize ? trainer.validate() : trainer.validate(limit: quickValidationSize)
        guard metrics.count > 0 else { return }
        snapshot.lastValid = metrics
        if let last = snapshot.valid.last, last.step == trainer.step { snapshot.valid.removeLast() }
        snapshot.valid.append(ValidPoint(step: trainer.step, mse: metrics.mse))
    }

    /// Brings the snapshot's figures and the visible predictions up to date.
    private func refresh() {
        snapshot.hyper = hyper
        snapshot.step = trainer.step
        snapshot.epoch = trainer.epoch
        snapshot.epochFraction = trainer.epochFraction
        snapshot.stepsPerEpoch = trainer.stepsPerEpoch
        snapshot.running = running
        snapshot.speed = speed
        snapshot.learningRate = trainer.currentLearningRate
        if stepTimes.count >= 2, let first = stepTimes.first, let last = stepTimes.last, last > first {
            snapshot.stepsPerSecond = Double(stepTimes.count - 1) / (Double(last - first) / 1e9)
        }
        if !running { snapshot.stepsPerSecond = 0 }
        snapshot.viewport = viewport
        refreshPerson()
        var predictions: [Float] = []
        predictions.reserveCapacity(viewport.users.count * viewport.items.count)
        for u in viewport.users {
            for m in viewport.items { predictions.append(trainer.predict(user: Int(u), item: Int(m))) }
        }
        snapshot.predictions = predictions
        refreshCell()
        let now = DispatchTime.now().uptimeNanoseconds
        if let user = rankingUser, now - lastRanking > 250_000_000 || snapshot.rankingUser != user {
            lastRanking = now
            let scores = (0..<data.itemCount).map { trainer.predict(user: Int(user), item: $0) }
            snapshot.ranking = (0..<Int32(data.itemCount)).sorted { scores[Int($0)] > scores[Int($1)] }
            snapshot.rankingUser = user
        } else if rankingUser == nil {
            snapshot.rankingUser = nil
            snapshot.ranking = []
        }
    }

    func currentSnapshot() -> TrainingSnapshot { snapshot }
}
