import Dispatch
import Foundation
import LatentCore

/// The training side of the explorer, on the training queue (created there, never shared). It
/// is the interpreter of `EngineState`: each command or outcome goes to `reduce` as an event,
/// and the effects that come back are carried out here over the trainer, the threads and the
/// files, with parts of one job each: the `TrainingLoop` (steps and slices), `EngineValidation`,
/// the `SnapshotBuilder` (what the screen reads), the `PersonRecommender` (the person's row),
/// the `InsightBuilder` (map, neighbours, biases) and the `SessionWriter`.
final class TrainingEngine {
    let dataset: Dataset
    let data: TrainingData
    /// Which ratings are held out: `x` never trains on them.
    private let split: Split
    private(set) var trainer: Trainer
    /// What the engine decides from: `EngineState.reduce` turns each event into effects, which
    /// this class carries out (`perform`) over the trainer, the threads and the files.
    private var state: EngineState
    private var builder: SnapshotBuilder
    private var person: PersonRecommender
    private var insight: InsightBuilder
    private var generation = 0
    /// Threads every trainer of this engine uses (`EngineSetup.threads`).
    private var threads = 1
    /// Steps and flat-out slices.
    private var loop = TrainingLoop()
    /// Quick estimates, full passes, and the epoch's pass beside the training.
    private var validation = EngineValidation()
    /// Where the session is saved (nil: never).
    private let sessions: SessionWriter?
    /// What the split trains, kept when an imported model's missing rows were marked untrained:
    /// fresh parameters (`i`, a new setting) train every row again.
    private var splitSeen: (users: [Bool], items: [Bool])?

    /// The person's user row: one past the data set's users.
    var personUser: Int { dataset.userCount }

