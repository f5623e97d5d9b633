import Foundation
import Testing
@testable import LatentCore
@testable import LatentTUI

/// The engine's policies with a fake clock (nanoseconds handed in) and no threads.
@Suite("Engine policies, on a fake clock")
struct EnginePolicyTests {
    static let second: UInt64 = 1_000_000_000

    @Test func autosaveEvery30SecondsOrFiveEpochsNeverMoreThanAFiftiethOfTheTime() {
        var a = EnginePolicy.Autosave(completedEpochs: 0)
        a.saved(at: 100 * Self.second, took: Self.second / 10, completedEpochs: 0)
        #expect(!a.due(now: 100 * Self.second + 1, completedEpochs: 1))
        #expect(!a.due(now: 129 * Self.second, completedEpochs: 4), "neither 30 s nor five epochs")
        #expect(a.due(now: 130 * Self.second, completedEpochs: 1), "30 s")
        #expect(a.due(now: 105 * Self.second, completedEpochs: 5), "five epochs, and 5 s ≥ 50 × 0.1 s")
        #expect(!a.due(now: 104 * Self.second, completedEpochs: 5), "five epochs, but 4 s < 50 × 0.1 s: saving would take too much of the time")
        a.saved(at: 131 * Self.second, took: 2 * Self.second, completedEpochs: 5)
        #expect(!a.due(now: 230 * Self.second, completedEpochs: 10), "a slow save: 99 s < 50 × 2 s")
        #expect(a.due(now: 231 * Self.second, completedEpochs: 10))
    }

    /// Before any save is measured its cost is estimated from the session's size, and the time
    /// counts from the engine's start (not from the machine's).
    @Test func theFirstAutosaveIsBudgetedFromTheSessionsSize() {
        let a = EnginePolicy.Autosave(sessionBytes: 150_000_000, startedAt: 1_000 * Self.second)
        #expect(a.lastSaveNanos == Self.second, "150 MB at 150 MB/s")
        #expect(!a.due(now: 1_049 * Self.second, completedEpochs: 5), "49 s < 50 × 1 s")
        #expect(a.due(now: 1_050 * Self.second, completedEpochs: 5))
        let small = EnginePolicy.Autosave(sessionBytes: 300_000, startedAt: 1_000 * Self.second)
        #expect(small.due(now: 1_000 * Self.second + 100_000_000, completedEpochs: 5), "2 ms × 50 = 0.1 s")
        #expect(!small.due(now: 1_000 * Self.second + 100_000_000, completedEpochs: 4))
    }

    /// Full passes beside the training: the first at once, then no more than a fiftieth of the time.
    @Test func fullPassesBesideTheTrainingTakeAFiftiethOfTheTime() {
        var f = EnginePolicy.FullValidation()
        #expect(f.due(now: 5 * Self.second))
        f.ran(endedAt: 10 * Self.second, took: Self.second / 5)
        #expect(!f.due(now: 19 * Self.second) && f.due(now: 20 * Self.second))
    }

    @Test func quickEstimatesWaitForTheBackgroundAndFlatOutComeAtMostFourASecond() {
        var q = EnginePolicy.QuickValidation()
        let t0 = 5 * Self.second
        let answers = [
            q.allow(backgroundPending: false, flatOut: true, now: t0),
            q.allow(backgroundPending: false, flatOut: true, now: t0 + 249_000_000),
            q.allow(backgroundPending: false, flatOut: true, now: t0 + 250_000_000),
            q.allow(backgroundPending: false, flatOut: false, now: t0 + 250_000_001),
            q.allow(backgroundPending: true, flatOut: false, now: t0 + Self.second),
        ]
        // Flat out: the first, not 249 ms later, then at 250 ms; paced: every one; never while the
        // epoch's full figures are computed beside the training.
        #expect(answers == [true, false, true, true, false])
    }

