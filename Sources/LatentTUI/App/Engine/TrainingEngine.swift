import Dispatch
import Foundation
import LatentCore

/// The training side of the explorer. It lives entirely on the training queue (created
/// there, never shared) and coordinates parts with one job each: the `Pacer` (when to step
/// and validate), the `SnapshotBuilder` (what the screen reads), the `PersonRecommender`
/// (the person's folded-in row and recommendations) and the `RunLog` (the runs table).
final class TrainingEngine {
    let dataset: Dataset
    let data: TrainingData
    /// Which ratings are held out: `x` never trains on them.
    private let split: Split
    private(set) var trainer: Trainer
    private var pacer = Pacer()
    private var builder: SnapshotBuilder
    private var person: PersonRecommender
    private var insight: InsightBuilder
    private var runs = RunLog()
    private var viewport = Viewport()
    private var rankingUser: Int32?
    private var generation = 0
    /// Threads every trainer of this engine uses (`EngineSetup.threads`).
    private var threads = 1
    /// The next flat-out slice's size, tuned as it goes.
    private var sliceSize = EnginePolicy.SliceSize()
    /// The current model's epochs (the saved model's header lists them).
    private var epochHistory: [EpochMetrics] = []
    /// Epochs the current run had trained before this model was built or resumed.
    private var runEpochBase = 0.0
    private let sessionURL: URL?
    private let splitSource: (seed: UInt64, fraction: Double)?
    private var autosave = EnginePolicy.Autosave()
    /// The best epoch-end validation before the current schedule cycle began, and whether
    /// a rise above it has been explained yet.
    private var bestBeforeCycle: Float?
    private var cycleRiseExplained = false

    /// Opened from a model's factors alone (no ratings loaded): it predicts, folds in and
    /// ranks, and answers every training command with why it cannot.
    private let viewingOnly: Bool

    /// What the split trains, kept when an imported model's missing rows were marked untrained:
    /// fresh parameters (`i`, a new setting) train every row again.
    private var splitSeen: (users: [Bool], items: [Bool])?

    /// The person's user row: one past the data set's users.
    var personUser: Int { dataset.userCount }

    init(_ setup: EngineSetup) throws {
        dataset = setup.dataset
        sessionURL = setup.sessionURL
        splitSource = setup.splitSource
        split = setup.split
        var data = TrainingData(dataset: setup.dataset, split: setup.split)
        if let factors = setup.dataset.factorsOnly {
            // No ratings say who was trained: the model does (its untrained users and movies are listed).
            (data.userSeen, data.itemSeen) = factors.trained(users: data.userCount)
        }
        data.addUsers(1)
        if case .saved(let contents, let alignment, _) = setup.start, contents.header.format == "imported", setup.dataset.factorsOnly == nil {
            splitSeen = (data.userSeen, data.itemSeen)
            // Rows an import lacked (`covering`) are zeros, whatever this split trains: predicted
            // from the other side and never recommended, as long as this model is open.
            for u in contents.header.unseenUsers where u < alignment.userRows.count { data.userSeen[alignment.userRows[u]] = false }
            for m in contents.header.unseenItems where m < alignment.itemRows.count { data.itemSeen[alignment.itemRows[m]] = false }
        }
        self.data = data
        viewingOnly = !setup.dataset.capabilities.trains
        background = BackgroundValidation(from: setup.backgroundValidationFrom)
        trainer = try Trainer(data: data, hyper: setup.hyper, threads: setup.threads, viewingOnly: viewingOnly)
        threads = setup.threads
        builder = SnapshotBuilder(dataset: setup.dataset, split: setup.split, personUser: setup.dataset.userCount, hyper: setup.hyper)
        // Movies with no training rating (all theirs held out) keep random factors: counted as
        // unrated, they are never recommended, anyone's neighbour or on the map.
        // (A model opened from its factors alone says itself which movies it never trained on.)
        let trained = viewingOnly ? setup.counts : setup.counts.enumerated().map { m, c in m < data.itemSeen.count && data.itemSeen[m] ? c : 0 }
        person = PersonRecommender(user: setup.dataset.userCount, counts: trained, scale: setup.dataset.scale, foldIn: setup.foldIn)
        insight = InsightBuilder(dataset: setup.dataset, counts: trained)
        switch setup.start {
        case .fresh:
            runs.start(label: RebuildReason.start.label, hyper: setup.hyper, step: 0)
            builder.begin(hyper: setup.hyper, reason: .start, message: nil)
        case .saved(let contents, let alignment, let origin):
            try trainer.load(contents, alignment)
            switch origin {
            case .session:
                if let record = contents.header.session {
                    runs = record.runs
                    builder.resume(record)
                }
            case .model(let path):
                let reason = RebuildReason.opened(URL(fileURLWithPath: path).lastPathComponent)
                runs.start(label: reason.label, hyper: setup.hyper, step: trainer.step)
                builder.begin(hyper: setup.hyper, reason: reason, message: nil, at: trainer.step)
                builder.setPhase(.train)
            }
            if runs.current == nil { runs.start(label: "resumed", hyper: setup.hyper, step: trainer.step) }
            runEpochBase = trainer.epochsTrained - (runs.current?.epochs ?? 0)
            autosave = EnginePolicy.Autosave(completedEpochs: trainer.completedEpochs)
        }
        attachPerson()
        recordValidation(full: true)
        refresh()
    }

