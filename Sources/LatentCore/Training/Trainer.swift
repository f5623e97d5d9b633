import CKernels
import Foundation

/// Trains a `DotProductBias` by the loop the book teaches:
/// **1. initialize** the parameters randomly, then for each mini-batch **2. predict**,
/// **3. compute the loss**, and **step** the parameters along its gradient.
///
/// Each epoch visits every training rating exactly once, in a fresh random order drawn
/// from the seed (never sampling with replacement), so a seed reproduces a run exactly.
/// The schedule's clock is the number of epochs trained, so ratings added between epochs
/// (the explorer's person, through the side table) never move a cycle's end.
/// Not thread-safe: one queue owns a trainer.
public final class Trainer {
    public private(set) var data: TrainingData
    public let hyper: Hyperparameters
    public let model: DotProductBias
    public let gradients: Gradients
    let optimizer: Optimizer
    public let schedule: Schedule

    /// Updates done so far.
    public internal(set) var step = 0
    /// The index of the epoch under way (the epochs before it are complete).
    private(set) var epochIndex = 0
    /// Position in the current epoch's order.
    var cursor = 0
    var epochLossSum = 0.0
    var epochLossCount = 0

    /// The training ratings, in the current epoch's visiting order: the columns of `data`
    /// and the side table as it stood when the epoch began.
    private(set) var epochRatings: [Rating] = []
    private var batchPredictions: [Float] = []
    private var forcedBatch: [Rating] = []
    private var shuffler = CacheFriendlyShuffle<Rating>()

    /// Threads for the per-rating SGD kernel (the funk-svd preset); more than one trains the
    /// blocks of a `BlockSchedule` side by side. Takes effect at the next epoch start.
    public var threads = 1 {
        didSet {
            guard threads != oldValue else { return }
            blocks = nil
            // At an epoch's start (as after init), lay this epoch out for the new count at once.
            if cursor == 0 && usesFusedEpochs { startEpoch() }
        }
    }
    /// The block layout of `epochRatings` when several threads train; nil otherwise (and
    /// whenever the ratings change, until the next epoch start lays them out again).
    private(set) var blocks: BlockSchedule?
    /// How far the current epoch on the blocks has come when it is trained in parts (the
    /// explorer's flat-out slices); the start at an epoch's start.
    var blockPosition = BlockPosition()
    /// The step count when the current epoch began on the blocks (Adam's step numbers follow from it).
    var blockEpochFirstStep = 0
    private var blockShufflers: [CacheFriendlyShuffle<Rating>] = []
    /// From this many training ratings, epochs run on blocks even on one thread (measured with
    /// funk-svd on one thread: 1M ratings 20 ms an epoch reshuffled whole, 13 ms on blocks; 20M
    /// ratings 1.2 s and 0.62 s, the validation RMSE the same to 0.01%). Smaller data sets keep
    /// a fresh permutation of every rating each epoch, the loop the book teaches.
    static let blocksFromRatings = 1_000_000
    /// The AdamW kernel's gradient scratch, one per thread (`Trainer+Adam`).
    var adamScratchPool: [AdamScratch] = []

    /// Ratings of one extra user kept apart from the columns (the explorer's person): they
    /// join the visiting order at the next epoch start, so a rating never rebuilds the columns.
    private var side: (user: Int32, ratings: [Rating])?
    private var sideChanged = false
    /// A user row the trainer reads but never updates (nil: none).
    public private(set) var frozenUser: Int?

    /// The schedule cycle under way (1 for the first `fit_one_cycle`) and the completed
    /// epochs when it began.
    public private(set) var cycle = 1
    /// False for a trainer made `viewingOnly` over no training ratings: it predicts, never steps.
    public let canTrain: Bool
    public private(set) var cycleStartEpoch = 0

