import Dispatch
import LatentCore

/// The engine's training loops: a number of mini-batch steps, or flat out in slices of the
/// trainer's kernels until a deadline (the same code and speed as `latentlab train`: a step at a
/// time would spend more on bookkeeping than on training). Each step or slice, each quick
/// validation's point and each epoch's end is handed to the engine (`Handlers`), which may stop
/// the loop at an epoch's end. It throws what training throws (a divergence).
struct TrainingLoop {
    /// The next flat-out slice's size, tuned as it goes.
    private var sliceSize = EnginePolicy.SliceSize()

    struct Handlers {
        var step: (StepReport) -> Void = { _ in }
        var slice: (TrainingSlice) -> Void = { _ in }
        /// Training passed a quick validation's point.
        var validationPoint: () -> Void
        /// An epoch ended: whether training stops here.
        var epochEnded: () -> Bool
    }

    /// Up to `n` steps (each with `forcing` in its batch); `done` counts them.
    func steps(_ n: Int, on trainer: Trainer, forcing extra: Rating?, watching cell: (user: Int, item: Int)?,
               _ h: Handlers, done: inout Int) throws {
        for _ in 0..<n {
            let before = trainer.completedEpochs
            h.step(try trainer.trainStep(forcing: extra, watching: cell))
            done += 1
            guard trainer.completedEpochs > before else {
                if EnginePolicy.crossesValidation(from: trainer.step - 1, to: trainer.step, stepsPerEpoch: trainer.stepsPerEpoch) { h.validationPoint() }
                continue
            }
            if h.epochEnded() { return }
        }
    }

    /// Slices while `running` says so and the deadline is not past; `steps` counts the steps done.
    mutating func slices(on trainer: Trainer, until deadline: UInt64, running: () -> Bool, _ h: Handlers, steps: inout Int) throws {
        var now = DispatchTime.now().uptimeNanoseconds
        while running() && now < deadline {
            let before = trainer.completedEpochs, stepBefore = trainer.step
            guard let slice = try trainer.trainSlice(ratings: sliceSize.next(batchSize: trainer.hyper.batchSize, epochSize: trainer.epochSize)) else { return }
            sliceSize.measured(ratings: slice.ratings, nanos: DispatchTime.now().uptimeNanoseconds - now)
            steps += slice.steps
            h.slice(slice)
            now = DispatchTime.now().uptimeNanoseconds
            guard trainer.completedEpochs > before else {
                if EnginePolicy.crossesValidation(from: stepBefore, to: trainer.step, stepsPerEpoch: trainer.stepsPerEpoch) { h.validationPoint() }
                continue
            }
            if h.epochEnded() { return }
            now = DispatchTime.now().uptimeNanoseconds
        }
    }
}
