import Dispatch
import Foundation
import LatentCore

/// The training side of the explorer, on the training queue (created there, never shared). It
/// is the interpreter of `EngineState`: each command, tick or outcome goes to `reduce` as an
/// event, and the effects that come back are carried out here over the trainer, the threads and
/// the files, with parts of one job each: the `TrainingLoop` (steps and slices),
/// `EngineValidation`, the `SnapshotBuilder` (what the screen reads), the `PersonRecommender`
/// (the person's row), the `InsightBuilder` (map, neighbours, biases) and the `SessionWriter`.
/// It decides nothing itself.
final class TrainingEngine {
    let dataset: Dataset
    let data: TrainingData
    /// Which ratings are held out: `x` never trains on them.
    private let split: Split
    private(set) var trainer: Trainer
    private var state: EngineState
    private var builder: SnapshotBuilder
    private var person: PersonRecommender
    private var insight: InsightBuilder
    private var generation = 0
    /// Threads every trainer of this engine uses (`EngineSetup.threads`).
    private let threads: Int
    private var loop = TrainingLoop()
    private var validation = EngineValidation()
    /// Where the session is saved (nil: never).
    private let sessions: SessionWriter?
    /// What the split trains, kept when an imported model's missing rows were marked untrained:
    /// fresh parameters (`i`, a new setting) train every row again.
    private let splitSeen: (users: [Bool], items: [Bool])?
    /// The held-out top-k queries for the runs table's ranking columns, made at the first epoch
    /// end; nil on data sets too big to rank every movie for at an epoch's end.
    /// When the top k was last ranked, and what it cost (`rankTopK`).
    private var rankedAt: UInt64 = 0
    private var rankingCost: UInt64 = 0
    private lazy var topK: TopKEvaluation? = {
        guard dataset.ratings.count <= EnginePolicy.rankingMaxRatings, dataset.itemCount > 0 else { return nil }
        let evaluation = TopKEvaluation(table: dataset.ratings, split: split, relevantAtLeast: TopKEvaluation.relevanceThreshold(dataset.scale),
                                        maxUsers: EnginePolicy.rankingUsers(items: dataset.itemCount))
        return evaluation.queries.isEmpty ? nil : evaluation
    }()

    /// The person's user row: one past the data set's users.
    var personUser: Int { dataset.userCount }

    init(_ setup: EngineSetup) throws {
        dataset = setup.dataset
        sessions = setup.sessionURL.map { SessionWriter(url: $0, splitSource: setup.splitSource) }
        split = setup.split
        (data, splitSeen) = setup.trainingData()
        threads = setup.threads
        let viewingOnly = !setup.dataset.capabilities.trains
        // A session holds the tables (and as many optimizer tables again, twice for Adam) and each user's rated movies.
        let k = setup.hyper.factors + 1, tables = setup.hyper.optimizer == .adam ? 3 : 1
        let sessionBytes = 4 * (data.userCount + data.itemCount) * k * tables + 4 * setup.dataset.ratings.count
        state = EngineState(viewingOnly: viewingOnly, backgroundFrom: setup.backgroundValidationFrom, savesSessions: setup.sessionURL != nil,
                            sessionBytes: sessionBytes, now: DispatchTime.now().uptimeNanoseconds,
                            validatesBeside: setup.threads < ProcessInfo.processInfo.activeProcessorCount)
        trainer = try Trainer(data: data, hyper: setup.hyper, threads: setup.threads, viewingOnly: viewingOnly)
        builder = SnapshotBuilder(dataset: setup.dataset, split: setup.split, personUser: setup.dataset.userCount, hyper: setup.hyper)
        let counts = setup.trainedCounts(data)
        person = PersonRecommender(user: setup.dataset.userCount, counts: counts, scale: setup.dataset.scale, foldIn: setup.foldIn)
        insight = InsightBuilder(dataset: setup.dataset, counts: counts)
        try setup.open(trainer, &state, &builder)
        person.attach(to: trainer)
        recordValidation(full: true)
        refresh()
    }

