import LatentCore

/// What the engine reads of the trainer when it decides (taken before each event).
struct TrainerFacts: Equatable {
    var hyper: Hyperparameters
    var step: Int
    var completedEpochs: Int
    var cycleDone: Bool
    var cycleStartEpoch: Int
    /// Whether the trainer can train flat out in slices of its kernels (`Trainer.trainSlice`).
    var trainsInSlices = false
    /// The schedule's cycle under way (1 for the first).
    var cycle = 1
}

extension TrainerFacts {
    init(_ t: Trainer) {
        self.init(hyper: t.hyper, step: t.step, completedEpochs: t.completedEpochs, cycleDone: t.cycleDone,
                  cycleStartEpoch: t.cycleStartEpoch, trainsInSlices: t.usesFusedEpochs, cycle: t.cycle)
    }
}

/// What happens to the engine: a command from the screen, or something its work brought about.
enum EngineEvent {
    case command(TrainingCommand)
    /// The engine may work now, until `now` plus its share of time (`Pacer.workNanos`).
    case tick(now: UInt64)
    /// The tick's work is done (training may have stopped on its own meanwhile).
    case worked
    /// What `x` may train on, decided (`TrainableCell`).
    case cellChecked(Result<Rating, TrainableCell.CellRefusalError>)
    /// New parameters were built, or could not be (the old ones stay in force). Sent while the
    /// facts are still the replaced model's.
    case rebuilt(Hyperparameters, RebuildReason, failure: String?)
    /// An epoch ended while training; `fullDue`: whether a full pass beside the training fits
    /// its time budget now (`EnginePolicy.FullValidation`).
    case epochEnded(EpochEnd, validCount: Int, fullDue: Bool = true)
    /// An epoch's validation is in (computed in line, or by the background pass).
    case epochValidated(EpochEnd, ValidationMetrics?, now: UInt64)
    /// A save ended (`W`, an autosave).
    case saved(SaveOutcome, announce: Bool, now: UInt64, took: UInt64)
    /// Training failed (a divergence): it stops with the reason.
    case failed(String)
}

/// What the engine does about an event: `TrainingEngine` carries these out in order, over the
/// trainer, the threads and the files, and tells the state what came of them (another event).
enum EngineEffect: Equatable {
    /// The epoch's figures first, wherever they are being computed.
    case collectBackgroundValidation
    /// The same, only if it is done (training goes on meanwhile).
    case collectFinishedValidation
    /// Paced steps while they are due (`Pacer.takeStep`), until the deadline.
    case trainPaced(until: UInt64)
    /// Flat out in slices of the trainer's kernels until the deadline.
    case trainSlices(until: UInt64)
    /// A line on the loss chart to compare with (the categories' best, once left).
    case setReference(ReferenceLine)
    /// Another cycle of the schedule (fastai: `fit_one_cycle` called again).
    case startNewCycle
    case setPhase(Phase)
    case trainSteps(Int)
    case trainStep(forcing: Rating)
    /// Decide whether the selected cell has a rating to train on (answered by `.cellChecked`).
    case checkCell(user: Int32, item: Int32)
    /// Fresh parameters with these settings (answered by `.rebuilt`).
    case rebuild(Hyperparameters, RebuildReason)
    case setPersonRatings([PersonRating])
    case setRecommendationOptions(scoring: Recommender.Scoring, minRatings: Int, sureBets: Bool)
    case setInsight(InsightRequest)
    /// Save the session (answered by `.saved`).
    case saveSession(announce: Bool)
    /// Validate the epoch on every held-out rating: in line, or on a copy beside the training.
    case validate(EpochEnd, inBackground: Bool)
    /// This epoch's end goes without its full figures (flat out, the last pass too recent for
    /// its cost): logged with its training loss, the quick estimates carry the curve.
    case skipValidation(EpochEnd)
}

/// The engine as a state machine (Bubble Tea's update): what it decides from, and `reduce`,
/// a pure function from an event to the effects to carry out. No trainer, thread, file or clock
/// (the time comes inside the events); `EngineStateTests` drives it alone.
struct EngineState {
    var pacer = Pacer()
    var viewport = Viewport()
    var rankingUser: Int32?
    /// What the person is told (the screen says it in words).
    var message: EngineMessage?
    var autosave = EnginePolicy.Autosave()
    /// The runs table, and the current model's epochs (what a saved model's header lists).
    var runs = RunLog()
    var epochHistory: [EpochMetrics] = []
    /// Epochs the current run had trained before this model was built or resumed.
    var runEpochBase = 0.0
    /// The best epoch-end validation before the current cycle began, and whether a rise above
    /// it has been explained yet.
    var bestBeforeCycle: Float?
    var cycleRiseExplained = false
    /// Opened on a model's factors alone: every training command is answered with why not.
    let viewingOnly: Bool
    /// Held-out sets from this size are validated beside the training when it runs flat out.
    let backgroundFrom: Int
    /// Whether sessions are saved at all (`--state`, not a model opened with `--model`).
    let savesSessions: Bool

