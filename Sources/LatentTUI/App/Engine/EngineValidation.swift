import Dispatch
import Foundation
import LatentCore

/// The engine's validation, in one part: quick estimates between epochs (throttled,
/// `EnginePolicy.QuickValidation`), full passes in line, and an epoch's full pass on a copy of the
/// model beside the training (`BackgroundValidation`).
struct EngineValidation {
    private var quick = EnginePolicy.QuickValidation()
    private var background = BackgroundValidation()
    private var fullPasses = EnginePolicy.FullValidation()

    var isPending: Bool { background.isPending }

    /// A quick estimate when one may run now (`full` false), or the figures on every held-out
    /// rating; nil when there is nothing to report.
    mutating func validate(_ trainer: Trainer, full: Bool, flatOut: Bool, now: UInt64) -> ValidationMetrics? {
        if !full && !quick.allow(backgroundPending: background.isPending, flatOut: flatOut, now: now) { return nil }
        let sample = EnginePolicy.QuickValidation.sample
        // A full validation takes every core for its moment: the screen needs little of one.
        let metrics = full || trainer.data.validCount <= sample ? trainer.validate(threads: ProcessInfo.processInfo.activeProcessorCount)
                                                                 : trainer.validate(limit: sample)
        return metrics.count > 0 ? metrics : nil
    }

    /// Validates the epoch `end` on a copy of the model, on a thread of its own.
    mutating func startBeside(_ trainer: Trainer, for end: EpochEnd) {
        background.start(trainer.validationInput(), for: end)
    }

    /// Whether a pass beside the training fits its time budget at `now`, the last one done (an
    /// epoch end never waits for a pass still under way: the first pass of a run, before its
    /// cost is known, had held the second epoch's end until it finished).
    func fullPassDue(now: UInt64) -> Bool { !background.isPending && fullPasses.due(now: now) }

    /// A full pass ran in line and took `took` nanoseconds (the budget counts it too).
    mutating func ranFull(took: UInt64) { fullPasses.ran(endedAt: DispatchTime.now().uptimeNanoseconds, took: took) }

    /// The pass beside the training, when it is done (or waiting for it).
    mutating func collect(wait: Bool) -> (end: EpochEnd, metrics: ValidationMetrics?)? {
        guard let (end, metrics, nanos) = background.collect(wait: wait) else { return nil }
        fullPasses.ran(endedAt: DispatchTime.now().uptimeNanoseconds, took: nanos)
        return (end, metrics)
    }
}