    /// `threads` for the per-rating kernel, given here so that the first epoch is laid out for
    /// them at once (setting `threads` later lays the epoch out again). `viewingOnly` takes
    /// data without training ratings (a model opened from its factors alone, to predict and
    /// fold in): every training step then throws `noTrainingData`.
    public init(data: consuming TrainingData, hyper requested: Hyperparameters, threads: Int = 1, viewingOnly: Bool = false) throws {
        self.threads = max(1, threads)
        try requested.validate()
        guard data.trainCount > 0 || viewingOnly else { throw TrainingError.noTrainingData }
        canTrain = data.trainCount > 0
        var hyper = requested
        if hyper.genreFactors {
            // Categories as factors: one per genre, fixed to each movie's genres.
            guard let genres = data.itemGenres, genres.count > 0 else {
                throw TrainingError.invalid("the genres preset needs the movies' genres, and this data set lists none")
            }
            hyper.factors = genres.count
        }
        let (users, items, scale, mean, genres) = (data.userCount, data.itemCount, data.scale, data.trainMean, data.itemGenres)
        // Moved in, not copied: the training ratings must have one owner, or laying them out
        // in place would copy all of them.
        self.data = consume data
        self.hyper = hyper
        model = DotProductBias(users: users, items: items, config: hyper.modelConfig(scale: scale), globalMean: mean)
        gradients = Gradients(for: model)
        optimizer = hyper.makeOptimizer()
        optimizer.prepare(model, gradients)
        schedule = hyper.scheduleValue
        model.initialize(seed: hyper.seed)
        if hyper.genreFactors, let genres {
            model.itemFactors.load(flat: genres.rows)
            gradients.freezeItemFactors()
        }
        startEpoch()
    }

    // MARK: Where training stands

    /// Ratings in the current epoch's order.
    public var epochSize: Int { epochRatings.count }
    public var stepsPerEpoch: Int { (epochSize + hyper.batchSize - 1) / hyper.batchSize }
    /// How far into the current epoch, 0…1 (1 once its last rating is trained).
    public var epochFraction: Double { Double(cursor) / Double(max(1, epochSize)) }
    /// Epochs fully trained so far.
    public var completedEpochs: Int { epochIndex + (cursor >= epochSize ? 1 : 0) }
    /// Epochs trained, counting the current one's fraction.
    public var epochsTrained: Double { Double(epochIndex) + epochFraction }
    /// Epochs trained in the current cycle.
    public var cycleEpochs: Double { epochsTrained - Double(cycleStartEpoch) }
    /// Position in the current cycle, 0…1 (the schedule's clock).
    public var progress: Double { min(1, max(0, cycleEpochs / Double(hyper.epochs))) }
    /// Whether the planned epochs of the current cycle are all trained.
    public var cycleDone: Bool { completedEpochs - cycleStartEpoch >= hyper.epochs }

    /// Starts another one-cycle run from here (fastai: calling `fit_one_cycle` again).
    /// It begins with the next epoch, so a cycle is always whole epochs.
    public func startNewCycle() {
        cycle += 1
        cycleStartEpoch = completedEpochs
    }

    /// The learning rate the next step will use.
    public var currentLearningRate: Float { schedule.learningRate(at: progress) }

    /// Where training stands, for a saved session.
    public var trainingProgress: TrainingProgress {
        TrainingProgress(step: step, completedEpochs: completedEpochs, epochFraction: cursor >= epochSize ? 0 : epochFraction,
                         cycle: cycle, cycleStartEpoch: cycleStartEpoch)
    }

    /// Takes up training where a saved session stopped. A session saved mid-epoch goes on
    /// with the rest of that epoch drawn from a fresh order (the step, epoch and cycle counters
    /// are exact; the visiting order of that one epoch is not the one it would have had).
    public func restore(_ p: TrainingProgress) {
        step = max(0, p.step)
        cycle = max(1, p.cycle)
        cycleStartEpoch = max(0, p.cycleStartEpoch)
        let completed = max(0, p.completedEpochs)
        if p.epochFraction > 0 && p.epochFraction < 1 {
            epochIndex = completed
            startEpoch()
            cursor = min(epochSize, Int(p.epochFraction * Double(epochSize)))
        } else if completed > 0 {
            epochIndex = completed - 1
            cursor = epochSize
        }
        epochLossSum = 0
        epochLossCount = 0
    }

    // MARK: The person's side table

    /// Sets the ratings of user `u` kept apart from the columns (the explorer's person). They
    /// join the visiting order at the next epoch start; until then the current epoch is unchanged.
    public func setSideRatings(user u: Int, _ ratings: [(item: Int, rating: Float)]) {
        side = (Int32(u), ratings.map { Rating(user: Int32(u), item: Int32($0.item), value: $0.rating) })
        sideChanged = true
        // Their row is known (folded in) from now on: predict with it, not from biases alone.
        if u < data.userSeen.count { data.userSeen[u] = true }
        for r in ratings where r.item < data.itemSeen.count { data.itemSeen[r.item] = true }
    }