    /// About how big a saved session is (the autosave's estimate of its cost before one is measured).
    let sessionBytes: Int

    /// Whether a full validation may run beside the training: only when the training leaves a
    /// core free. On every core, a pass beside it at a lower priority stalls the threads that
    /// wait for each other at every diagonal; in line, on every core, it is over at once.
    let validatesBeside: Bool

    init(viewingOnly: Bool, backgroundFrom: Int, savesSessions: Bool, sessionBytes: Int = 0, now: UInt64 = 0, validatesBeside: Bool = true) {
        self.validatesBeside = validatesBeside
        self.viewingOnly = viewingOnly
        self.backgroundFrom = backgroundFrom
        self.savesSessions = savesSessions
        self.sessionBytes = sessionBytes
        autosave = EnginePolicy.Autosave(sessionBytes: sessionBytes, startedAt: now)
    }

    /// How the engine opened: on fresh parameters, on a saved session (with its runs), or on a
    /// model file (a run of its own).
    enum Opening { case fresh, session(RunLog?), model(label: String) }

    /// The runs and the epoch counts as the engine opens (`f` after a saved model was loaded).
    mutating func open(_ opening: Opening, _ f: TrainerFacts, epochsTrained: Double) {
        switch opening {
        case .fresh:
            runs.start(label: RebuildReason.start.label, hyper: f.hyper, step: 0)
            return
        case .session(let saved): if let saved { runs = saved }
        case .model(let label): runs.start(label: label, hyper: f.hyper, step: f.step)
        }
        if runs.current == nil { runs.start(label: "resumed", hyper: f.hyper, step: f.step) }
        runEpochBase = epochsTrained - (runs.current?.epochs ?? 0)
        autosave = EnginePolicy.Autosave(completedEpochs: f.completedEpochs, sessionBytes: sessionBytes, startedAt: autosave.lastSave)
    }

    mutating func reduce(_ event: EngineEvent, _ f: TrainerFacts) -> [EngineEffect] {
        switch event {
        case .command(let c): return reduce(command: c, f)
        case .tick(let now):
            // Paused, a pass beside the training is waited for; running, collected if done.
            guard pacer.running else { return [.collectBackgroundValidation] }
            let deadline = now + Pacer.workNanos
            return [.collectFinishedValidation, pacer.flatOut && f.trainsInSlices ? .trainSlices(until: deadline) : .trainPaced(until: deadline)]
        case .worked:
            // Stopped on its own (the run's end, a divergence): the epoch's figures before the screen.
            return pacer.running ? [] : [.collectBackgroundValidation]
        case .cellChecked(.success(let rating)):
            return newCycleIfDone(f) + [.setPhase(.train), .trainStep(forcing: rating)]
        case .cellChecked(.failure(let why)):
            message = .cannotTrainCell(why.refusal)
            return []
        case .rebuilt(let h, let reason, let failure):
            if let failure {
                message = .failure(failure)
                return []
            }
            // Leaving the categories: their best validation stays on the chart to compare with.
            var effects: [EngineEffect] = []
            if f.hyper.genreFactors, !h.genreFactors, let best = runs.current?.validBest {
                effects.append(.setReference(ReferenceLine(label: "categories", mse: best)))
            }
            pacer.pause()
            epochHistory = []
            runEpochBase = 0
            bestBeforeCycle = nil
            runs.start(label: reason.label, hyper: h, step: 0)
            switch reason {
            case .reset(let seed, let same): message = .reset(seed: seed, sameSeed: same)
            case .setting(let change): message = .settingChanged(label: change.label)
            default: break
            }
            return effects
        case .epochEnded(let end, let validCount, let fullDue):
            // Flat out on a large held-out set, when training goes on after this epoch: a copy of
            // the model is validated on the other core, its figures logged when ready; but no
            // more often than its cost allows (epochs of a fifth of a second on 25M ratings
            // would otherwise spend a third of the time validating), the last pass collected only when done.
            let goesOn = !f.cycleDone && !pacer.stopsAt(completedEpochs: f.completedEpochs)
            let large = pacer.running && pacer.flatOut && goesOn && validCount >= backgroundFrom
            if large && !fullDue { return [.collectFinishedValidation, .skipValidation(end)] }
            return [.collectBackgroundValidation, .validate(end, inBackground: large && validatesBeside)]
        case .epochValidated(let end, let metrics, let now):
            runs.recordEpoch(end.epochInRun, trainLoss: end.trainLoss, validMSE: metrics?.modelMSE)
            if let metrics {
                epochHistory.append(EpochMetrics(epoch: end.completedEpochs, trainLoss: end.trainLoss, valid: metrics, seconds: end.seconds))
                if EnginePolicy.explainsCycleRise(cycle: end.cycle, validMSE: metrics.mse, bestBeforeCycle: bestBeforeCycle, explained: cycleRiseExplained) {
                    cycleRiseExplained = true
                    message = .cycleRise(cycle: end.cycle, learningRate: f.hyper.learningRate)
                }
            }
            return savesSessions && autosave.due(now: now, completedEpochs: f.completedEpochs) ? [.saveSession(announce: false)] : []
        case .saved(let outcome, let announce, let now, let took):
            switch outcome {
            case .saved:
                autosave.saved(at: now, took: took, completedEpochs: f.completedEpochs)
                if announce { message = .sessionSaved }
            case .nothingToSave:
                if announce { message = .nothingToSave(viewingOnly ? .factorsOnly : f.hyper.neural ? .network : savesSessions ? .untrained : .noSessionHere) }
            case .failed(let problem):
                message = .failure(problem)
            }
            return []
        case .failed(let why):
            pacer.pause()
            message = .failure(why)
            return []
        }
    }

