import CKernels
import Foundation

/// Whole epochs of the mini-batch AdamW step (the fastai preset) in the C kernel
/// `ll_adam_batch`: the same step as `trainStep`, with the batch's gradients gathered in a
/// small scratch that stays in cache, and the next batch's rows prefetched. With several
/// threads the epoch runs on the block layout of `BlockSchedule`, as the per-rating SGD does:
/// the blocks of a diagonal share no user and no movie, so each thread's batches update rows
/// (and Adam moments) no other thread touches meanwhile.
extension Trainer {
    /// The kernel's view of the model and the optimizer's moments (nil when epochs do not take it).
    func fusedAdamSettings() -> ll_adam_model? {
        guard usesFusedAdam, let adam = optimizer as? Adam else { return nil }
        adam.prepare(model, gradients)
        // Slot order: user factors, movie factors, user biases, movie biases; each m, then v.
        let state = adam.stateTables.map(\.table.storage)
        guard state.count == 8 else { return nil }
        let range = model.config.yRange
        return ll_adam_model(
            user_factors: model.userFactors.storage, item_factors: model.itemFactors.storage,
            user_bias: model.userBias.storage, item_bias: model.itemBias.storage,
            user_factors_m: state[0], user_factors_v: state[1], item_factors_m: state[2], item_factors_v: state[3],
            user_bias_m: state[4], user_bias_v: state[5], item_bias_m: state[6], item_bias_v: state[7],
            stride: Int64(model.userFactors.stride), base: model.globalMean,
            lo: range?.lowerBound ?? 0, span: range.map { $0.upperBound - $0.lowerBound } ?? 0,
            beta2: adam.beta2, epsilon: adam.epsilon, weight_decay: adam.weightDecay,
            use_bias: model.config.useBias ? 1 : 0, squash: range == nil ? 0 : 1,
            frozen_user: frozenUser.map { Int32(clamping: $0) } ?? -1)
    }

    /// The rest of the current epoch in the kernel: on the blocks side by side when they are
    /// laid out and the epoch has not begun, else batch after batch in the epoch's order.
    func fusedAdamEpoch(_ settings: ll_adam_model, report: ((Double) -> Void)?, limit: Int = .max) throws {
        let onBlocks = blocks != nil && (cursor == 0 || !blockPosition.atStart)
        let scratches = adamScratches(count: onBlocks ? threads : 1)
        if let blocks, onBlocks {
            try adamBlockEpoch(settings, blocks, scratches: scratches, report: report, limit: limit)
            return
        }
        var settings = settings
        let batch = max(1, hyper.batchSize), start = cursor
        // Whole batches up to the limit, or the epoch's end.
        let count = limit >= epochRatings.count - start ? epochRatings.count : start + max(1, limit / batch) * batch
        var lossSum = 0.0
        let scratch = scratches[0]
        try epochRatings.withUnsafeBufferPointer { ratings in
            try ratings.withMemoryRebound(to: ll_rating.self) { packed in
                guard let first = packed.baseAddress else { return }
                var batches = 0
                while cursor < count {
                    let end = min(cursor + batch, count)
                    let lr = currentLearningRate, beta1 = schedule.momentum(at: progress)
                    step += 1
                    let sse = ll_adam_batch(first + cursor, Int64(end - cursor), &settings, &scratch.pointers, lr, beta1,
                                            Int64(step), first + end, Int64(min(batch, epochRatings.count - end)))
                    guard sse.isFinite else { throw TrainingError.diverged(step: step, learningRate: lr) }
                    lossSum += sse
                    cursor = end
                    batches += 1
                    if batches & 1023 == 0 { report?(epochFraction) }
                }
            }
        }
        epochLossSum += lossSum
        epochLossCount += count - start
    }