    private var now: UInt64 { DispatchTime.now().uptimeNanoseconds }

    func apply(_ command: TrainingCommand) {
        send(.command(command))
        refresh()
    }

    /// Does the work that is due. Returns how long to wait before calling again (nil: until a command comes).
    func work() -> Double? {
        send(.tick(now: now))
        send(.worked)
        refresh()
        return state.pacer.wait(now: now)
    }

    /// Hands an event to the state and carries out the effects it returns, in order.
    private func send(_ event: EngineEvent) {
        for effect in state.reduce(event, TrainerFacts(trainer)) { perform(effect) }
    }

    private func perform(_ effect: EngineEffect) {
        switch effect {
        case .collectBackgroundValidation: collectValidation(wait: true)
        case .collectFinishedValidation: collectValidation(wait: false)
        case .startNewCycle:
            trainer.startNewCycle()
            builder.mark("cycle \(trainer.cycle)", at: trainer.step)
        case .setPhase(let phase): builder.setPhase(phase)
        case .trainSteps(let n): steps(n)
        case .trainStep(let rating): steps(1, forcing: rating)
        case .trainPaced(let deadline):
            var t = now
            while t < deadline && state.pacer.takeStep(now: t) {
                steps(1)
                t = now
            }
        case .trainSlices(let deadline):
            train { try loop.slices(on: trainer, until: deadline, running: { [unowned self] in state.pacer.running }, handlers, steps: &$0) }
        case .checkCell(let u, let m):
            send(.cellChecked(TrainableCell.rating(user: u, item: m, dataset: dataset, split: split, personUser: personUser,
                                                   personRatings: person.ratings)))
        case .rebuild(let h, let reason): rebuild(h, reason: reason)
        case .setReference(let line): builder.setReference(line)
        case .setPersonRatings(let ratings): person.setRatings(ratings, on: trainer)
        case .setRecommendationOptions(let s, let m, let b): person.setOptions(scoring: s, minRatings: m, sureBets: b)
        case .setInsight(let request): insight.setRequest(request)
        case .saveSession(let announce): saveSession(announce: announce)
        case .validate(let end, inBackground: true) where trainer.neural == nil: validation.startBeside(trainer, for: end)
        case .validate(let end, inBackground: _):
            // (The network is validated in line: the pass beside the training reads a dot-product model.)
            let started = now
            let metrics = recordValidation(full: true)
            rankTopK()
            validation.ranFull(took: now - started)
            send(.epochValidated(end, metrics, now: now))
        case .skipValidation(let end): send(.epochValidated(end, nil, now: now))
        }
    }

    private func rebuild(_ h: Hyperparameters, reason: RebuildReason) {
        var fresh = data
        if let seen = splitSeen { (fresh.userSeen, fresh.itemSeen) = seen }
        let t: Trainer
        do { t = try Trainer(data: fresh, hyper: h, threads: threads) } catch {
            // Nothing changed: the snapshot carries the settings in force, and the screen's request goes back to them.
            builder.refuseSettings(inForce: trainer.hyper)
            return send(.rebuilt(h, reason, failure: "\(error)"))
        }
        send(.rebuilt(h, reason, failure: nil))
        trainer = t
        generation += 1
        builder.begin(hyper: h, reason: reason, message: nil)
        person.attach(to: trainer)
        insight.modelReplaced()
        recordValidation(full: true)
    }

    /// What the loops hand back: each step or slice to the snapshot, quick validations, epoch ends.
    private var handlers: TrainingLoop.Handlers {
        TrainingLoop.Handlers(step: { [unowned self] in builder.recordStep($0, trainer: trainer, person: person.ratings) },
                              slice: { [unowned self] in builder.recordSlice($0, trainer: trainer) },
                              validationPoint: { [unowned self] in recordValidation(full: false) },
                              epochEnded: { [unowned self] in epochEndedStops() })
    }

