import Foundation

/// The step loop: one mini-batch at a time (steps 2 and 3 and the update, with what a step did
/// to a watched cell), whole epochs, and `fit`.
extension Trainer {
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
        if let sampler { return try gibbsStep(sampler, watching: cell) }
        if let als { return try alsStep(als, watching: cell) }
        if let neural { return try neuralStep(neural, watching: cell) }
        if implicitSGD != nil {
            throw TrainingError.invalid("implicit feedback with SGD trains whole epochs, a user at a time (latentlab train --implicit); in the explorer it is the bayes preset's")
        }
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
        applyGravityAtEpochEnd()
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
    func watch(_ cell: (user: Int, item: Int), batch: ArraySlice<Rating>) -> WatchedCell {
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
        if let implicit = implicitSGD {
            let lr = currentLearningRate
            let seed = hyper.seed &+ 0x9E37_79B9 &* UInt64(epochIndex + 1)
            let (sse, n) = implicit.epoch(model: model, lr: lr, reg: hyper.weightDecay, seed: seed, frozenUser: frozenUser)
            guard sse.isFinite else { throw TrainingError.diverged(step: step + n, learningRate: lr) }
            step += n
            epochLossSum += sse
            epochLossCount += n
            cursor = epochRatings.count
        } else if usesPerRatingKernel {
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
        applyGravityAtEpochEnd()
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
}