    /// One epoch on the blocks: the diagonals in a seeded order, each diagonal's blocks on the
    /// threads, each block's ratings in batches from a seeded entry point. A batch's learning
    /// rate, momentum and Adam step number come from where it falls in the epoch, not from
    /// which thread got there first, so the same seed and thread count give the same model.
    private func adamBlockEpoch(_ settings: ll_adam_model, _ blocks: BlockSchedule, scratches: [AdamScratch],
                                report: ((Double) -> Void)?, limit: Int) throws {
        let groups = blocks.groups, workers = max(1, min(threads, groups))
        let total = epochRatings.count, batch = max(1, hyper.batchSize)
        let epochSeed = hyper.seed &+ 0x9E37_79B9 &* UInt64(epochIndex + 1)
        var rng = SeededRandom(seed: epochSeed ^ 0xA076_1D64_78BD_642F)
        var order = Array(0..<groups)
        for i in Swift.stride(from: groups - 1, to: 0, by: -1) { order.swapAt(i, rng.nextIndex(below: i + 1)) }
        let entries = blocks.ranges.map { $0.count > 1 ? rng.nextIndex(below: $0.count) : 0 }
        if blockPosition.atStart { blockEpochFirstStep = step }
        let clock = BatchClock(trainer: self, total: total, batch: batch, firstStep: blockEpochFirstStep)
        var losses = [Double](repeating: 0, count: groups)
        var batchesDone = [Int](repeating: 0, count: groups)
        var done = cursor, lossSum = 0.0, batchCount = 0, next = blockPosition
        var failed: (step: Int, lr: Float)?
        epochRatings.withKernelRatings { ratings in
            losses.withUnsafeMutableBufferPointer { lossSlots in
                batchesDone.withUnsafeMutableBufferPointer { batchSlots in
                    guard let base = ratings.baseAddress, let lossBase = lossSlots.baseAddress, let countBase = batchSlots.baseAddress else { return }
                    let work = AdamWork(ratings: base,
                                        losses: lossBase, batches: countBase, scratches: scratches, settings: settings)
                    while next.diagonal < groups && (done == cursor || done - cursor < limit) {
                        let diagonal = blocks.diagonal(order[next.diagonal])
                        let diagonalSize = diagonal.reduce(0) { $0 + blocks.ranges[$1].count }
                        // Where the diagonal began (its blocks before `first` are done).
                        let first = next.block, end = limit == .max ? groups : min(groups, first + workers)
                        let before = done - diagonal[..<first].reduce(0) { $0 + blocks.ranges[$1].count }
                        DispatchQueue.concurrentPerform(iterations: min(workers, end - first)) { w in
                            var settings = work.settings
                            let scratch = work.scratches[w]
                            for i in Swift.stride(from: first + w, to: end, by: workers) {
                                let range = blocks.ranges[diagonal[i]], entry = entries[diagonal[i]]
                                var sse = 0.0, batches = 0, offset = 0
                                // From the entry point to the block's end, then from its start to the entry point.
                                for part in [(range.lowerBound + entry)..<range.upperBound, range.lowerBound..<(range.lowerBound + entry)] {
                                    var at = part.lowerBound
                                    while at < part.upperBound {
                                        let end = min(at + batch, part.upperBound)
                                        let moment = clock.at(before + offset * diagonalSize / max(1, range.count))
                                        sse += ll_adam_batch(work.ratings + at, Int64(end - at), &settings, &scratch.pointers,
                                                             moment.lr, moment.beta1, Int64(moment.step),
                                                             work.ratings + end, Int64(min(batch, part.upperBound - end)))
                                        offset += end - at
                                        at = end
                                        batches += 1
                                    }
                                }
                                work.losses[i] = sse
                                work.batches[i] = batches
                            }
                        }
                        // Added in block order: the sum does not depend on the threads' timing.
                        for i in first..<end {
                            lossSum += work.losses[i]
                            batchCount += work.batches[i]
                            done += blocks.ranges[diagonal[i]].count
                        }
                        next = end < groups ? BlockPosition(diagonal: next.diagonal, block: end) : BlockPosition(diagonal: next.diagonal + 1, block: 0)
                        if !lossSum.isFinite {
                            let moment = clock.at(before)
                            failed = (moment.step, moment.lr)
                            return
                        }
                        if next.diagonal < groups { report?(Double(done) / Double(max(1, total))) }
                    }
                }
            }
        }
        if let failed { throw TrainingError.diverged(step: failed.step, learningRate: failed.lr) }
        step += batchCount
        epochLossSum += lossSum
        epochLossCount += done - cursor
        let complete = next.diagonal >= groups
        blockPosition = complete ? BlockPosition() : next
        cursor = complete ? total : done
    }