    /// The person's row is the fold-in's alone: freeze it for the optimizer, give their ratings to the side table.
    private func attachPerson() {
        trainer.freeze(user: personUser)
        trainer.setSideRatings(user: personUser, person.ratings.map { (Int($0.item), $0.rating) })
        person.modelReplaced()
    }

    private var modelVersion: ModelVersion { .init(generation: generation, step: trainer.step) }

    // MARK: Commands

    func apply(_ command: TrainingCommand) {
        switch command {
        case .setViewport, .rank, .setPersonRatings, .setRecommendationOptions, .setInsight, .save: break // keep the message
        default: builder.setMessage(nil)
        }
        switch command {
        case .setViewport, .rank, .setInsight, .setRecommendationOptions, .setSpeed, .setPersonRatings: break
        // Anything else may change the model or stop the run: the epoch's figures first.
        default: finishPendingValidation()
        }
        if viewingOnly && command.trains {
            pacer.pause()
            builder.setMessage(.needsRatings)
            refresh()
            return
        }
        switch command {
        case .run: start()
        case .pause: pacer.pause()
        case .toggleRun: if pacer.running { pacer.pause() } else { start() }
        case .step:
            pacer.pause()
            if trainer.cycleDone { startNewCycle() }
            builder.setPhase(.train)
            runSteps(1)
        case .stepCell:
            pacer.pause()
            guard let u = viewport.selectedUser, let m = viewport.selectedItem else { break }
            switch TrainableCell.rating(user: u, item: m, dataset: dataset, split: split, personUser: personUser, personRatings: person.ratings) {
            case .success(let rating):
                if trainer.cycleDone { startNewCycle() }
                builder.setPhase(.train)
                runSteps(1, forcing: rating)
            case .failure(let why):
                builder.setMessage(.cannotTrainCell(why.refusal))
            }
        case .stepEpoch:
            if trainer.cycleDone { startNewCycle() }
            builder.setPhase(.train)
            pacer.runUntil(epoch: trainer.completedEpochs + 1)
        case .reset(let seed):
            var h = trainer.hyper
            let same = h.seed == seed
            h.seed = seed
            rebuild(h, reason: .reset(seed: seed, sameSeed: same), message: .reset(seed: seed, sameSeed: same))
            builder.setPhase(.initialize)
        case .setSpeed(let s):
            pacer.setSpeed(s)
        case .setHyperparameters(let h, let change):
            rebuild(h, reason: .setting(change), message: .settingChanged(label: change.label))
        case .setViewport(let v):
            viewport = v
        case .rank(let user):
            rankingUser = user
        case .setPersonRatings(let ratings):
            person.setRatings(ratings)
            trainer.setSideRatings(user: personUser, ratings.map { (Int($0.item), $0.rating) })
        case .setRecommendationOptions(let s, let m):
            person.setOptions(scoring: s, minRatings: m)
        case .setInsight(let request):
            insight.setRequest(request)
        case .save:
            switch saveSession() {
            case .saved: builder.setMessage(.sessionSaved)
            case .nothingToSave: builder.setMessage(.nothingToSave(viewingOnly ? .factorsOnly : sessionURL == nil ? .noSessionHere : .untrained))
            case .failed(let problem): builder.setMessage(.failure(problem))
            }
        case .shutdown:
            pacer.pause()
        }
        refresh()
    }

