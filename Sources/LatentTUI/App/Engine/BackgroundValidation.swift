import Dispatch
import Foundation
import LatentCore
import Synchronization

/// Where an epoch ended, for its validation to be logged (at once, or when the background pass is done).
struct EpochEnd: Equatable {
    var step: Int
    var completedEpochs: Int
    var epochInRun: Int
    var trainLoss: Float
    var seconds: Double
    var cycle: Int
}

extension EpochEnd {
    /// The epoch the trainer just ended; `runEpochBase` is what the run had trained before this model.
    init(_ t: Trainer, runEpochBase: Double, seconds: Double) {
        self.init(step: t.step, completedEpochs: t.completedEpochs, epochInRun: Int((Double(t.completedEpochs) - runEpochBase).rounded()),
                  trainLoss: t.epochTrainLoss, seconds: seconds, cycle: t.cycle)
    }
}

/// The engine's part that validates a copy of the model on another core while training goes
/// on (flat out on a large held-out set), and hands the figures back with the epoch they belong to.
struct BackgroundValidation {
    /// One pass under way: its figures are written before `done` is signalled, read only after.
    private final class Job: Sendable {
        let end: EpochEnd
        let metrics = Mutex(ValidationMetrics.empty)
        /// How long the pass took, copy included (written before `done` is signalled).
        let nanos = Atomic<UInt64>(0)
        let done = DispatchSemaphore(value: 0)
        init(_ end: EpochEnd) { self.end = end }
    }
    private var job: Job?

    var isPending: Bool { job != nil }

    /// Starts validating `input` (a copy of the model) for the epoch `end`, on a thread of its own
    /// at a lower priority (nice 10): where the screen, the trainer and the pass want the two
    /// cores at once, the pass is the one to wait. At most one is under way (collect it first).
    mutating func start(_ input: sending Trainer.ValidationInput, for end: EpochEnd) {
        let job = Job(end)
        // The copy is handed over whole: behind a lock only the pass's thread ever takes.
        let handoff = Mutex(Optional(input))
        let started = DispatchTime.now().uptimeNanoseconds
        Thread {
            Trainer.lowerThisThreadsPriority()
            let metrics = handoff.withLock { input in input.map { Trainer.validate($0, threads: 1) } ?? .empty }
            job.metrics.withLock { $0 = metrics }
            job.nanos.store(DispatchTime.now().uptimeNanoseconds - started, ordering: .relaxed)
            job.done.signal()
        }.start()
        self.job = job
    }

    /// The finished pass's epoch, figures (nil: nothing was held out) and time taken, waiting for
    /// it, or only if it is done (`wait` false); nil when none is under way or it is not done.
    mutating func collect(wait: Bool) -> (end: EpochEnd, metrics: ValidationMetrics?, nanos: UInt64)? {
        guard let job else { return nil }
        if wait { job.done.wait() } else if job.done.wait(timeout: .now()) == .timedOut { return nil }
        self.job = nil
        let metrics = job.metrics.withLock { $0 }
        return (job.end, metrics.count > 0 ? metrics : nil, job.nanos.load(ordering: .relaxed))
    }
}
