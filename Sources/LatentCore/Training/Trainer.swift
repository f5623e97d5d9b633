import CKernels
import Foundation

/// Trains a `DotProductBias` by the loop the book teaches:
/// **1. initialize** the parameters randomly, then for each mini-batch **2. predict**,
/// **3. compute the loss**, and **step** the parameters along its gradient.
///
/// Each epoch visits every training rating exactly once, in a fresh random order drawn
/// from the seed (never sampling with replacement), so a seed reproduces a run exactly.
/// Not thread-safe: one queue owns a trainer.
public final class Trainer {
    public private(set) var data: TrainingData
    public let hyper: Hyperparameters
    public let model: DotProductBias
    public let gradients: Gradients
    private let optimizer: Optimizer
    public let schedule: Schedule

    /// Updates done so far.
    public private(set) var step = 0
    /// Completed epochs.
    public private(set) var epoch = 0
    /// Position in the current epoch's order.
    public private(set) var cursor = 0
    /// Where the last step's batch lies in `epochRatings`.
    public private(set) var lastBatch: Range<Int> = 0..<0
    private var epochLossSum = 0.0
    private var epochLossCount = 0

    /// The training ratings, in the current epoch's visiting order.
    public private(set) var epochRatings: [Rating] = []
    private var batchPredictions: [Float] = []
    private var shuffler = CacheFriendlyShuffle<Rating>()

    public init(data: TrainingData, hyper: Hyperparameters) throws {
        try hyper.validate()
        guard data.trainCount > 0 else { throw TrainingError.noTrainingData }
        self.data = data
        self.hyper = hyper
        model = DotProductBias(users: data.userCount, items: data.itemCount,
                               config: hyper.modelConfig(scale: data.scale), globalMean: data.trainMean)
        gradients = Gradients(for: model)
        optimizer = hyper.makeOptimizer()
        schedule = hyper.scheduleValue
        model.initialize(seed: hyper.seed)
        startEpoch()
    }

    public var stepsPerEpoch: Int { (data.trainCount + hyper.batchSize - 1) / hyper.batchSize }
    public var plannedSteps: Int { stepsPerEpoch * hyper.epochs }
    /// Position in the planned run, 0…1 (the schedule's clock).
    public var progress: Double { min(1, Double(step - cycleOrigin) / Double(max(1, plannedSteps))) }
    /// The step where the current schedule cycle began (a new cycle starts where the last ended).
    public private(set) var cycleOrigin = 0
    /// Whether the planned run of the current cycle is complete.
    public var cycleDone: Bool { step - cycleOrigin >= plannedSteps }

    /// Starts another one-cycle run from here (fastai: calling `fit_one_cycle` again).
    public func startNewCycle() { cycleOrigin = step }
    public var currentLearningRate: Float { schedule.learningRate(at: progress) }
    public var epochFraction: Double { Double(cursor) / Double(max(1, data.trainCount)) }

    /// Replaces every training rating of user `u` (the explorer's person rates movies while it
    /// trains); the new ratings join the visiting order from the next epoch.
    public func replaceRatings(ofUser u: Int, with ratings: [(item: Int, rating: Float)]) {
        var users: [Int32] = [], items: [Int32] = [], values: [Float] = []
        for i in 0..<data.trainCount where Int(data.trainUsers[i]) != u {
            users.append(data.trainUsers[i]); items.append(data.trainItems[i]); values.append(data.trainValues[i])
        }
        for r in ratings {
            users.append(Int32(u)); items.append(Int32(r.item)); values.append(r.rating)
        }
        data.trainUsers = users; data.trainItems = items; data.trainValues = values
        data.recomputeSeen()
        ratingsChanged = true
    }

    private var ratingsChanged = false

    private func startEpoch() {
        if epochRatings.count != data.trainCount || ratingsChanged {
            ratingsChanged = false
            epochRatings = (0..<data.trainCount).map {
                Rating(user: data.trainUsers[$0], item: data.trainItems[$0], value: data.trainValues[$0])
            }
        }
        // A fresh seeded permutation each epoch, done in place on the packed ratings: the loops
        // below then read them sequentially, and a shuffle of a shuffle is still uniform.
        var rng = SeededRandom(seed: hyper.seed &+ 0x9E37_79B9 &* UInt64(epoch + 1))
        shuffler.shuffle(&epochRatings, rng: &rng)
        cursor = 0
        epochLossSum = 0
        epochLossCount = 0
    }

    /// Step 2 and 3 and the update, for the next mini-batch of the epoch's order.
    @discardableResult
    public func trainStep() throws -> StepReport {
        if cursor >= epochRatings.count { finishEpochBookkeeping() }
        let end = min(cursor + hyper.batchSize, epochRatings.count)
        let n = end - cursor
        lastBatch = cursor..<end
        if batchPredictions.count < n { batchPredictions = [Float](repeating: 0, count: n) }
        let lr = currentLearningRate
        let beta1 = schedule.momentum(at: progress)
        let range = cursor..<end
        let loss = epochRatings.withUnsafeBufferPointer { r in
            batchPredictions.withUnsafeMutableBufferPointer { p in
                model.lossAndGradients(UnsafeBufferPointer(rebasing: r[range]),
                                       predictions: UnsafeMutableBufferPointer(rebasing: p[0..<n]), into: gradients)
            }
        }
        guard loss.isFinite else { throw TrainingError.diverged(step: step + 1, learningRate: lr) }
        step += 1
        optimizer.update(model, gradients, lr: lr, beta1: beta1, step: step)
        cursor = end
        epochLossSum += Double(loss) * Double(n)
        epochLossCount += n
        return StepReport(step: step, epoch: epoch, epochFraction: epochFraction, loss: loss, learningRate: lr, batchSize: n)
    }