    private func start() {
        builder.setPhase(.train)
        if trainer.cycleDone { startNewCycle() }
        pacer.start()
    }

    /// Another cycle of the schedule (fastai: `fit_one_cycle` called again).
    private func startNewCycle() {
        bestBeforeCycle = runs.current?.validBest
        cycleRiseExplained = false
        trainer.startNewCycle()
        builder.mark("cycle \(trainer.cycle)", at: trainer.step)
    }

    private func rebuild(_ h: Hyperparameters, reason: RebuildReason, message: EngineMessage) {
        do {
            var fresh = data
            if let seen = splitSeen { (fresh.userSeen, fresh.itemSeen) = seen }
            let t = try Trainer(data: fresh, hyper: h, threads: threads)
            // Leaving the categories: their best validation stays on the chart to compare with.
            if trainer.hyper.genreFactors, !h.genreFactors, let best = runs.current?.validBest {
                builder.setReference(ReferenceLine(label: "categories", mse: best))
            }
            trainer = t
            generation += 1
            pacer.pause()
            epochHistory = []
            runEpochBase = 0
            bestBeforeCycle = nil
            runs.start(label: reason.label, hyper: h, step: 0)
            builder.begin(hyper: h, reason: reason, message: message)
            attachPerson()
            insight.modelReplaced()
            recordValidation(full: true)
        } catch {
            // Nothing changed: the settings in force are the old ones, and the snapshot says so
            // (the screen's request goes back to them, `refusedSettings`).
            builder.refuseSettings(inForce: trainer.hyper)
            builder.setMessage(.failure("\(error)"))
        }
    }

    // MARK: Training

    /// Does the work that is due. Returns how long to wait before calling again (nil: until a command comes).
    func work() -> Double? {
        finishPendingValidation(wait: !pacer.running)
        guard pacer.running else { return nil }
        let started = DispatchTime.now().uptimeNanoseconds
        let deadline = started + Pacer.workNanos
        var now = started
        if pacer.flatOut && trainer.usesFusedEpochs {
            runSlices(until: deadline)
        } else {
            while pacer.running && now < deadline && pacer.takeStep(now: now) {
                runSteps(1)
                now = DispatchTime.now().uptimeNanoseconds
            }
        }
        // Stopped on its own (the run's end, a divergence): the epoch's figures before the screen.
        if !pacer.running { finishPendingValidation() }
        refresh()
        return pacer.wait(now: DispatchTime.now().uptimeNanoseconds)
    }

    private func runSteps(_ n: Int, forcing extra: Rating? = nil) {
        let started = DispatchTime.now().uptimeNanoseconds
        var done = 0
        defer {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            runs.recordTraining(steps: done, seconds: seconds, epochs: trainer.epochsTrained - runEpochBase)
        }
        for _ in 0..<n {
            do {
                let before = trainer.completedEpochs
                let cell = viewport.selectedUser.flatMap { u in viewport.selectedItem.map { (user: Int(u), item: Int($0)) } }
                let report = try trainer.trainStep(forcing: extra, watching: cell)
                done += 1
                builder.recordStep(report, trainer: trainer, person: person.ratings)
                guard trainer.completedEpochs > before else {
                    if EnginePolicy.crossesValidation(from: trainer.step - 1, to: trainer.step, stepsPerEpoch: trainer.stepsPerEpoch) {
                        recordValidation(full: false)
                    }
                    continue
                }
                if epochEndedStops() { return }
            } catch {
                pacer.pause()
                builder.setMessage(.failure("\(error)"))
                return
            }
        }
    }

