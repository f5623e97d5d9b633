import Foundation

/// The person's own ratings, kept as an append-only journal that survives a crash or a kill
/// at any moment: each change is one line `movieId,rating` (0 clears a rating), appended and
/// flushed to disk before the change counts. It opens with the identity of the data set it
/// was written for (`CatalogIdentity`), so it is never read against other movies. It is in the
/// `movie,rating` format (`RatingLines`) that `latentlab recommend --ratings FILE` reads.
public final class RatingsJournal {
    public private(set) var url: URL

    public init(url: URL) { self.url = url }

    /// The journal for a data set inside a state folder (`$XDG_DATA_HOME/latentlab` by default).
    public static func forDataset(source: String, stateFolder: URL? = nil) -> RatingsJournal {
        StateFolder(stateFolder).journal(for: source)
    }

    /// Every line, with the lines that cannot be taken as problems (a value off `scale`, a
    /// line cut short by a crash). A journal that does not exist yet is empty; one that
    /// cannot be read (a folder, a pipe) throws.
    public func read(scale: RatingScale?) throws -> RatingLines.Parsed {
        if case .missing = FileAccess.kind(of: url) { return RatingLines.Parsed() }
        return RatingLines.parse(try FileAccess.read(url, what: "ratings journal"), scale: scale)
    }

    /// The ratings given by movie id as they stand: raw movie id → rating (later lines win,
    /// 0 removes; lines that cannot be read are left out).
    public func load(scale: RatingScale? = nil) throws -> [Int64: Float] {
        var ratings: [Int64: Float] = [:]
        for e in try read(scale: scale).entries {
            guard let id = Int64(e.movie) else { continue }
            ratings[id] = e.rating == 0 ? nil : e.rating
        }
        return ratings
    }

    /// Appends one change and flushes it to disk; a torn line left by a crash is cut off first.
    /// A new journal starts with `identity`. Throws, and nothing is written, when the file
    /// cannot be written: then the change must not count.
    public func append(movie rawId: Int64, rating: Float, identity: CatalogIdentity? = nil) throws {
        try FileAccess.requireWritable(url, what: "ratings journal")
        if case .missing = FileAccess.kind(of: url) {
            try AtomicFile.write(Data(Self.opening(identity).utf8), to: url)
        }
        let handle: FileHandle
        do { handle = try FileHandle(forUpdating: url) } catch {
            throw DataError(file: url.path, "cannot be opened for writing (\(FileAccess.reason(error)))")
        }
        defer { try? handle.close() }
        do {
            let contents = handle.readDataToEndOfFile()
            if let last = contents.last, last != 0x0A && last != 0x0D {
                // A crash mid-write leaves a line without its end: cut it off (it never counted).
                let keep = (contents.lastIndex { $0 == 0x0A || $0 == 0x0D }.map { $0 + 1 } ?? 0) - contents.startIndex
                try handle.truncate(atOffset: UInt64(keep))
            }
            _ = try handle.seekToEnd()
            try handle.write(contentsOf: Data("\(rawId),\(formatRating(rating))\n".utf8))
            try handle.synchronize()
        } catch {
            throw DataError(file: url.path, "could not be written (\(FileAccess.reason(error)))")
        }
    }

    /// Writes `ratings` as a whole new journal at `url` (atomically) and keeps appending there:
    /// how ratings move to another place when the first one cannot be written.
    public func move(to url: URL, ratings: [(movie: Int64, rating: Float)], identity: CatalogIdentity?) throws {
        try FileAccess.requireWritable(url, what: "ratings journal")
        var text = Self.opening(identity)
        for r in ratings { text += "\(r.movie),\(formatRating(r.rating))\n" }
        do { try AtomicFile.write(Data(text.utf8), to: url) } catch {
            throw DataError(file: url.path, "could not be written (\(FileAccess.reason(error)))")
        }
        self.url = url
    }

    /// Puts the identity line at the top of a journal written before journals had one.
    public func adopt(_ identity: CatalogIdentity) throws {
        let data = try FileAccess.read(url, what: "ratings journal")
        try AtomicFile.write(Data((identity.commentLine + "\n").utf8) + data, to: url)
    }

    /// Moves a journal written for another data set out of the way (nothing is deleted) and
    /// returns where it went; a new journal starts at `url`.
    public func setAside(fingerprint: String) throws -> URL {
        let base = url.deletingPathExtension().lastPathComponent
        var target = url.deletingLastPathComponent().appendingPathComponent("\(base).other-\(fingerprint).csv")
        var n = 2
        while FileManager.default.fileExists(atPath: target.path) {
            target = url.deletingLastPathComponent().appendingPathComponent("\(base).other-\(fingerprint)-\(n).csv")
            n += 1
        }
        try FileManager.default.moveItem(at: url, to: target)
        return target
    }

    static func opening(_ identity: CatalogIdentity?) -> String {
        (identity.map { $0.commentLine + "\n" } ?? "") + "movie,rating\n"
    }
}
