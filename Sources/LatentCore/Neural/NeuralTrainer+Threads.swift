import CKernels
import Foundation
import Synchronization

/// Whole epochs on two threads: each batch is cut in two halves, computed side by side (each
/// thread its own buffers), then the first thread sums the layers' gradients, gathers the
/// embeddings' and takes the AdamW step while the second waits for the next batch. One wake-up
/// for the whole epoch: the threads spin between batches (a batch lasts about 0.1 ms; waking a
/// thread costs about 20 µs, and splitting each batch with its own `concurrentPerform` was
/// measured slower than one thread). The halves' sums are added in a fixed order, so a run on
/// two threads reproduces itself, though not the one-thread run's last bits. (Handing the second
/// half to whichever thread claimed it first was tried: it split runs between 0.16 s and 0.35 s
/// an epoch on an idle machine, where this split is 0.15–0.17 s every time.)
extension NeuralTrainer {
    func epochOnTwoThreads() throws {
        startEpochIfDue()
        let batches = stepsPerEpoch, size = hyper.batchSize
        let released = Atomic<Int>(0), arrived = Atomic<Int>(0), stopped = Atomic<Bool>(false)
        let job = EpochJob(trainer: self)
        let failure = Locked<TrainingError?>(nil)
        order.withUnsafeBufferPointer { all in
            let ratings = SharedRatings(all)
            DispatchQueue.concurrentPerform(iterations: 2) { w in
                let t = job.trainer
                for b in 0..<batches {
                    let start = b * size, end = min(ratings.all.count, start + size), middle = start + (end - start + 1) / 2
                    let first = UnsafeBufferPointer(rebasing: ratings.all[start..<middle])
                    let second = UnsafeBufferPointer(rebasing: ratings.all[middle..<end])
                    if w == 1 {
                        // The layers are stepped by the first thread before each batch: wait for it.
                        if !Self.spin(until: { released.load(ordering: .acquiring) >= b || stopped.load(ordering: .relaxed) }) { return }
                        if stopped.load(ordering: .relaxed) { return }
                        t.helperError = t.net.forwardBackward(second, t.helperWork, total: end - start)
                        arrived.store(b + 1, ordering: .releasing)
                        continue
                    }
                    t.touchedUsers.removeAll(keepingCapacity: true)
                    t.touchedItems.removeAll(keepingCapacity: true)
                    let began = DispatchTime.now().uptimeNanoseconds
                    let own = t.net.forwardBackward(first, t.work, total: end - start)
                    let computed = DispatchTime.now().uptimeNanoseconds
                    _ = Self.spin(until: { arrived.load(ordering: .acquiring) >= b + 1 })
                    // Waiting longer than its own half took: the helper did not run beside it.
                    if DispatchTime.now().uptimeNanoseconds - computed > computed - began { t.slowHandOvers += 1 }
                    t.addHelperGradient()
                    t.gatherEmbeddingGradients(first, t.work.dx)
                    t.gatherEmbeddingGradients(second, t.helperWork.dx)
                    let position = t.schedulePosition(at: start)
                    let lr = t.schedule.learningRate(at: position)
                    t.update(lr: lr, beta1: t.schedule.momentum(at: position))
                    let sse = own + t.helperError
                    guard sse.isFinite else {
                        failure.withLock { $0 = .diverged(step: t.step, learningRate: lr) }
                        stopped.store(true, ordering: .relaxed)
                        return
                    }
                    t.epochSquaredError += sse
                    t.epochCount += end - start
                    t.lastBatch = start..<end
                    released.store(b + 1, ordering: .releasing)
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        completedEpochs += 1
        cursor = 0
        // On a busy machine (another program on the other core) the helper is often put aside
        // and every batch waits for it: measured ten times slower than one thread. When more than
        // a tenth of the batches waited so, the next epochs train on one thread.
        // (Which epoch that is depends on the machine: a run that fell back is not reproduced bit
        // for bit by one that did not. `fallsBackWhenBusy` off keeps two threads whatever happens.)
        if fallsBackWhenBusy && slowHandOvers * 10 > batches { threads = 1 }
        slowHandOvers = 0
    }

    /// Waits for `condition`, spinning, then yielding the core after a while (a preempted thread).
    @discardableResult
    static func spin(until condition: () -> Bool) -> Bool {
        var spins = 0
        while !condition() {
            spins += 1
            if spins < 4096 { ll_cpu_relax() } else { sched_yield() }
        }
        return true
    }

    /// The second thread's layer gradients added to the first's.
    func addHelperGradient() {
        helperWork.gradient.withUnsafeBufferPointer { part in
            work.gradient.withUnsafeMutableBufferPointer { sum in
                for i in 0..<min(sum.count, part.count) { sum[i] += part[i] }
            }
        }
    }
}

/// The trainer, shared by the epoch's two threads: the second writes only its own buffers and
/// `helperError`, each read by the first after the batch's hand-over (an acquire of `arrived`).
private struct EpochJob: @unchecked Sendable {
    let trainer: NeuralTrainer
}

/// The epoch's ratings, read by both threads (nobody writes them during the epoch).
private struct SharedRatings: @unchecked Sendable {
    let all: UnsafeBufferPointer<Rating>
    init(_ all: UnsafeBufferPointer<Rating>) { self.all = all }
}
