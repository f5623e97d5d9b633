/// The engine's decisions, as values and pure functions of what it knows and of the clock it is
/// handed (nanoseconds): when to autosave, when a quick validation may run, what an epoch's end
/// means, how big the next flat-out slice is, when a later cycle's rise needs explaining.
/// `EnginePolicyTests` drives each with a fake clock and no threads.
enum EnginePolicy {
    /// Saving the session at an epoch end: when 30 s have passed since the last save, or five
    /// epochs, but never so often that saving takes more than a fiftieth of the time (a
    /// 25M-rating session is 150 MB and takes most of a second to write, and an epoch there on
    /// two cores a fifth of a second: a save every five epochs cost the explorer a sixth of its
    /// rate). Until a save is measured, its time is estimated from the session's size.
    struct Autosave: Equatable {
        static let interval: UInt64 = 30_000_000_000
        static let epochs = 5
        /// Saves take at most this share of the time (its inverse).
        static let budget: UInt64 = 50
        /// Bytes written a second, for the estimate before the first save (measured here: 150 MB in 0.8 s).
        static let bytesPerSecond = 150_000_000

        private(set) var lastSave: UInt64 = 0
        private(set) var epochsAtLastSave = 0
        /// How long the last save took (estimated until one is measured).
        private(set) var lastSaveNanos: UInt64 = 0

        /// `startedAt`: when the engine opened (the time budget counts from there, not from the machine's start).
        init(completedEpochs: Int = 0, sessionBytes: Int = 0, startedAt: UInt64 = 0) {
            epochsAtLastSave = completedEpochs
            lastSave = startedAt
            lastSaveNanos = UInt64(max(0, sessionBytes)) * 1_000_000_000 / UInt64(Self.bytesPerSecond)
        }

        func due(now: UInt64, completedEpochs: Int) -> Bool {
            guard now &- lastSave >= Self.budget &* lastSaveNanos else { return false }
            return now &- lastSave >= Self.interval || completedEpochs - epochsAtLastSave >= Self.epochs
        }

        /// A save ended at `now` after `took` nanoseconds (`W`, an autosave or quitting).
        mutating func saved(at now: UInt64, took: UInt64, completedEpochs: Int) {
            lastSave = now
            lastSaveNanos = took
            epochsAtLastSave = completedEpochs
        }
    }

    /// Quick validation estimates (every twentieth of an epoch): never while the epoch's full
    /// figures are computed beside the training (the curve's points stay in step order), and
    /// flat out at most four a second (on 25M ratings an epoch takes a fifth of a second on two
    /// cores, and each estimate stops both for a millisecond or two: ten a second had cost the
    /// explorer 1.5% of its rate).
    struct QuickValidation: Equatable {
        static let interval: UInt64 = 250_000_000
        /// Held-out sets up to this size are always validated whole.
        static let sample = 20_000
        private(set) var last: UInt64 = 0

        /// Whether a quick estimate runs now (and, when it does, that it ran).
        mutating func allow(backgroundPending: Bool, flatOut: Bool, now: UInt64) -> Bool {
            if backgroundPending { return false }
            if flatOut && now &- last < Self.interval { return false }
            last = now
            return true
        }
    }

    /// Full validation passes at epoch ends flat out on a large held-out set (beside the training
    /// when it leaves a core free, else in line on every core): at most a fiftieth of the time,
    /// as the autosave; the quick estimates carry the curve between them. On 25M ratings a pass over the 5M held out takes 0.2–0.3 s on the core it
    /// shares, and an epoch on both cores a fifth of a second: a pass every epoch cost the
    /// explorer a third of its rate (and waited for the last one at each epoch end).
    struct FullValidation: Equatable {
        private(set) var lastEnd: UInt64 = 0
        private(set) var lastNanos: UInt64 = 0

        func due(now: UInt64) -> Bool { lastNanos == 0 || now &- lastEnd >= 50 &* lastNanos }

        mutating func ran(endedAt now: UInt64, took: UInt64) {
            lastEnd = now
            lastNanos = took
        }
    }

    /// Whether training from step `before` to step `after` passed a quick validation's point.
    /// The runs table's top-k columns are measured at epoch ends on data sets up to this size
    /// (ranking every movie for each held-out user is then a few tens of milliseconds).
    static let rankingMaxRatings = 2_000_000

    /// Users ranked at an epoch's end: about 20 million movie scores at most (925 users on
    /// MovieLens 100k, all of them; a seeded sample on bigger catalogues).
    static func rankingUsers(items: Int) -> Int { min(5000, max(100, 20_000_000 / max(1, items))) }

    /// The runs table's ranking takes at most one part in this many of the time.
    static let rankingShare: UInt64 = 20

    static func crossesValidation(from before: Int, to after: Int, stepsPerEpoch: Int) -> Bool {
        let interval = Pacer.validationInterval(stepsPerEpoch: stepsPerEpoch)
        return after / interval != before / interval
    }

    /// What an epoch's end means for the run.
    enum EpochEnd: Equatable {
        /// Training goes on.
        case goOn
        /// The schedule's cycle is complete: pause.
        case cycleComplete
        /// The epoch `S` asked for is reached: pause.
        case targetReached
    }

    static func afterEpoch(cycleDone: Bool, targetReached: Bool) -> EpochEnd {
        if cycleDone { return .cycleComplete }
        return targetReached ? .targetReached : .goOn
    }

    /// A later cycle's validation rose above the best before it began: the first time in that
    /// cycle it is explained (the warm-up raises the learning rate again).
    static func explainsCycleRise(cycle: Int, validMSE: Float, bestBeforeCycle: Float?, explained: Bool) -> Bool {
        guard cycle > 1, !explained, let best = bestBeforeCycle else { return false }
        return validMSE > best * 1.001
    }

    /// The size of flat-out slices: each aimed at `target` nanoseconds at the rate the last one
    /// ran (the engine looks at its commands between slices), and at most a 256th of an epoch
    /// (the loss curve keeps its shape; on small data sets a batch at a time).
    struct SliceSize: Equatable {
        static let target: UInt64 = 20_000_000
        private(set) var ratings = 50_000

        func next(batchSize: Int, epochSize: Int) -> Int { min(ratings, max(batchSize, epochSize / 256)) }

        mutating func measured(ratings done: Int, nanos: UInt64) {
            guard done > 0 else { return }
            let perNano = Double(done) / Double(max(1, nanos))
            ratings = min(4_000_000, max(1_000, Int(perNano * Double(Self.target))))
        }
    }
}
