import Foundation
import LatentCore

/// How a save of the session ended.
enum SaveOutcome: Equatable {
    case saved
    /// No session file, or nothing trained (an untrained model never replaces a saved one).
    case nothingToSave
    case failed(String)
}

/// Writes the explorer's session: the model with where training stands, its curves and runs,
/// how the split was drawn (to validate on the same ratings when it resumes) and how the person
/// is folded in, as one model file written atomically.
struct SessionWriter {
    let url: URL
    let splitSource: (seed: UInt64, fraction: Double)?

    /// Writes the session unless nothing is trained yet; a failure is said with the file's path.
    func save(trainer: Trainer, dataset: Dataset, history: [EpochMetrics], record: SessionRecord, foldIn: FoldIn.Rule) -> SaveOutcome {
        guard trainer.step > 0 else { return .nothingToSave }
        do { try write(trainer: trainer, dataset: dataset, history: history, record: record, foldIn: foldIn) } catch {
            return .failed("Could not save the session to \(url.path): \(error)")
        }
        return .saved
    }

    private func write(trainer: Trainer, dataset: Dataset, history: [EpochMetrics], record: SessionRecord, foldIn: FoldIn.Rule) throws {
        var record = record
        record.splitSeed = splitSource?.seed
        record.splitFraction = splitSource?.fraction
        var contents = ModelFile.Contents(trainer: trainer, dataset: dataset, history: history, session: record)
        // The fold-in rule goes with the session, so that a resumed import folds in as before.
        if foldIn != .standard { contents.header.foldIn = foldIn }
        try ModelFile.write(contents, to: url)
    }
}