    /// A scratch per thread, kept from epoch to epoch (made again when the tables grow).
    private func adamScratches(count: Int) -> [AdamScratch] {
        let users = model.userCount, items = model.itemCount
        let batch = max(1, hyper.batchSize), stride = model.userFactors.stride
        if adamScratchPool.count < count || adamScratchPool.contains(where: { !$0.fits(users: users, items: items, batch: batch, stride: stride) }) {
            adamScratchPool = (0..<max(count, adamScratchPool.count)).map { _ in
                AdamScratch(users: users, items: items, batch: batch, stride: stride)
            }
        }
        return Array(adamScratchPool.prefix(count))
    }
}

/// Where a batch falls in the epoch → its learning rate, momentum and Adam step number.
private struct BatchClock: Sendable {
    let schedule: Schedule
    let epochIndex: Int, cycleStartEpoch: Int, epochs: Int
    let total: Int, batch: Int, firstStep: Int

    init(trainer: Trainer, total: Int, batch: Int, firstStep: Int) {
        schedule = trainer.schedule
        epochIndex = trainer.epochIndex; cycleStartEpoch = trainer.cycleStartEpoch; epochs = trainer.hyper.epochs
        self.total = total; self.batch = batch; self.firstStep = firstStep
    }

    func at(_ position: Int) -> (lr: Float, beta1: Float, step: Int) {
        let epochsDone = Double(epochIndex) + Double(position) / Double(max(1, total)) - Double(cycleStartEpoch)
        let progress = min(1, max(0, epochsDone / Double(max(1, epochs))))
        return (schedule.learningRate(at: progress), schedule.momentum(at: progress), firstStep + position / batch + 1)
    }
}

/// What the worker threads share. Each writes only its own blocks' rows (the diagonal's blocks
/// are disjoint), its own scratch and its own slots of `losses` and `batches`.
private struct AdamWork: @unchecked Sendable {
    let ratings: UnsafePointer<ll_rating>
    let losses: UnsafeMutablePointer<Double>
    let batches: UnsafeMutablePointer<Int>
    let scratches: [AdamScratch]
    let settings: ll_adam_model
}

/// One thread's gradient scratch for `ll_adam_batch`: a slot per row (all -1 between batches)
/// and gradient rows for one batch's users and movies.
final class AdamScratch: @unchecked Sendable {
    var pointers: ll_adam_scratch
    private let users: Int, items: Int, batch: Int, stride: Int

    init(users: Int, items: Int, batch: Int, stride: Int) {
        self.users = users; self.items = items; self.batch = batch; self.stride = stride
        func slots(_ n: Int) -> UnsafeMutablePointer<Int32> {
            let p = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, n))
            p.initialize(repeating: -1, count: max(1, n))
            return p
        }
        func floats(_ n: Int) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: max(1, n))
            p.initialize(repeating: 0, count: max(1, n))
            return p
        }
        pointers = ll_adam_scratch(user_slot: slots(users), item_slot: slots(items), users: slots(batch), items: slots(batch),
                                   user_grad: floats(batch * stride), item_grad: floats(batch * stride),
                                   user_bias_grad: floats(batch), item_bias_grad: floats(batch))
    }

    func fits(users: Int, items: Int, batch: Int, stride: Int) -> Bool {
        users == self.users && items == self.items && batch <= self.batch && stride == self.stride
    }

    deinit {
        pointers.user_slot.deallocate(); pointers.item_slot.deallocate()
        pointers.users.deallocate(); pointers.items.deallocate()
        pointers.user_grad.deallocate(); pointers.item_grad.deallocate()
        pointers.user_bias_grad.deallocate(); pointers.item_bias_grad.deallocate()
    }
}