    @Test func aQuickValidationEveryTwentiethOfAnEpochAtLeast25Steps() {
        // 1,000 steps an epoch: every 50; 100 steps an epoch: every 25.
        #expect(EnginePolicy.crossesValidation(from: 49, to: 50, stepsPerEpoch: 1_000))
        #expect(!EnginePolicy.crossesValidation(from: 50, to: 51, stepsPerEpoch: 1_000))
        #expect(EnginePolicy.crossesValidation(from: 10, to: 130, stepsPerEpoch: 1_000), "a slice over a point")
        #expect(!EnginePolicy.crossesValidation(from: 101, to: 149, stepsPerEpoch: 1_000))
        #expect(EnginePolicy.crossesValidation(from: 24, to: 25, stepsPerEpoch: 100))
        #expect(!EnginePolicy.crossesValidation(from: 5, to: 6, stepsPerEpoch: 100))
    }

    @Test func anEpochsEndPausesAtTheCyclesEndOrTheTarget() {
        #expect(EnginePolicy.afterEpoch(cycleDone: false, targetReached: false) == .goOn)
        #expect(EnginePolicy.afterEpoch(cycleDone: true, targetReached: true) == .cycleComplete, "the cycle's end says more")
        #expect(EnginePolicy.afterEpoch(cycleDone: false, targetReached: true) == .targetReached)
    }

    @Test func aLaterCyclesRiseIsExplainedOnce() {
        #expect(!EnginePolicy.explainsCycleRise(cycle: 1, validMSE: 2, bestBeforeCycle: 1, explained: false), "the first cycle has nothing before it")
        #expect(EnginePolicy.explainsCycleRise(cycle: 2, validMSE: 1.01, bestBeforeCycle: 1, explained: false))
        #expect(!EnginePolicy.explainsCycleRise(cycle: 2, validMSE: 1.0005, bestBeforeCycle: 1, explained: false), "within a thousandth")
        #expect(!EnginePolicy.explainsCycleRise(cycle: 3, validMSE: 2, bestBeforeCycle: 1, explained: true))
        #expect(!EnginePolicy.explainsCycleRise(cycle: 2, validMSE: 2, bestBeforeCycle: nil, explained: false))
    }

    @Test func flatOutSlicesAimAt8MillisecondsAndAFewPerEpoch() {
        var size = EnginePolicy.SliceSize()
        #expect(size.next(batchSize: 64, epochSize: 1_000_000) == 3_906, "at most a 256th of an epoch")
        #expect(size.next(batchSize: 64, epochSize: 1_000) == 64, "on a small data set, a batch")
        #expect(size.next(batchSize: 64, epochSize: 100_000_000) == 50_000, "the first slice")
        size.measured(ratings: 10_000, nanos: 1_000_000) // 10 ratings a microsecond
        #expect(size.ratings == 200_000, "20 ms at that rate")
        size.measured(ratings: 1, nanos: 10 * Self.second)
        #expect(size.ratings == 1_000, "never below a thousand")
        size.measured(ratings: 100_000_000, nanos: 1_000)
        #expect(size.ratings == 4_000_000, "never above four million")
        size.measured(ratings: 0, nanos: 5)
        #expect(size.ratings == 4_000_000, "an empty slice measures nothing")
    }

    /// The fold-in, the map, the neighbours, the biases and the ranking all follow one rule.
    @Test func viewsOfTheModelRefreshAtOnceForARequestAndThrottledForTraining() {
        var r = ModelRefresh<Int>(every: Self.second / 4)
        let v1 = ModelVersion(generation: 0, step: 1), v2 = ModelVersion(generation: 0, step: 2)
        let t0 = 10 * Self.second
        #expect(r.due(v1, 7, running: true, now: t0), "never computed")
        r.done(v1, 7, now: t0)
        #expect(!r.due(v1, 7, running: false, now: t0 + Self.second), "nothing changed")
        #expect(r.due(v1, 8, running: true, now: t0 + 1), "a new request: at once, even while training")
        #expect(!r.due(v2, 7, running: true, now: t0 + Self.second / 5), "a new model while training: not within the interval")
        #expect(r.due(v2, 7, running: true, now: t0 + Self.second / 4))
        #expect(r.due(v2, 7, running: false, now: t0 + 1), "paused: at once")
        r.forget()
        #expect(r.due(v1, 7, running: true, now: t0 + 1), "a rebuild forgets")
    }

