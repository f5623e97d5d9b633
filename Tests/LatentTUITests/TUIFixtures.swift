import Foundation
@testable import LatentCore
@testable import LatentTUI

enum TUIFixtures {
    /// A small planted data set loaded through the real loader.
    static func dataset(users: Int = 60, movies: Int = 40, ratings: Int = 2_000) throws -> Dataset {
        var p = SampleGenerator.Parameters()
        p.users = users; p.movies = movies; p.ratings = ratings; p.seed = 5
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("latentlab-tui-\(UUID().uuidString)")
        try SampleWriter.write(SampleGenerator(p).generate(), parameters: p, to: dir)
        return try DatasetLoader.load(dir.path)
    }

    static func context() throws -> AppContext {
        AppContext(dataset: try dataset(), preset: "fastai")
    }

    static func state(_ c: AppContext, width: Int = 120, height: Int = 40) -> AppState {
        AppState(width: width, height: height, context: c, settings: .fastai)
    }

    /// A snapshot with made-up predictions for the state's viewport.
    static func snapshot(for state: AppState, _ c: AppContext, step: Int = 0, value: Float = 3.25) -> TrainingSnapshot {
        var snap = TrainingSnapshot(hyper: .fastai)
        snap.step = step
        snap.viewport = state.viewport(c)
        snap.predictions = [Float](repeating: value, count: snap.viewport.users.count * snap.viewport.items.count)
        return snap
    }
}
