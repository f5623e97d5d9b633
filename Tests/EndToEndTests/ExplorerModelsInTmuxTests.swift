import Foundation
import Testing

/// The explorer's other models (least squares, the neural network), in the real binary.
extension ExplorerInTmuxTests {
    /// The other models of issue 24 in the real binary: p cycles to least squares (its step panel
    /// says which side a step solved), then to the neural network (its layers, a rating teaches
    /// the person's embedding, W says its session is not saved), and the runs table has a row each.
    @Test func leastSquaresAndTheNetwork() throws {
        guard let binary = Harness.binary else { Issue.record("no latentlab binary: run `swift build` first"); return }
        let dir = Harness.temporaryFolder()
        let t = Tmux(session + "-models")
        let exitFile = dir.appendingPathComponent("exit")
        defer { t.kill() }
        try t.start(binary, "explore --data SampleData --preset bayes --epochs 2 --state '\(dir.appendingPathComponent("state").path)'", exitFile: exitFile)
        #expect(try t.shows("Gibbs sampling"))
        try t.keys("p")
        #expect(try t.shows("least squares"))
        try t.keys("s")
        #expect(try t.shows("its user's row solved"))
        try t.keys("w")
        #expect(try t.shows("w₀ 0.1"))
        try t.keys("S")
        try t.keys("p")
        #expect(try t.shows("lookups"))
        try t.keys("s")
        #expect(try t.shows("ReLU"))
        try rate(t, "toy story", "5")
        #expect(try t.shows("You · rated 1"))
        try t.keys("W")
        #expect(try t.shows("network is not saved yet"))
        try t.keys("v v v")
        #expect(try t.shows("has no biases"))
        try t.keys("e")
        #expect(try t.shows("preset nn"))
        #expect(try t.screen().contains("preset als"))
        try t.keys("e q")
        #expect(Harness.eventually { Tmux.exitStatus(exitFile) == "0" })
    }
}