    /// Flat out: the trainer's kernels in slices of about `EnginePolicy.SliceSize.target`, the same code and speed
    /// as `latentlab train` (a step at a time would spend more on bookkeeping than on training),
    /// until the frame's share of time is used. Validation, epoch ends and the schedule's end
    /// are handled as between steps.
    private func runSlices(until deadline: UInt64) {
        let started = DispatchTime.now().uptimeNanoseconds
        var steps = 0
        defer {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            runs.recordTraining(steps: steps, seconds: seconds, epochs: trainer.epochsTrained - runEpochBase)
        }
        var now = started
        while pacer.running && now < deadline {
            let before = trainer.completedEpochs, stepBefore = trainer.step
            do {
                guard let slice = try trainer.trainSlice(ratings: sliceSize.next(batchSize: trainer.hyper.batchSize, epochSize: trainer.epochSize)) else { return }
                sliceSize.measured(ratings: slice.ratings, nanos: DispatchTime.now().uptimeNanoseconds - now)
                steps += slice.steps
                builder.recordSlice(slice, trainer: trainer)
            } catch {
                pacer.pause()
                builder.setMessage(.failure("\(error)"))
                return
            }
            now = DispatchTime.now().uptimeNanoseconds
            guard trainer.completedEpochs > before else {
                if EnginePolicy.crossesValidation(from: stepBefore, to: trainer.step, stepsPerEpoch: trainer.stepsPerEpoch) { recordValidation(full: false) }
                continue
            }
            if epochEndedStops() { return }
            now = DispatchTime.now().uptimeNanoseconds
        }
    }

    /// An epoch ended (`epochEnded`); whether training stops here: the schedule's cycle is
    /// complete, or the epoch `S` asked for is reached (each says so, unless a message is up).
    private func epochEndedStops() -> Bool {
        epochEnded()
        switch EnginePolicy.afterEpoch(cycleDone: trainer.cycleDone, targetReached: pacer.stopsAt(completedEpochs: trainer.completedEpochs)) {
        case .goOn: return false
        case .cycleComplete:
            pacer.pause()
            if builder.snapshot.message == nil { builder.setMessage(.cycleComplete(epochs: trainer.hyper.epochs, schedule: trainer.hyper.schedule.rawValue)) }
        case .targetReached:
            pacer.pause()
            if builder.snapshot.message == nil { builder.setMessage(.epochDone(trainer.completedEpochs - trainer.cycleStartEpoch)) }
        }
        return true
    }

    /// The epoch's full validation beside the training, flat out on large held-out sets.
    private var background: BackgroundValidation
    /// When quick estimates may run.
    private var quickValidation = EnginePolicy.QuickValidation()


    /// An epoch ended: validate on every held-out rating, log it, explain a second cycle's rise, maybe save.
    private func epochEnded() {
        // The last epoch's figures first, wherever they were computed.
        finishPendingValidation()
        let end = EpochEnd(step: trainer.step, completedEpochs: trainer.completedEpochs,
                           epochInRun: Int((Double(trainer.completedEpochs) - runEpochBase).rounded()),
                           trainLoss: trainer.epochTrainLoss, seconds: runs.current?.seconds ?? 0, cycle: trainer.cycle)
        // Flat out on a large held-out set, when training goes on after this epoch: a copy of
        // the model is validated on the other core (the screen needs little of it), and the
        // figures are logged when they are ready, before any later point.
        let goesOn = !trainer.cycleDone && !pacer.stopsAt(completedEpochs: trainer.completedEpochs)
        if pacer.running && pacer.flatOut && goesOn && data.validCount >= background.from {
            background.start(trainer.validationInput(), for: end)
            return
        }
        concludeEpoch(end, recordValidation(full: true))
    }

