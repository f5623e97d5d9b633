import Dispatch
import Foundation
import LatentCore

/// The training side of the explorer. It lives entirely on the training queue (created
/// there, never shared): it applies commands, runs steps at the chosen speed, and
/// describes itself in snapshots.
final class TrainingEngine {
    let dataset: Dataset
    let data: TrainingData
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
    /// Validation during an epoch on at most this many held-out ratings (the full set at epoch ends).
    private let quickValidationSize = 20_000

    init(dataset: Dataset, data: TrainingData, hyper: Hyperparameters) throws {
        self.dataset = dataset
        self.data = data
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
            runSteps(1)
        case .stepEpoch:
            running = false
            let target = trainer.cursor >= trainer.epochRatings.count ? trainer.completedEpochs + 1 : trainer.epoch + 1
            epochTarget = target
            running = true
        case .reset(let newSeed):
            var h = hyper
            if newSeed { h.seed = h.seed &+ 1 }
            rebuild(h, reason: newSeed ? "reset, seed \(h.seed)" : "reset")
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
        case .shutdown: running = false
        }
        refresh()
    }

    private func start() {
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
            hyper = h
            trainer = t
            running = false
            epochTarget = nil
            let markers = [Marker(step: 0, label: reason)]
            let generation = snapshot.generation + 1
            snapshot = TrainingSnapshot(hyper: h)
            snapshot.generation = generation
            smoothing = 0
            smoothedSteps = 0
            snapshot.markers = markers
            snapshot.speed = speed
            snapshot.message = reason.hasPrefix("reset") ? "Reset: fresh random parameters, step 0." : "\(reason): the model starts again from random parameters."
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
                let report = try trainer.trainStep()
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
        var predictions: [Float] = []
        predictions.reserveCapacity(viewport.users.count * viewport.items.count)
        for u in viewport.users {
            for m in viewport.items { predictions.append(trainer.predict(user: Int(u), item: Int(m))) }
        }
        snapshot.predictions = predictions
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
