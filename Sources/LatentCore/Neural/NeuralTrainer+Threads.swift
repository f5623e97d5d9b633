import CKernels
import Foundation
import Synchronization

/// Whole epochs on two threads: each batch is cut in two halves, computed side by side (each
/// half its own buffers), then the first thread sums the layers' gradients, gathers the
/// embeddings' and takes the AdamW step while the second waits for the next batch. One wake-up
/// for the whole epoch: the threads spin between batches (a batch lasts about 0.1 ms; waking a
/// thread costs about 20 µs, and splitting each batch with its own `concurrentPerform` was
/// measured slower than one thread). The second half goes to whichever thread claims it first:
/// when the other core is busy (another program), the first thread does both halves instead of
/// waiting for a helper the scheduler put aside (waiting made an epoch ten times slower under
/// load). The halves' sums are added in a fixed order whoever computes them, so a run on two
/// threads reproduces itself, though not the one-thread run's last bits.
extension NeuralTrainer {
    func epochOnTwoThreads() throws {
        startEpochIfDue()
        let batches = stepsPerEpoch, size = hyper.batchSize
        // `released`: the batch that may start (the one before it stepped). `claimed`: the last
        // batch whose second half a thread took; `arrived`: the helper finished that half.
        let released = Atomic<Int>(0), claimed = Atomic<Int>(-1), arrived = Atomic<Int>(0), stopped = Atomic<Bool>(false)
        let job = EpochJob(trainer: self)
        let failure = Locked<TrainingError?>(nil)
        order.withUnsafeBufferPointer { all in
            let ratings = SharedRatings(all)
            DispatchQueue.concurrentPerform(iterations: 2) { w in
                let t = job.trainer
                if w == 1 {
                    // The helper takes the second half of whichever batch is under way, when it gets
                    // there first; a helper the scheduler put aside simply misses batches.
                    var tried = -1
                    while !stopped.load(ordering: .relaxed) {
                        let b = released.load(ordering: .acquiring)
                        if b >= batches { return }
                        if b > tried, claimed.compareExchange(expected: b - 1, desired: b, ordering: .acquiringAndReleasing).exchanged {
                            tried = b
                            let (_, second, total) = ratings.halves(b, size: size)
                            t.helperError = t.net.forwardBackward(second, t.helperWork, total: total)
                            arrived.store(b + 1, ordering: .releasing)
                        } else {
                            tried = max(tried, b)
                            ll_cpu_relax()
                        }
                    }
                    return
                }
                for b in 0..<batches {
                    let (first, second, total) = ratings.halves(b, size: size)
                    t.touchedUsers.removeAll(keepingCapacity: true)
                    t.touchedItems.removeAll(keepingCapacity: true)
                    let own = t.net.forwardBackward(first, t.work, total: total)
                    if claimed.compareExchange(expected: b - 1, desired: b, ordering: .acquiringAndReleasing).exchanged {
                        // The helper is not here: the second half on this thread too.
                        t.helperError = t.net.forwardBackward(second, t.helperWork, total: total)
                    } else {
                        Self.spin(until: { arrived.load(ordering: .acquiring) >= b + 1 })
                    }
                    t.addHelperGradient()
                    t.gatherEmbeddingGradients(first, t.work.dx)
                    t.gatherEmbeddingGradients(second, t.helperWork.dx)
                    let start = b * size
                    let position = (Double(t.completedEpochs) + Double(start) / Double(ratings.all.count)) / Double(t.hyper.epochs)
                    let lr = t.schedule.learningRate(at: position)
                    t.update(lr: lr, beta1: t.schedule.momentum(at: position))
                    let sse = own + t.helperError
                    guard sse.isFinite else {
                        failure.withLock { $0 = .diverged(step: t.step, learningRate: lr) }
                        stopped.store(true, ordering: .relaxed)
                        return
                    }
                    t.epochSquaredError += sse
                    t.epochCount += total
                    t.lastBatch = start..<(start + total)
                    released.store(b + 1, ordering: .releasing)
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        completedEpochs += 1
        cursor = 0
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

    /// Batch b's two halves, and its size.
    func halves(_ b: Int, size: Int) -> (UnsafeBufferPointer<Rating>, UnsafeBufferPointer<Rating>, Int) {
        let start = b * size, end = min(all.count, start + size), middle = start + (end - start + 1) / 2
        return (UnsafeBufferPointer(rebasing: all[start..<middle]), UnsafeBufferPointer(rebasing: all[middle..<end]), end - start)
    }
}
