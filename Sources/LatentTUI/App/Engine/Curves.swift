import Foundation
import LatentCore

/// The loss history the chart draws and a session keeps: the training loss smoothed as fastai
/// smooths it (a debiased moving average, β = 0.98) in bounded memory, the validation points,
/// the markers (runs, cycles), the last run's validation curve to compare with, and a reference
/// line. Owned by the snapshot builder; the published snapshot is a copy of it, never its store.
struct Curves: Equatable {
    var train = LossHistory()
    var valid: [ValidPoint] = []
    /// A sampled model's running average on the held-out ratings (`ValidationMetrics.averagedMSE`).
    var averaged: [ValidPoint] = []
    var markers: [Marker] = []
    var previousValid: [ValidPoint] = []
    var previousLabel: String?
    var reference: ReferenceLine?
    private var smoothing = 0.0
    private var smoothedSteps = 0

    /// A new model at `step`: empty curves; after a change of settings the last run's
    /// validation curve stays, to compare with.
    mutating func begin(reason: RebuildReason, at step: Int, lastStep: Int) {
        if reason.keepsPreviousCurve && !valid.isEmpty && lastStep > 0 {
            previousValid = valid
            previousLabel = markers.first?.label ?? "before"
        }
        train = LossHistory()
        valid = []
        averaged = []
        markers = [Marker(step: step, label: reason.label)]
        smoothing = 0
        smoothedSteps = 0
    }

    /// The curves of a saved session, so the chart goes on where it stopped.
    mutating func resume(_ record: SessionRecord) {
        train = record.trainLoss
        valid = record.valid
        markers = record.markers
        previousValid = record.previousValid
        previousLabel = record.previousLabel
        reference = record.reference
        // The smoothed loss goes on from the last point of the saved curve.
        if let last = record.trainLoss.last {
            smoothing = Double(last)
            smoothedSteps = 1_000
        }
    }

    /// One step's loss as it is: a sampled model's steps are whole parts of a sweep, not noisy mini-batches.
    mutating func addUnsmoothed(loss: Float) {
        smoothing = Double(loss)
        smoothedSteps = 10_000
        train.append(loss)
    }

    /// One step's loss, smoothed.
    mutating func addStep(loss: Float) {
        smoothing = 0.98 * smoothing + 0.02 * Double(loss)
        smoothedSteps += 1
        train.append(debiased)
    }

    /// `steps` steps of the same loss (a slice at its mean): the moving average becomes
    /// 0.98ᵏ·s + (1 − 0.98ᵏ)·x.
    mutating func addSlice(meanLoss: Float, steps: Int) {
        let keep = pow(0.98, Double(steps))
        smoothing = keep * smoothing + (1 - keep) * Double(meanLoss)
        smoothedSteps += steps
        train.append(debiased, steps: steps)
    }

    private var debiased: Float { Float(smoothing / (1 - pow(0.98, Double(min(smoothedSteps, 10_000))))) }

    /// A validation figure at `step` (a later one at the same step replaces it).
    mutating func addValidation(mse: Float, averaged average: Float? = nil, step: Int) {
        if let last = valid.last, last.step == step { valid.removeLast() }
        valid.append(ValidPoint(step: step, mse: mse))
        if let average {
            if let last = averaged.last, last.step == step { averaged.removeLast() }
            averaged.append(ValidPoint(step: step, mse: average))
        }
    }

    mutating func mark(_ label: String, at step: Int) { markers.append(Marker(step: step, label: label)) }

    /// Copied into the snapshot the screen reads.
    func project(into s: inout TrainingSnapshot) {
        s.train = train
        s.valid = valid
        s.averaged = averaged
        s.markers = markers
        s.previousValid = previousValid
        s.previousLabel = previousLabel
        s.reference = reference
    }
}