    /// After an epoch's end is logged: whether training stops here (the cycle is complete, or
    /// the epoch `S` asked for is reached), saying so unless something else is being said.
    mutating func epochDone(_ f: TrainerFacts) -> Bool {
        switch EnginePolicy.afterEpoch(cycleDone: f.cycleDone, targetReached: pacer.stopsAt(completedEpochs: f.completedEpochs)) {
        case .goOn: return false
        case .cycleComplete:
            pacer.pause()
            if message == nil {
                message = f.hyper.sampled ? .sweepsComplete(sweeps: f.hyper.epochs) : .cycleComplete(epochs: f.hyper.epochs, schedule: f.hyper.schedule.rawValue)
            }
        case .targetReached:
            pacer.pause()
            if message == nil { message = f.hyper.sampled ? .sweepDone(f.completedEpochs - f.cycleStartEpoch) : .epochDone(f.completedEpochs - f.cycleStartEpoch) }
        }
        return true
    }

    private mutating func reduce(command: TrainingCommand, _ f: TrainerFacts) -> [EngineEffect] {
        var effects: [EngineEffect] = []
        switch command {
        case .setViewport, .rank, .setPersonRatings, .setRecommendationOptions, .setInsight, .save: break // keep the message
        default: message = nil
        }
        switch command {
        case .setViewport, .rank, .setInsight, .setRecommendationOptions, .setSpeed, .setPersonRatings: break
        // Anything else may change the model or stop the run: the epoch's figures first.
        default: effects.append(.collectBackgroundValidation)
        }
        if viewingOnly && command.trains {
            pacer.pause()
            message = .needsRatings
            return effects
        }
        switch command {
        case .run: effects += start(f)
        case .pause: pacer.pause()
        case .toggleRun: if pacer.running { pacer.pause() } else { effects += start(f) }
        case .step:
            pacer.pause()
            effects += newCycleIfDone(f) + [.setPhase(.train), .trainSteps(1)]
        case .stepCell:
            pacer.pause()
            if let u = viewport.selectedUser, let m = viewport.selectedItem { effects.append(.checkCell(user: u, item: m)) }
        case .stepEpoch:
            effects += newCycleIfDone(f) + [.setPhase(.train)]
            // Each press is one more epoch: five presses in a burst train five, as five spaced out do.
            pacer.runUntil(epoch: max(pacer.epochTarget ?? 0, f.completedEpochs) + 1)
        case .reset(let seed):
            var h = f.hyper
            let same = h.seed == seed
            h.seed = seed
            effects += [.rebuild(h, .reset(seed: seed, sameSeed: same)), .setPhase(.initialize)]
        case .setSpeed(let s): pacer.setSpeed(s)
        case .setHyperparameters(let h, let change): effects.append(.rebuild(h, .setting(change)))
        case .setViewport(let v): viewport = v
        case .rank(let user): rankingUser = user
        case .setPersonRatings(let ratings): effects.append(.setPersonRatings(ratings))
        case .setRecommendationOptions(let s, let m, let b): effects.append(.setRecommendationOptions(scoring: s, minRatings: m, sureBets: b))
        case .setInsight(let request): effects.append(.setInsight(request))
        case .save: effects.append(.saveSession(announce: true))
        case .shutdown: pacer.pause()
        }
        return effects
    }

    private mutating func start(_ f: TrainerFacts) -> [EngineEffect] {
        let effects: [EngineEffect] = [.setPhase(.train)] + newCycleIfDone(f)
        pacer.start()
        return effects
    }

    /// A new cycle first when the last one is complete: its validation rise is compared with the
    /// best before it.
    private mutating func newCycleIfDone(_ f: TrainerFacts) -> [EngineEffect] {
        guard f.cycleDone else { return [] }
        bestBeforeCycle = runs.current?.validBest
        cycleRiseExplained = false
        // Said, never silent: the schedule starts over, and with one-cycle the rate is small again.
        let schedule = Schedule(kind: f.hyper.schedule, maxLearningRate: f.hyper.learningRate)
        message = f.hyper.sampled ? .moreSweeps(sweeps: f.hyper.epochs)
            : .newCycle(cycle: f.cycle + 1, epochs: f.hyper.epochs, oneCycle: f.hyper.schedule == .oneCycle,
                        startRate: schedule.learningRate(at: 0), peakRate: f.hyper.learningRate)
        return [.startNewCycle]
    }
}