    @Test func xTrainsOnlyOnATrainingRating() throws {
        let data = try TUIFixtures.dataset()
        let split = Split.random(count: data.ratings.count, validFraction: 0.2, seed: 3)
        let t = data.ratings
        let heldOut = Int(split.valid[0]), trained = (0..<t.count).first { !split.holdsOut($0) } ?? 0
        func decide(_ u: Int32, _ m: Int32, person: [PersonRating] = []) -> Result<Rating, TrainableCell.CellRefusalError> {
            TrainableCell.rating(user: u, item: m, dataset: data, split: split, personUser: data.userCount, personRatings: person)
        }
        #expect(try decide(t.users[trained], t.items[trained]).get() == Rating(user: t.users[trained], item: t.items[trained], value: t.values[trained]))
        #expect(throws: TrainableCell.CellRefusalError(.heldOut)) { try decide(t.users[heldOut], t.items[heldOut]).get() }
        let empty = (0..<Int32(data.itemCount)).first { data.ratings.ratingIndex(user: 0, item: Int($0)) == nil } ?? 0
        #expect(throws: TrainableCell.CellRefusalError(.emptyCell)) { try decide(0, empty).get() }
        let you = Int32(data.userCount)
        #expect(throws: TrainableCell.CellRefusalError(.notRatedByYou)) { try decide(you, 3).get() }
        #expect(try decide(you, 3, person: [PersonRating(item: 3, rating: 4.5)]).get() == Rating(user: you, item: 3, value: 4.5))
    }

    /// A rebuild that fails (the genres preset on a data set with no genres) leaves the model as
    /// it was, and the screen's request goes back to the settings in force.
    @Test func aFailedRebuildPutsTheRequestBackToWhatIsInForce() throws {
        let users: [Int32] = [0, 0, 1, 1, 2, 2], items: [Int32] = [0, 1, 0, 2, 1, 2], values: [Float] = [4, 3, 5, 2, 4, 1]
        let table = RatingsTable(users: users, items: items, values: values, userCount: 3, itemCount: 3)
        let data = Dataset(format: .generic, source: "no-genres", ratings: table, userIds: [1, 2, 3], itemIds: [1, 2, 3],
                           catalog: Catalog(), scale: RatingScale(min: 1, max: 5, step: 1))
        var h = Hyperparameters.fastai
        h.factors = 4
        let engine = try TrainingEngine(EngineSetup(dataset: data, split: Split.random(count: 6, validFraction: 0, seed: 1), hyper: h))
        var genres = h
        genres.preset = "genres"; genres.genreFactors = true
        engine.apply(.setHyperparameters(genres, reason: .preset("genres")))
        let snap = engine.currentSnapshot()
        #expect(snap.refusedSettings == 1)
        #expect(snap.hyper == h, "the settings in force are the old ones")
        #expect(snap.message?.text.contains("genres") == true)
        let c = AppContext(dataset: data, preset: "fastai")
        var state = AppState(width: 120, height: 40, context: c, settings: h)
        state.settings = genres // what the key asked for
        state.snapshot = TrainingSnapshot(hyper: h)
        let (after, _) = Reducer.reduce(state, .snapshot(snap), c)
        #expect(after.settings == h, "the request goes back to what is in force")
        // A snapshot with no new refusal leaves a request alone.
        var asked = after
        asked.settings.learningRate = 0.01
        #expect(Reducer.reduce(asked, .snapshot(snap), c).0.settings.learningRate == 0.01)
    }
}
