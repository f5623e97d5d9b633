import Foundation
import Testing
@testable import LatentCore
@testable import LatentTUI

/// Polls until `condition` holds (at most `seconds`), without a fixed sleep.
func eventually(_ seconds: Double = 10, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        usleep(2_000)
    }
    return condition()
}

@Suite("The training session on its queue")
struct SessionTests {
    func session() throws -> (TrainingSession, Dataset) {
        let data = try TUIFixtures.dataset()
        var h = Hyperparameters.fastai
        h.factors = 8
        let split = Split.random(count: data.ratings.count, seed: 1)
        return (TrainingSession(dataset: data, split: split, hyper: h), data)
    }

    @Test func opensPausedAtStepZeroAndStepsExactlyOnce() throws {
        let (s, _) = try session()
        defer { s.shutdown() }
        #expect(eventually { s.snapshot.lastValid != nil })
        #expect(s.snapshot.step == 0 && !s.snapshot.running)
        s.send(.step)
        #expect(eventually { s.snapshot.step == 1 })
        #expect(s.snapshot.train.total == 1)
        #expect(!s.snapshot.running)
        s.send(.step)
        #expect(eventually { s.snapshot.step == 2 })
    }

    @Test func runsPausesResetsAndPredictsTheViewport() throws {
        let (s, data) = try session()
        defer { s.shutdown() }
        s.send(.setViewport(Viewport(users: [0, 1], items: [0, 1, 2])))
        s.send(.setSpeed(.max))
        s.send(.run)
        #expect(eventually { s.snapshot.step > 50 })
        s.send(.pause)
        #expect(eventually { !s.snapshot.running })
        let paused = s.snapshot
        #expect(paused.predictions.count == 6)
        #expect(paused.predictions.allSatisfy { $0 > 0 && $0 < 5.6 })
        #expect((paused.lastValid?.mse ?? 9) < 3)
        s.send(.reset(seed: 42))
        #expect(eventually { s.snapshot.step == 0 && s.snapshot.generation == paused.generation + 1 })
        #expect(s.snapshot.train.total == 0)
        #expect(s.snapshot.markers.first?.label == "fresh parameters (seed 42)")
        #expect(s.snapshot.message?.text.contains("same seed 42, so the same draw") == true, "i with the same seed says why nothing seems to change")
        _ = data
    }

    @Test func epochKeyStopsAtTheEpochBoundary() throws {
        let (s, _) = try session()
        defer { s.shutdown() }
        s.send(.stepEpoch)
        #expect(eventually { s.snapshot.epochFraction >= 1 && !s.snapshot.running })
        #expect(s.snapshot.step == s.snapshot.stepsPerEpoch)
    }
}