    /// Makes user `u`'s row read-only for training: its ratings still train the movies, but
    /// no gradient, moment or weight decay ever reaches the row (whoever set it stays its only writer).
    public func freeze(user u: Int?) {
        frozenUser = u
        gradients.freezeUser(u)
    }

    private func startEpoch() {
        if epochRatings.isEmpty || sideChanged { blocks = nil }
        if epochRatings.isEmpty {
            // The training ratings become the visiting order: taken over, not copied.
            epochRatings = data.takeTrain()
            epochRatings += side?.ratings ?? []
            sideChanged = false
        } else if sideChanged, let side {
            // The side table changed since the last epoch: swap its ratings in (the columns stay as they are).
            epochRatings.removeAll { $0.user == side.user }
            epochRatings += side.ratings
            sideChanged = false
        }
        // A fresh seeded permutation each epoch, done in place on the packed ratings: the loops
        // below then read them sequentially, and a shuffle of a shuffle is still uniform.
        let epochSeed = hyper.seed &+ 0x9E37_79B9 &* UInt64(epochIndex + 1)
        if usesFusedEpochs && (threads > 1 || epochRatings.count >= Self.blocksFromRatings) {
            // As LIBMF does: each block is shuffled once, when the blocks are laid out; an epoch
            // then takes the diagonals in a fresh order and enters each block at a fresh point
            // (`blockEpoch`), which costs nothing, where a full reshuffle cost a fifth of an epoch.
            // On one thread too once the tables outgrow the cache: a block's rows stay in it.
            let groups = usesPerRatingKernel ? BlockSchedule.groups(threads: threads, ratings: epochRatings.count)
                : BlockSchedule.adamGroups(threads: threads, ratings: epochRatings.count, users: model.userCount,
                                           items: model.itemCount, batch: hyper.batchSize)
            if blocks == nil, let groups {
                let layout = BlockSchedule(&epochRatings, groups: groups, users: model.userCount, items: model.itemCount)
                Self.shuffleBlocks(&epochRatings, layout, shufflers: &blockShufflers, workers: threads, seed: epochSeed)
                blocks = layout
            } else if usesFusedAdam, let blocks {
                // An AdamW epoch costs ten times a shuffle: its batches are drawn afresh each epoch.
                Self.shuffleBlocks(&epochRatings, blocks, shufflers: &blockShufflers, workers: threads, seed: epochSeed)
            } else if groups == nil {
                var rng = SeededRandom(seed: epochSeed)
                shuffler.shuffle(&epochRatings, rng: &rng)
            }
        } else {
            blocks = nil
            var rng = SeededRandom(seed: epochSeed)
            shuffler.shuffle(&epochRatings, rng: &rng)
        }
        cursor = 0
        blockPosition = BlockPosition()
        epochLossSum = 0
        epochLossCount = 0
    }

    /// Moves to the next epoch when the current one is used up; an epoch not yet begun takes
    /// a changed side table first (once, whatever the number of changes before it).
    func beginNextStep() {
        if cursor >= epochRatings.count {
            epochIndex += 1
            startEpoch()
        } else if cursor == 0 && sideChanged {
            startEpoch()
        }
    }

    // MARK: Steps

    /// Step 2 and 3 and the update, for the next mini-batch of the epoch's order.
    /// With `watching`, the report says what the step did to that cell: whether its rating was
    /// in the batch, its own term of the gradient, its prediction before and after.
    @discardableResult
    public func trainStep(watching cell: (user: Int, item: Int)? = nil) throws -> StepReport {
        try trainStep(forcing: nil, watching: cell)
    }