    /// Mean training loss of the epoch so far.
    public var epochTrainLoss: Float {
        epochLossCount > 0 ? Float(epochLossSum / Double(epochLossCount)) : .nan
    }

    /// Moves to the next epoch when the current one is used up.
    private func finishEpochBookkeeping() {
        epoch += 1
        startEpoch()
    }

    /// Runs the rest of the current epoch and validates.
    public func trainEpoch(progress report: ((Double) -> Void)? = nil) throws -> EpochMetrics {
        let started = DispatchTime.now().uptimeNanoseconds
        if cursor >= epochRatings.count { finishEpochBookkeeping() }
        if usesPerRatingKernel {
            try fusedSGDEpoch(report: report)
        } else {
            var k = 0
            while cursor < epochRatings.count {
                try trainStep()
                k += 1
                if k & 1023 == 0 { report?(epochFraction) }
            }
        }
        let trainLoss = epochTrainLoss
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let metrics = EpochMetrics(epoch: epoch + 1, trainLoss: trainLoss, valid: validate(), seconds: seconds)
        return metrics
    }

    /// Epochs fully trained so far.
    public var completedEpochs: Int { epoch + (cursor >= epochRatings.count ? 1 : 0) }

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
        hyper.optimizer == .sgd && hyper.batchSize == 1 && hyper.schedule == .constant
    }

    /// Surprise's SVD update, one rating at a time, fused into one loop over the epoch
    /// (the same arithmetic as `trainStep` with a batch of one, without the per-step bookkeeping).
    /// The loop is `ll_sgd_ratings` in CKernels, which can use AVX where the CPU has it;
    /// it runs in chunks so that divergence stops it early and progress is reported.
    private func fusedSGDEpoch(report: ((Double) -> Void)?) throws {
        let lr = currentLearningRate // a constant schedule: Surprise keeps it fixed
        let range = model.config.yRange
        var settings = ll_sgd_model(
            user_factors: model.userFactors.storage, item_factors: model.itemFactors.storage,
            user_bias: model.userBias.storage, item_bias: model.itemBias.storage,
            stride: Int64(model.userFactors.stride), learning_rate: lr, regularization: hyper.weightDecay,
            base: range == nil ? model.globalMean : 0,
            lo: range?.lowerBound ?? 0, span: range.map { $0.upperBound - $0.lowerBound } ?? 0,
            use_bias: model.config.useBias ? 1 : 0, squash: range == nil ? 0 : 1)
        let start = cursor, count = epochRatings.count
        let chunk = 1 << 20
        var lossSum = 0.0
        try epochRatings.withUnsafeBufferPointer { ratings in
            try ratings.withMemoryRebound(to: ll_rating.self) { packed in
                guard let first = packed.baseAddress else { return }
                var i = start
                while i < count {
                    let n = min(chunk, count - i)
                    lossSum += ll_sgd_ratings(first + i, Int64(n), &settings)
                    i += n
                    guard lossSum.isFinite else { throw TrainingError.diverged(step: step + i - start, learningRate: lr) }
                    if i < count { report?(Double(i) / Double(count)) }
                }
            }
        }
        let n = count - start
        step += n
        cursor = count
        epochLossSum += lossSum
        epochLossCount += n
        lastBatch = n > 0 ? (count - 1)..<count : 0..<0
    }

    /// Errors on the validation ratings; a user or movie without training ratings is predicted from what is known.
    /// With a `limit`, an evenly spaced sample of that many held-out ratings (a quick estimate mid-epoch).
    public func validate(limit: Int = .max) -> ValidationMetrics {
        let total = data.validCount
        guard total > 0, limit > 0 else { return .empty }
        let stride = limit >= total ? 1 : (total + limit - 1) / limit
        var se = 0.0, ae = 0.0
        var unseen = 0
        var n = 0
        for i in Swift.stride(from: 0, to: total, by: stride) {
            n += 1
            let u = Int(data.validUsers[i]), m = Int(data.validItems[i])
            let uk = data.userSeen[u], mk = data.itemSeen[m]
            if !uk || !mk { unseen += 1 }
            let p = predict(user: u, item: m)
            let e = Double(p - data.validValues[i])
            se += e * e
            ae += abs(e)
        }
        let mse = se / Double(n)
        return ValidationMetrics(mse: Float(mse), rmse: Float(mse.squareRoot()), mae: Float(ae / Double(n)), count: n, unseen: unseen)
    }

    /// Predictions for cells, as the model stands now (unseen users/movies from what is known).
    public func predict(user u: Int, item m: Int) -> Float {
        let uk = data.userSeen[u], mk = data.itemSeen[m]
        // Nothing known about either side: the training mean is the best guess.
        if !uk && !mk { return trainMean }
        return model.squash(model.score(user: u, item: m, userKnown: uk, itemKnown: mk))
    }

    private lazy var trainMean: Float = data.trainMean
}
