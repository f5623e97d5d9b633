import Testing
@testable import LatentCore
@testable import LatentTUI

/// The engine's state machine alone: events in, effects out, no trainer, thread or clock.
@Suite("The engine as a state machine")
struct EngineStateTests {
    static func facts(cycleDone: Bool = false, completed: Int = 0) -> TrainerFacts {
        TrainerFacts(hyper: .fastai, step: 100, completedEpochs: completed, cycleDone: cycleDone, cycleStartEpoch: 0)
    }

    static func state(viewingOnly: Bool = false, sessions: Bool = true) -> EngineState {
        EngineState(viewingOnly: viewingOnly, backgroundFrom: 500_000, savesSessions: sessions)
    }

    static func metrics(_ mse: Float) -> ValidationMetrics { ValidationMetrics(mse: mse, rmse: mse.squareRoot(), mae: mse, count: 10, unseen: 0) }

    @Test func aStepAfterTheCycleStartsAnotherFirst() {
        var s = Self.state()
        s.runs.start(label: "start", hyper: .fastai, step: 0)
        s.runs.recordEpoch(1, trainLoss: 0.9, validMSE: 0.8)
        s.message = .epochDone(1)
        let effects = s.reduce(.command(.step), Self.facts(cycleDone: true))
        #expect(effects == [.collectBackgroundValidation, .startNewCycle, .setPhase(.train), .trainSteps(1)])
        #expect(s.message == .newCycle(cycle: 2, epochs: 5, oneCycle: true, startRate: Hyperparameters.fastai.learningRate / 25, peakRate: Hyperparameters.fastai.learningRate),
                "what was said is replaced by what this step does: a new cycle, its rate warming up again")
        #expect(s.message?.text.contains("warms up again from 2.0e-04") == true, "\(s.message?.text ?? "")")
        #expect(!s.pacer.running && s.bestBeforeCycle == 0.8)
        #expect(s.reduce(.command(.step), Self.facts()) == [.collectBackgroundValidation, .setPhase(.train), .trainSteps(1)])
        #expect(s.message == nil, "a command clears what was said")
    }

    /// `S` five times trains five epochs, pressed in one burst or spaced out.
    @Test func epochRequestsAccumulate() {
        var burst = Self.state()
        for _ in 0..<5 { _ = burst.reduce(.command(.stepEpoch), Self.facts(completed: 2)) }
        #expect(burst.pacer.epochTarget == 7 && burst.pacer.running)
        var spaced = Self.state()
        _ = spaced.reduce(.command(.stepEpoch), Self.facts(completed: 2))
        _ = spaced.reduce(.command(.stepEpoch), Self.facts(completed: 3))
        #expect(spaced.pacer.epochTarget == 4, "one done, one more asked: the next")
        for _ in 0..<3 { _ = spaced.reduce(.command(.stepEpoch), Self.facts(completed: 3)) }
        #expect(spaced.pacer.epochTarget == 7)
    }

    @Test func viewingOnlyRefusesTrainingAndKeepsTheRest() {
        var s = Self.state(viewingOnly: true)
        #expect(s.reduce(.command(.run), Self.facts()) == [.collectBackgroundValidation])
        #expect(s.message == .needsRatings && !s.pacer.running)
        #expect(s.reduce(.command(.setInsight(InsightRequest(view: .map))), Self.facts()) == [.setInsight(InsightRequest(view: .map))])
        #expect(s.message == .needsRatings, "a view change keeps the message")
    }

    @Test func xAsksForTheCellThenTrainsOrSaysWhyNot() {
        var s = Self.state()
        s.viewport = Viewport(users: [1], items: [2], selectedUser: 1, selectedItem: 2)
        #expect(s.reduce(.command(.stepCell), Self.facts()) == [.collectBackgroundValidation, .checkCell(user: 1, item: 2)])
        let r = Rating(user: 1, item: 2, value: 4)
        #expect(s.reduce(.cellChecked(.success(r)), Self.facts()) == [.setPhase(.train), .trainStep(forcing: r)])
        #expect(s.reduce(.cellChecked(.failure(.init(.heldOut))), Self.facts()).isEmpty)
        #expect(s.message == .cannotTrainCell(.heldOut))
    }

    @Test func anEpochIsValidatedBesideTheTrainingOnlyFlatOutOnALargeHeldOutSetThatGoesOn() {
        let end = EpochEnd(step: 100, completedEpochs: 1, epochInRun: 1, trainLoss: 0.9, seconds: 1, cycle: 1)
        var s = Self.state()
        s.pacer.start()
        #expect(s.reduce(.epochEnded(end, validCount: 600_000), Self.facts(completed: 1)) == [.collectBackgroundValidation, .validate(end, inBackground: false)], "paced")
        s.pacer.setSpeed(.max)
        s.pacer.start()
        #expect(s.reduce(.epochEnded(end, validCount: 600_000), Self.facts(completed: 1)) == [.collectBackgroundValidation, .validate(end, inBackground: true)])
        #expect(s.reduce(.epochEnded(end, validCount: 1_000), Self.facts(completed: 1)).last == .validate(end, inBackground: false), "small")
        #expect(s.reduce(.epochEnded(end, validCount: 600_000), Self.facts(cycleDone: true, completed: 1)).last == .validate(end, inBackground: false),
                "the last epoch of the cycle: training stops, so its figures are wanted now")
        // Not due (its cost would pass a fiftieth of the time): the epoch goes without its full figures.
        #expect(s.reduce(.epochEnded(end, validCount: 600_000, fullDue: false), Self.facts(completed: 1)) == [.collectFinishedValidation, .skipValidation(end)])
        #expect(s.reduce(.epochEnded(end, validCount: 600_000, fullDue: false), Self.facts(cycleDone: true, completed: 1)).last == .validate(end, inBackground: false),
                "the cycle's last epoch is validated whole, due or not")
        // Training on every core: a due pass runs in line, on every core, instead of beside.
        var everyCore = EngineState(viewingOnly: false, backgroundFrom: 500_000, savesSessions: false, validatesBeside: false)
        everyCore.pacer.setSpeed(.max)
        everyCore.pacer.start()
        #expect(everyCore.reduce(.epochEnded(end, validCount: 600_000), Self.facts(completed: 1)) == [.collectBackgroundValidation, .validate(end, inBackground: false)])
    }

    @Test func anEpochsFiguresAreLoggedARiseExplainedAndTheSessionSavedWhenDue() {
        var s = Self.state()
        s.runs.start(label: "start", hyper: .fastai, step: 0)
        s.bestBeforeCycle = 0.5
        let end = EpochEnd(step: 200, completedEpochs: 6, epochInRun: 6, trainLoss: 0.4, seconds: 2, cycle: 2)
        let effects = s.reduce(.epochValidated(end, Self.metrics(0.6), now: 31_000_000_000), Self.facts(completed: 6))
        #expect(effects == [.saveSession(announce: false)], "30 s since the start")
        #expect(s.epochHistory.count == 1 && s.runs.current?.validFinal == 0.6)
        #expect(s.message == .cycleRise(cycle: 2, learningRate: Hyperparameters.fastai.learningRate))
        var quiet = Self.state(sessions: false)
        #expect(quiet.reduce(.epochValidated(end, nil, now: 31_000_000_000), Self.facts(completed: 6)).isEmpty, "no session file: no save")
    }

    @Test func aSavesOutcomeIsSaidOnlyWhenAskedFor() {
        var s = Self.state(sessions: false)
        _ = s.reduce(.saved(.nothingToSave, announce: true, now: 1, took: 1), Self.facts())
        #expect(s.message == .nothingToSave(.noSessionHere))
        var t = Self.state()
        _ = t.reduce(.saved(.saved, announce: false, now: 5, took: 1), Self.facts(completed: 3))
        #expect(t.message == nil && t.autosave.lastSave == 5 && t.autosave.epochsAtLastSave == 3)
        _ = t.reduce(.saved(.failed("disk full"), announce: false, now: 6, took: 1), Self.facts())
        #expect(t.message == .failure("disk full"), "a failed autosave is always said")
    }

    @Test func theCyclesEndOrTheEpochAskedForStopsTraining() {
        var s = Self.state()
        s.pacer.start()
        #expect(!s.epochDone(Self.facts(completed: 1)) && s.pacer.running)
        #expect(s.epochDone(Self.facts(cycleDone: true, completed: 5)) && !s.pacer.running)
        #expect(s.message == .cycleComplete(epochs: 5, schedule: Hyperparameters.fastai.schedule.rawValue))
        var t = Self.state()
        t.message = .cycleRise(cycle: 2, learningRate: 0.005)
        _ = t.reduce(.command(.stepEpoch), Self.facts(completed: 2))
        #expect(t.pacer.running)
        t.message = .cycleRise(cycle: 2, learningRate: 0.005)
        #expect(t.epochDone(Self.facts(completed: 3)) && !t.pacer.running)
        #expect(t.message == .cycleRise(cycle: 2, learningRate: 0.005), "what was being said stays")
    }

    @Test func aRebuildStartsARunOrSaysWhyNot() {
        var s = Self.state()
        s.pacer.start()
        s.epochHistory = [EpochMetrics(epoch: 1, trainLoss: 1, valid: Self.metrics(1), seconds: 1)]
        var h = Hyperparameters.fastai
        h.seed = 7
        #expect(s.reduce(.command(.reset(seed: 7)), Self.facts()) == [.collectBackgroundValidation, .rebuild(h, .reset(seed: 7, sameSeed: false)), .setPhase(.initialize)])
        _ = s.reduce(.rebuilt(h, .reset(seed: 7, sameSeed: false), failure: nil), Self.facts())
        #expect(!s.pacer.running && s.epochHistory.isEmpty && s.runs.runs.count == 1)
        #expect(s.message == .reset(seed: 7, sameSeed: false))
        _ = s.reduce(.rebuilt(h, .setting(.factors(10)), failure: "no memory"), Self.facts())
        #expect(s.message == .failure("no memory") && s.runs.runs.count == 1, "nothing else changed")
    }

    @Test func aTickTrainsAsThePacerSays() {
        var s = Self.state()
        #expect(s.reduce(.tick(now: 1_000), Self.facts()) == [.collectBackgroundValidation], "paused: the pass beside is waited for, nothing trains")
        #expect(s.reduce(.worked, Self.facts()) == [.collectBackgroundValidation])
        s.pacer.start()
        let deadline = 1_000 + Pacer.workNanos
        #expect(s.reduce(.tick(now: 1_000), Self.facts()) == [.collectFinishedValidation, .trainPaced(until: deadline)])
        var slices = Self.facts()
        slices.trainsInSlices = true
        #expect(s.reduce(.tick(now: 1_000), slices) == [.collectFinishedValidation, .trainPaced(until: deadline)], "paced speeds step one at a time")
        s.pacer.setSpeed(.max)
        #expect(s.reduce(.tick(now: 1_000), slices) == [.collectFinishedValidation, .trainSlices(until: deadline)])
        #expect(s.reduce(.tick(now: 1_000), Self.facts()) == [.collectFinishedValidation, .trainPaced(until: deadline)], "no kernels: steps")
        #expect(s.reduce(.worked, slices) == [], "still running: nothing to collect yet")
    }

    @Test func leavingTheCategoriesKeepsTheirBestAsAReference() {
        var s = Self.state()
        var genres = Hyperparameters.fastai
        genres.genreFactors = true
        var f = Self.facts()
        f.hyper = genres
        s.runs.start(label: "genres", hyper: genres, step: 0)
        s.runs.recordEpoch(1, trainLoss: 0.9, validMSE: 0.52)
        #expect(s.reduce(.rebuilt(.fastai, .setting(.factors(10)), failure: "no memory"), f) == [], "a refused rebuild keeps nothing")
        #expect(s.reduce(.rebuilt(.fastai, .setting(.preset("fastai")), failure: nil), f) == [.setReference(ReferenceLine(label: "categories", mse: 0.52))])
        #expect(s.runs.current?.validBest == nil, "a new run began")
        #expect(s.reduce(.rebuilt(.fastai, .setting(.preset("fastai")), failure: nil), Self.facts()) == [], "not from the categories: no line")
    }
}
