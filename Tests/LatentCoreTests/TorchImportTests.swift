import Foundation
import Testing
@testable import LatentCore

/// Models trained with fastai as chapter 8 does (`Tests/Fixtures/fastai`, made by
/// `Scale/fastai_train.py` and written by `Scale/export_torch.py`): fastai's collab_learner saved
/// with `learn.export()`, and the book's DotProductBias saved as a state_dict with its id maps.
/// Imported, each predicts what fastai predicted for its validation set.
@Suite("fastai and PyTorch models imported")
struct TorchImportTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fastai")

    @Test(arguments: [("learner", "fastai"), ("book", "pytorch")])
    func importedPredictionsEqualFastais(_ model: String, _ tool: String) throws {
        let data = try DatasetLoader.load(Self.fixture.appendingPathComponent("data").path)
        let read = try FactorDirectory.read(Self.fixture.appendingPathComponent("factors-\(model)"))
        #expect(read.manifest.kind == .dotBiasSigmoid && read.manifest.yRange == [0, 5.5] && read.manifest.source.tool == tool)
        // fastai's row 0 ('#na#') is left out: one row per user and movie of the data.
        #expect(read.users.ids.count == data.userCount && read.movies.ids.count == data.itemCount)
        #expect(read.manifest.meanRating.map { abs($0 - data.ratings.mean) < 1e-4 } == true)
        let contents = FactorDirectory.model(read, dataset: data, source: "fastai fixture")
        // Items were titles (as in the book): the exporter mapped them back to the files' movie ids.
        #expect(contents.header.movies.first { $0.title.hasPrefix("Star Wars") } != nil)
        let (checked, worst) = try ToolPredictions.compare(contents, Self.fixture.appendingPathComponent("\(model)-valid.csv"))
        #expect(checked > 150)
        #expect(worst <= 1e-5, "largest difference from fastai's prediction: \(worst)")
    }
}