    /// One step on a mini-batch that starts with `extra` (a training rating chosen by the person,
    /// the explorer's `x`) and goes on with the epoch's order: the rating is visited once more
    /// than the epoch would, so that its cell visibly moves on demand.
    @discardableResult
    public func trainStep(forcing extra: Rating?, watching cell: (user: Int, item: Int)? = nil) throws -> StepReport {
        guard canTrain else { throw TrainingError.noTrainingData }
        beginNextStep()
        // A step in an epoch begun on the blocks goes on in the array's order from the count done
        // (the diagonals done lie all over it: some ratings may be visited twice this epoch).
        blockPosition = BlockPosition()
        let take = extra == nil ? hyper.batchSize : max(0, hyper.batchSize - 1)
        let end = min(cursor + take, epochRatings.count)
        // The epoch's own slice, or a copy of it behind the forced rating.
        if let extra {
            forcedBatch.removeAll(keepingCapacity: true)
            forcedBatch.append(extra)
            forcedBatch += epochRatings[cursor..<end]
        }
        let n = (extra == nil ? 0 : 1) + end - cursor
        if batchPredictions.count < n { batchPredictions = [Float](repeating: 0, count: n) }
        let lr = currentLearningRate
        let beta1 = schedule.momentum(at: progress)
        let before = cell.map { watch($0, batch: extra == nil ? epochRatings[cursor..<end] : forcedBatch[...]) }
        let range = cursor..<end
        let loss = (extra == nil ? epochRatings : forcedBatch).withUnsafeBufferPointer { r in
            batchPredictions.withUnsafeMutableBufferPointer { p in
                model.lossAndGradients(extra == nil ? UnsafeBufferPointer(rebasing: r[range]) : r,
                                       predictions: UnsafeMutableBufferPointer(rebasing: p[0..<n]), into: gradients)
            }
        }
        guard loss.isFinite else { throw TrainingError.diverged(step: step + 1, learningRate: lr) }
        step += 1
        optimizer.update(model, gradients, lr: lr, beta1: beta1, step: step)
        cursor = end
        epochLossSum += Double(loss) * Double(n)
        epochLossCount += n
        var report = StepReport(step: step, epoch: epochIndex, epochFraction: epochFraction, loss: loss, learningRate: lr, batchSize: n)
        if var watched = before, let cell {
            watched.after = predict(user: cell.user, item: cell.item)
            report.watched = watched
        }
        return report
    }

    /// The watched cell before a step: its prediction, and its own gradient term when its rating is in the batch.
    private func watch(_ cell: (user: Int, item: Int), batch: ArraySlice<Rating>) -> WatchedCell {
        let before = predict(user: cell.user, item: cell.item)
        var watched = WatchedCell(inBatch: false, before: before, after: before)
        guard let target = batch.first(where: { Int($0.user) == cell.user && Int($0.item) == cell.item })?.value
        else { return watched }
        // This cell's own term of ∂loss/∂U[u] and ∂loss/∂M[m], at the parameters before the step.
        let dz = model.batchMSEGradient(score: model.score(user: cell.user, item: cell.item), target: target, batchSize: batch.count).dz
        watched.inBatch = true
        watched.userGradient = cell.user == frozenUser ? nil : model.itemFactors.lookup(cell.item).map { dz * $0 }
        watched.itemGradient = hyper.genreFactors ? nil : model.userFactors.lookup(cell.user).map { dz * $0 }
        return watched
    }

    /// Mean training loss of the epoch so far.
    public var epochTrainLoss: Float {
        epochLossCount > 0 ? Float(epochLossSum / Double(epochLossCount)) : .nan
    }

    /// Runs the rest of the current epoch and validates.
    public func trainEpoch(progress report: ((Double) -> Void)? = nil) throws -> EpochMetrics {
        guard canTrain else { throw TrainingError.noTrainingData }
        let started = DispatchTime.now().uptimeNanoseconds
        beginNextStep()
        if usesPerRatingKernel {
            try fusedSGDEpoch(report: report)
        } else if let adam = fusedAdamSettings() {
            try fusedAdamEpoch(adam, report: report)
        } else {
            var k = 0
            while cursor < epochRatings.count {
                try trainStep()
                k += 1
                if k & 63 == 0 { report?(epochFraction) }
            }
        }
        let trainLoss = epochTrainLoss
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let metrics = EpochMetrics(epoch: epochIndex + 1, trainLoss: trainLoss, valid: validate(), seconds: seconds)
        return metrics
    }

    /// Trains the planned number of epochs (or what is left of them).
    public func fit(onEpoch: ((EpochMetrics) -> Void)? = nil, progress: ((Double) -> Void)? = nil) throws -> [EpochMetrics] {
        var out: [EpochMetrics] = []
        while completedEpochs < hyper.epochs {
            let m = try trainEpoch(progress: progress)
            out.append(m)
            onEpoch?(m)
        }
        return out
    }

    /// Whether whole epochs run in the per-rating SGD kernel (`TrainingKernels`): plain SGD,
    /// one rating per step, a fixed learning rate, as Surprise's SVD and the funk-svd preset.
    public var usesPerRatingKernel: Bool {
        hyper.optimizer == .sgd && hyper.batchSize == 1 && hyper.schedule == .constant && !hyper.genreFactors
    }

