/// How far a load has come: what a progress bar shows (bytes read, ratings found, and from
/// those a rate and the time left). Reported now and then from the reading threads.
public struct LoadProgress: Sendable, Equatable {
    public enum Stage: Sendable, Equatable {
        /// Parsing the ratings file(s).
        case reading
        /// Read: ordering, checking for repeats, reading the movies.
        case indexing
    }
    public var stage: Stage
    public var bytesRead: Int
    public var totalBytes: Int
    public var ratings: Int

    public init(stage: Stage, bytesRead: Int, totalBytes: Int, ratings: Int) {
        self.stage = stage; self.bytesRead = bytesRead; self.totalBytes = totalBytes; self.ratings = ratings
    }

    /// 0…1 of the reading.
    public var fraction: Double {
        stage == .reading ? min(1, Double(bytesRead) / Double(max(1, totalBytes))) : 1
    }
}
