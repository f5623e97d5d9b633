import Foundation

/// What the explorer keeps of a session beside the model's parameters: where training
/// stands, the loss curves, the markers and the runs table. It rides in a model file's
/// header (`ModelFile` version 2), so a saved session is also a model every command opens.
public struct SessionRecord: Sendable, Codable, Equatable {
    public var progress: TrainingProgress
    public var trainLoss: LossHistory
    public var valid: [ValidPoint]
    public var markers: [Marker]
    public var runs: RunLog
    /// The validation curve of the run before the last change of settings, and its label.
    public var previousValid: [ValidPoint]
    public var previousLabel: String?
    /// The categories' best validation loss, drawn as a reference line (nil: none yet).
    public var reference: ReferenceLine?
    /// The held-out split the session trained against (a resumed session must validate on the same ratings).
    public var splitSeed: UInt64?
    public var splitFraction: Double?
    /// Whose rows each optimizer state section has, in file order (filled when written).
    public var optimizerTables: [ParameterSide]
    /// When it was saved (ISO 8601).
    public var savedAt: String
    /// The explorer's selected cell when it was saved, so a restart comes back to it.
    public var selection: Selection?

    /// A cell by its ids in the data set's files; no user is the person's own row.
    public struct Selection: Sendable, Codable, Equatable {
        public var user: Int64?
        public var movie: Int64
        public init(user: Int64?, movie: Int64) { self.user = user; self.movie = movie }
    }

    public init(progress: TrainingProgress, trainLoss: LossHistory, valid: [ValidPoint], markers: [Marker], runs: RunLog,
                previousValid: [ValidPoint] = [], previousLabel: String? = nil, savedAt: Date = Date()) {
        self.progress = progress; self.trainLoss = trainLoss; self.valid = valid; self.markers = markers; self.runs = runs
        self.previousValid = previousValid; self.previousLabel = previousLabel
        optimizerTables = []
        self.savedAt = ISO8601DateFormatter().string(from: savedAt)
    }
}