    /// Collects the background validation: waiting for it, or only if it is done (`wait` false).
    private func finishPendingValidation(wait: Bool = true) {
        guard let (end, metrics) = background.collect(wait: wait) else { return }
        if let metrics {
            builder.recordValidation(metrics, step: end.step)
            runs.recordValidation(metrics.mse)
        }
        concludeEpoch(end, metrics)
    }

    /// Logs an epoch's validation: the runs table, the history, a second cycle's rise; maybe saves.
    private func concludeEpoch(_ end: EpochEnd, _ metrics: ValidationMetrics?) {
        runs.recordEpoch(end.epochInRun, trainLoss: end.trainLoss, validMSE: metrics?.mse)
        if let metrics {
            epochHistory.append(EpochMetrics(epoch: end.completedEpochs, trainLoss: end.trainLoss, valid: metrics, seconds: end.seconds))
            if EnginePolicy.explainsCycleRise(cycle: end.cycle, validMSE: metrics.mse, bestBeforeCycle: bestBeforeCycle, explained: cycleRiseExplained) {
                cycleRiseExplained = true
                builder.setMessage(.cycleRise(cycle: end.cycle, learningRate: trainer.hyper.learningRate))
            }
        }
        if sessionURL != nil, autosave.due(now: DispatchTime.now().uptimeNanoseconds, completedEpochs: trainer.completedEpochs) {
            if case .failed(let problem) = saveSession() { builder.setMessage(.failure(problem)) }
        }
    }

    @discardableResult
    private func recordValidation(full: Bool) -> ValidationMetrics? {
        // A quick estimate waits for the epoch's full figures (the curve's points stay in step order).
        if !full && !quickValidation.allow(backgroundPending: background.isPending, flatOut: pacer.flatOut, now: DispatchTime.now().uptimeNanoseconds) {
            return nil
        }
        let quick = EnginePolicy.QuickValidation.sample
        // A full validation takes every core for its moment: the screen needs little of one.
        let metrics = full || data.validCount <= quick ? trainer.validate(threads: ProcessInfo.processInfo.activeProcessorCount)
                                                       : trainer.validate(limit: quick)
        guard metrics.count > 0 else { return nil }
        builder.recordValidation(metrics, step: trainer.step)
        runs.recordValidation(metrics.mse)
        return metrics
    }

    /// Brings the person and the snapshot up to date.
    private func refresh() {
        let now = DispatchTime.now().uptimeNanoseconds
        person.update(model: trainer.model, version: modelVersion, running: pacer.running, now: now)
        insight.update(model: trainer.model, version: modelVersion, running: pacer.running, now: now)
        builder.setInsight(insight.report)
        builder.refresh(trainer: trainer, pacer: pacer, viewport: viewport, rankingUser: rankingUser, person: person,
                        version: modelVersion, runs: runs, now: now)
    }

    func currentSnapshot() -> TrainingSnapshot { builder.snapshot }

    // MARK: The saved session

    enum SaveOutcome: Equatable {
        case saved
        /// No session file, or nothing trained (an untrained model never replaces a saved one).
        case nothingToSave
        case failed(String)
    }

    /// Saves the model with where training stands, its curves and runs, atomically.
    @discardableResult
    func saveSession() -> SaveOutcome {
        finishPendingValidation()
        guard let url = sessionURL, trainer.step > 0 else { return .nothingToSave }
        var record = builder.sessionRecord(progress: trainer.trainingProgress, runs: runs)
        record.splitSeed = splitSource?.seed
        record.splitFraction = splitSource?.fraction
        var contents = ModelFile.Contents(trainer: trainer, dataset: dataset, history: epochHistory, session: record)
        // The fold-in rule goes with the session, so that a resumed import folds in as before.
        if person.foldIn != .standard { contents.header.foldIn = person.foldIn }
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            try ModelFile.write(contents, to: url)
        } catch {
            return .failed("Could not save the session to \(url.path): \(error)")
        }
        let now = DispatchTime.now().uptimeNanoseconds
        autosave.saved(at: now, took: now - started, completedEpochs: trainer.completedEpochs)
        builder.setSavedAt(record.savedAt)
        return .saved
    }
}
