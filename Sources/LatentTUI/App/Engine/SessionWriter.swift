import Foundation
import LatentCore

/// Writes the explorer's session: the model with where training stands, its curves and runs,
/// how the split was drawn (to validate on the same ratings when it resumes) and how the person
/// is folded in, as one model file written atomically.
struct SessionWriter {
    let url: URL
    let splitSource: (seed: UInt64, fraction: Double)?

    func write(trainer: Trainer, dataset: Dataset, history: [EpochMetrics], record: SessionRecord, foldIn: FoldIn.Rule) throws {
        var record = record
        record.splitSeed = splitSource?.seed
        record.splitFraction = splitSource?.fraction
        var contents = ModelFile.Contents(trainer: trainer, dataset: dataset, history: history, session: record)
        // The fold-in rule goes with the session, so that a resumed import folds in as before.
        if foldIn != .standard { contents.header.foldIn = foldIn }
        try ModelFile.write(contents, to: url)
    }
}