    init(_ setup: EngineSetup) throws {
        dataset = setup.dataset
        sessions = setup.sessionURL.map { SessionWriter(url: $0, splitSource: setup.splitSource) }
        split = setup.split
        let (data, splitSeen) = setup.trainingData()
        self.data = data
        self.splitSeen = splitSeen
        let viewingOnly = !setup.dataset.capabilities.trains
        state = EngineState(viewingOnly: viewingOnly, backgroundFrom: setup.backgroundValidationFrom, savesSessions: setup.sessionURL != nil)
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
            state.open(.fresh, facts, epochsTrained: 0)
            builder.begin(hyper: setup.hyper, reason: .start, message: nil)
        case .saved(let contents, let alignment, .session):
            try trainer.load(contents, alignment)
            state.open(.session(contents.header.session?.runs), facts, epochsTrained: trainer.epochsTrained)
            if let record = contents.header.session { builder.resume(record) }
        case .saved(let contents, let alignment, .model(let path)):
            try trainer.load(contents, alignment)
            let reason = RebuildReason.opened(URL(fileURLWithPath: path).lastPathComponent)
            state.open(.model(label: reason.label), facts, epochsTrained: trainer.epochsTrained)
            builder.begin(hyper: setup.hyper, reason: reason, message: nil, at: trainer.step)
            builder.setPhase(.train)
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

    private var facts: TrainerFacts {
        TrainerFacts(hyper: trainer.hyper, step: trainer.step, completedEpochs: trainer.completedEpochs,
                     cycleDone: trainer.cycleDone, cycleStartEpoch: trainer.cycleStartEpoch)
    }

    // MARK: Events and effects

    func apply(_ command: TrainingCommand) {
        send(.command(command))
        refresh()
    }

    /// Hands an event to the state and carries out the effects it returns, in order.
    private func send(_ event: EngineEvent) {
        for effect in state.reduce(event, facts) { perform(effect) }
    }

    private func perform(_ effect: EngineEffect) {
        switch effect {
        case .collectBackgroundValidation: finishPendingValidation()
        case .startNewCycle:
            trainer.startNewCycle()
            builder.mark("cycle \(trainer.cycle)", at: trainer.step)
        case .setPhase(let phase): builder.setPhase(phase)
        case .trainSteps(let n): runSteps(n)
        case .trainStep(let rating): runSteps(1, forcing: rating)
        case .checkCell(let u, let m):
            send(.cellChecked(TrainableCell.rating(user: u, item: m, dataset: dataset, split: split, personUser: personUser,
                                                   personRatings: person.ratings)))
        case .rebuild(let h, let reason): rebuild(h, reason: reason)
        case .setPersonRatings(let ratings):
            person.setRatings(ratings)
            trainer.setSideRatings(user: personUser, ratings.map { (Int($0.item), $0.rating) })
        case .setRecommendationOptions(let s, let m): person.setOptions(scoring: s, minRatings: m)
        case .setInsight(let request): insight.setRequest(request)
        case .saveSession(let announce): saveSession(announce: announce)
        case .validate(let end, let inBackground):
            if inBackground {
                validation.startBeside(trainer, for: end)
            } else {
                send(.epochValidated(end, recordValidation(full: true), now: DispatchTime.now().uptimeNanoseconds))
            }
        }
    }

    private func rebuild(_ h: Hyperparameters, reason: RebuildReason) {
        do {
            var fresh = data
            if let seen = splitSeen { (fresh.userSeen, fresh.itemSeen) = seen }
            let t = try Trainer(data: fresh, hyper: h, threads: threads)
            // Leaving the categories: their best validation stays on the chart to compare with.
            if trainer.hyper.genreFactors, !h.genreFactors, let best = state.runs.current?.validBest {
                builder.setReference(ReferenceLine(label: "categories", mse: best))
            }
            trainer = t
            generation += 1
            send(.rebuilt(h, reason, failure: nil))
            builder.begin(hyper: h, reason: reason, message: nil)
            attachPerson()
            insight.modelReplaced()
            recordValidation(full: true)
        } catch {
            // Nothing changed: the settings in force are the old ones, and the snapshot says so
            // (the screen's request goes back to them, `refusedSettings`).
            builder.refuseSettings(inForce: trainer.hyper)
            send(.rebuilt(h, reason, failure: "\(error)"))
        }
    }

    // MARK: Training

    /// Does the work that is due. Returns how long to wait before calling again (nil: until a command comes).
    func work() -> Double? {
        finishPendingValidation(wait: !state.pacer.running)
        guard state.pacer.running else { return nil }
        let started = DispatchTime.now().uptimeNanoseconds
        let deadline = started + Pacer.workNanos
        var now = started
        if state.pacer.flatOut && trainer.usesFusedEpochs {
            runSlices(until: deadline)
        } else {
            while state.pacer.running && now < deadline && state.pacer.takeStep(now: now) {
                runSteps(1)
                now = DispatchTime.now().uptimeNanoseconds
            }
        }
        // Stopped on its own (the run's end, a divergence): the epoch's figures before the screen.
        if !state.pacer.running { finishPendingValidation() }
        refresh()
        return state.pacer.wait(now: DispatchTime.now().uptimeNanoseconds)
    }

    /// What the loops hand back: each step or slice to the snapshot, quick validations, epoch ends.
    private var loopHandlers: TrainingLoop.Handlers {
        TrainingLoop.Handlers(step: { [unowned self] in builder.recordStep($0, trainer: trainer, person: person.ratings) },
                              slice: { [unowned self] in builder.recordSlice($0, trainer: trainer) },
                              validationPoint: { [unowned self] in recordValidation(full: false) },
                              epochEnded: { [unowned self] in epochEndedStops() })
    }

    private func runSteps(_ n: Int, forcing extra: Rating? = nil) {
        let started = DispatchTime.now().uptimeNanoseconds
        var done = 0
        defer { recordTraining(steps: done, since: started) }
        let cell = state.viewport.selectedUser.flatMap { u in state.viewport.selectedItem.map { (user: Int(u), item: Int($0)) } }
        do { try loop.steps(n, on: trainer, forcing: extra, watching: cell, loopHandlers, done: &done) } catch { send(.failed("\(error)")) }
    }

    /// Flat out until the frame's share of time is used: the trainer's kernels in slices.
    private func runSlices(until deadline: UInt64) {
        let started = DispatchTime.now().uptimeNanoseconds
        var steps = 0
        defer { recordTraining(steps: steps, since: started) }
        do { try loop.slices(on: trainer, until: deadline, running: { [unowned self] in state.pacer.running }, loopHandlers, steps: &steps) } catch {
            send(.failed("\(error)"))
        }
    }

    private func recordTraining(steps: Int, since started: UInt64) {
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        state.runs.recordTraining(steps: steps, seconds: seconds, epochs: trainer.epochsTrained - state.runEpochBase)
    }

    /// An epoch ended: its validation (in line, or beside the training), then whether training
    /// stops here (`EngineState.epochDone`).
    private func epochEndedStops() -> Bool {
        let end = EpochEnd(step: trainer.step, completedEpochs: trainer.completedEpochs,
                           epochInRun: Int((Double(trainer.completedEpochs) - state.runEpochBase).rounded()),
                           trainLoss: trainer.epochTrainLoss, seconds: state.runs.current?.seconds ?? 0, cycle: trainer.cycle)
        send(.epochEnded(end, validCount: data.validCount))
        return state.epochDone(facts)
    }

    /// Collects the background validation: waiting for it, or only if it is done (`wait` false).
    private func finishPendingValidation(wait: Bool = true) {
        guard let (end, metrics) = validation.collect(wait: wait) else { return }
        if let metrics {
            builder.recordValidation(metrics, step: end.step)
            state.runs.recordValidation(metrics.mse)
        }
        send(.epochValidated(end, metrics, now: DispatchTime.now().uptimeNanoseconds))
    }

    /// Validates (`EngineValidation`) and puts the figures on the curve and in the runs table.
    @discardableResult
    private func recordValidation(full: Bool) -> ValidationMetrics? {
        guard let metrics = validation.validate(trainer, full: full, flatOut: state.pacer.flatOut, now: DispatchTime.now().uptimeNanoseconds) else {
            return nil
        }
        builder.recordValidation(metrics, step: trainer.step)
        state.runs.recordValidation(metrics.mse)
        return metrics
    }

    /// Brings the person and the snapshot up to date.
    private func refresh() {
        let now = DispatchTime.now().uptimeNanoseconds
        person.update(model: trainer.model, version: modelVersion, running: state.pacer.running, now: now)
        insight.update(model: trainer.model, version: modelVersion, running: state.pacer.running, now: now)
        builder.setInsight(insight.report)
        builder.setMessage(state.message)
        builder.refresh(trainer: trainer, pacer: state.pacer, viewport: state.viewport, rankingUser: state.rankingUser, person: person,
                        version: modelVersion, runs: state.runs, now: now)
    }

    func currentSnapshot() -> TrainingSnapshot { builder.snapshot }

    // MARK: The saved session

    enum SaveOutcome: Equatable {
        case saved
        /// No session file, or nothing trained (an untrained model never replaces a saved one).
        case nothingToSave
        case failed(String)
    }

    /// Saves the model with where training stands, its curves and runs, atomically (on the way
    /// out, and for `W` and the autosave through `perform`).
    @discardableResult
    func saveSession(announce: Bool = false) -> SaveOutcome {
        finishPendingValidation()
        let started = DispatchTime.now().uptimeNanoseconds
        let outcome = writeSession()
        let now = DispatchTime.now().uptimeNanoseconds
        send(.saved(outcome, announce: announce, now: now, took: now - started))
        return outcome
    }

    private func writeSession() -> SaveOutcome {
        guard let sessions, trainer.step > 0 else { return .nothingToSave }
        let record = builder.sessionRecord(progress: trainer.trainingProgress, runs: state.runs)
        do { try sessions.write(trainer: trainer, dataset: dataset, history: state.epochHistory, record: record, foldIn: person.foldIn) } catch {
            return .failed("Could not save the session to \(sessions.url.path): \(error)")
        }
        builder.setSavedAt(record.savedAt)
        return .saved
    }
}