    /// The threads epochs actually train on: `threads` on the blocks, else one (a data set too
    /// small to split, or a model whose epochs go step by step).
    public var threadsInUse: Int { blocks != nil ? threads : 1 }

    /// Whether whole epochs run in a C kernel: the per-rating SGD, or the mini-batch AdamW step
    /// (`ll_adam_batch`); both lay an epoch out in blocks for several threads.
    public var usesFusedEpochs: Bool { usesPerRatingKernel || usesFusedAdam }

    /// Whether whole epochs take the mini-batch AdamW kernel: lazy Adam, and every movie row
    /// free to learn (the `genres` preset fixes them).
    public var usesFusedAdam: Bool {
        guard let adam = optimizer as? Adam else { return false }
        return !adam.dense && !hyper.genreFactors
    }

    /// Surprise's SVD update, one rating at a time, fused into one loop over the epoch
    /// (the same arithmetic as `trainStep` with a batch of one, without the per-step bookkeeping).
    /// The loop is `ll_sgd_ratings` in CKernels, which can use AVX where the CPU has it;
    /// it runs in chunks so that divergence stops it early and progress is reported.
    func fusedSGDEpoch(report: ((Double) -> Void)?, limit: Int = .max) throws {
        let lr = currentLearningRate // a constant schedule: Surprise keeps it fixed
        let range = model.config.yRange
        var settings = ll_sgd_model(
            user_factors: model.userFactors.storage, item_factors: model.itemFactors.storage,
            user_bias: model.userBias.storage, item_bias: model.itemBias.storage,
            stride: Int64(model.userFactors.stride), learning_rate: lr, regularization: hyper.weightDecay,
            base: range == nil ? model.globalMean : 0,
            lo: range?.lowerBound ?? 0, span: range.map { $0.upperBound - $0.lowerBound } ?? 0,
            use_bias: model.config.useBias ? 1 : 0, squash: range == nil ? 0 : 1,
            frozen_user: frozenUser.map { Int32(clamping: $0) } ?? -1)
        if let blocks, cursor == 0 || !blockPosition.atStart {
            let epochSeed = hyper.seed &+ 0x9E37_79B9 &* UInt64(epochIndex + 1)
            let (lossSum, done, next) = Self.blockEpoch(&epochRatings, blocks, settings: settings, workers: threads, epochSeed: epochSeed,
                                                        report: report, from: blockPosition, ratingLimit: limit, doneBefore: cursor)
            guard lossSum.isFinite else { throw TrainingError.diverged(step: step + done, learningRate: lr) }
            step += done
            epochLossSum += lossSum
            epochLossCount += done
            let complete = next.diagonal >= blocks.groups
            blockPosition = complete ? BlockPosition() : next
            cursor = complete ? epochRatings.count : cursor + done
            return
        }
        let start = cursor, count = epochRatings.count
        let stop = limit >= count - start ? count : start + max(1, limit)
        let chunk = 1 << 20
        var lossSum = 0.0
        try epochRatings.withUnsafeBufferPointer { ratings in
            try ratings.withMemoryRebound(to: ll_rating.self) { packed in
                guard let first = packed.baseAddress else { return }
                var i = start
                while i < stop {
                    let n = min(chunk, stop - i)
                    lossSum += ll_sgd_ratings(first + i, Int64(n), &settings)
                    i += n
                    guard lossSum.isFinite else { throw TrainingError.diverged(step: step + i - start, learningRate: lr) }
                    if i < stop { report?(Double(i) / Double(count)) }
                }
            }
        }
        let n = stop - start
        step += n
        cursor = stop
        epochLossSum += lossSum
        epochLossCount += n
    }

    // MARK: Predictions

    /// Predictions for cells, as the model stands now (unseen users/movies from what is known).
    public func predict(user u: Int, item m: Int) -> Float {
        model.predictKnown(user: u, item: m, userKnown: data.userSeen[u], itemKnown: data.itemSeen[m], mean: trainMean)
    }

    lazy var trainMean: Float = data.trainMean
    /// The quick validation's sample, packed (`sample(limit:)`).
    var validationSample: ValidationSample?

    // MARK: Saved state

    /// The optimizer's state tables (moments, velocities), for a saved session.
    public var optimizerState: [(table: Embedding, side: ParameterSide)] { optimizer.stateTables }
}
