import CKernels
import Foundation

/// The per-rating SGD driver: Surprise's SVD update, fused into the C kernel over an epoch or a
/// part of one, on the blocks when there are several threads.
extension Trainer {
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
}