    /// Up to `n` steps (each with `forcing` in its batch), reporting on the selected cell.
    private func steps(_ n: Int, forcing extra: Rating? = nil) {
        train { try loop.steps(n, on: trainer, forcing: extra, watching: state.viewport.selectedCell, handlers, done: &$0) }
    }

    /// Runs a loop, counting its steps and time in the runs table; a divergence stops training with the reason.
    private func train(_ body: (inout Int) throws -> Void) {
        let started = now
        var steps = 0
        do { try body(&steps) } catch { send(.failed("\(error)")) }
        state.runs.recordTraining(steps: steps, seconds: Double(now - started) / 1e9, epochs: trainer.epochsTrained - state.runEpochBase)
    }

    /// An epoch ended: its validation (in line, or beside the training), then whether training
    /// stops here (`EngineState.epochDone`).
    private func epochEndedStops() -> Bool {
        send(.epochEnded(EpochEnd(trainer, runEpochBase: state.runEpochBase, seconds: state.runs.current?.seconds ?? 0), validCount: data.validCount,
                         fullDue: validation.fullPassDue(now: now)))
        return state.epochDone(TrainerFacts(trainer))
    }

    /// Collects the background validation: waiting for it, or only if it is done.
    private func collectValidation(wait: Bool) {
        guard let (end, metrics) = validation.collect(wait: wait) else { return }
        if let metrics {
            builder.recordValidation(metrics, step: end.step)
            state.runs.recordValidation(metrics.modelMSE)
        }
        send(.epochValidated(end, metrics, now: now))
    }

    /// The runs table's top-k figures at an epoch's end: at most a twentieth of the time (a
    /// Gibbs sweep or a least-squares epoch on the sample lasts less than ranking every movie
    /// for every held-out user does), and always at the end of the planned epochs.
    private func rankTopK() {
        guard let topK else { return }
        let started = now
        guard trainer.cycleDone || started &- rankedAt >= EnginePolicy.rankingShare * rankingCost else { return }
        state.runs.recordRanking(topK.evaluate(trainer, threads: threads))
        rankedAt = now
        rankingCost = rankedAt &- started
    }

    /// Validates (`EngineValidation`) and puts the figures on the curve and in the runs table.
    @discardableResult
    private func recordValidation(full: Bool) -> ValidationMetrics? {
        guard let metrics = validation.validate(trainer, full: full, flatOut: state.pacer.flatOut, now: now) else { return nil }
        builder.recordValidation(metrics, step: trainer.step)
        state.runs.recordValidation(metrics.modelMSE)
        return metrics
    }

    /// Brings the person and the snapshot up to date.
    private func refresh() {
        let t = now, version = ModelVersion(generation: generation, step: trainer.step)
        person.update(trainer: trainer, version: version, running: state.pacer.running, now: t)
        insight.update(model: trainer.model, version: version, running: state.pacer.running, now: t)
        builder.setInsight(insight.report)
        builder.setMessage(state.message)
        builder.refresh(trainer: trainer, pacer: state.pacer, viewport: state.viewport, rankingUser: state.rankingUser, person: person,
                        version: version, runs: state.runs, now: t)
    }

    func currentSnapshot() -> TrainingSnapshot { builder.snapshot }

    /// Saves the model with where training stands, its curves and runs, atomically (on the way
    /// out, and for `W` and the autosave through `perform`).
    @discardableResult
    func saveSession(announce: Bool = false) -> SaveOutcome {
        collectValidation(wait: true)
        let started = now
        let record = builder.sessionRecord(progress: trainer.trainingProgress, runs: state.runs)
        // The network is not written to a model file yet: its session is not saved (the
        // person's ratings are, as they rate, in their own file).
        let outcome = trainer.neural != nil ? .nothingToSave
            : sessions?.save(trainer: trainer, dataset: dataset, history: state.epochHistory, record: record, foldIn: person.foldIn) ?? .nothingToSave
        if outcome == .saved { builder.setSavedAt(record.savedAt) }
        send(.saved(outcome, announce: announce, now: now, took: now - started))
        return outcome
    }
}
