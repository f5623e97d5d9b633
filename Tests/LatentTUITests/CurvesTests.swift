import Testing
@testable import LatentCore
@testable import LatentTUI

/// The loss history the chart draws and sessions keep, apart from the snapshot.
@Suite("The curves")
struct CurvesTests {
    @Test func aChangeOfSettingsKeepsTheLastRunsValidationToCompare() {
        var c = Curves()
        c.begin(reason: .start, at: 0, lastStep: 0)
        for i in 1...10 { c.addStep(loss: Float(i)) }
        c.addValidation(mse: 0.9, step: 5)
        c.addValidation(mse: 0.8, step: 5)
        #expect(c.valid == [ValidPoint(step: 5, mse: 0.8)], "a later figure at the same step replaces it")
        c.begin(reason: .setting(.factors(10)), at: 0, lastStep: 10)
        #expect(c.previousValid == [ValidPoint(step: 5, mse: 0.8)] && c.previousLabel == "start")
        #expect(c.valid.isEmpty && c.train.total == 0 && c.markers.map(\.label) == [RebuildReason.setting(.factors(10)).label])
        c.begin(reason: .reset(seed: 1, sameSeed: false), at: 0, lastStep: 0)
        #expect(c.previousValid == [ValidPoint(step: 5, mse: 0.8)], "fresh parameters keep the comparison that was there")
    }

    @Test func theSmoothedLossIsFastaisAndSlicesCarryIt() {
        var steps = Curves(), slice = Curves()
        for _ in 0..<50 { steps.addStep(loss: 2) }
        slice.addSlice(meanLoss: 2, steps: 50)
        // A constant loss debiased is that loss, whether it came step by step or in a slice.
        #expect(abs((steps.train.last ?? 0) - 2) < 1e-4 && abs((slice.train.last ?? 0) - 2) < 1e-4)
        #expect(steps.train.total == 50 && slice.train.total == 50)
    }

    @Test func theSnapshotIsACopy() {
        var c = Curves()
        c.addStep(loss: 1)
        var s = TrainingSnapshot(hyper: .fastai)
        c.project(into: &s)
        c.addStep(loss: 3)
        #expect(s.train.total == 1 && c.train.total == 2, "what was published does not change with the history")
    }
}
