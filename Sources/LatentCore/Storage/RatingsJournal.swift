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

    /// A journal LatentLab wrote: it opens with the identity line or the `movie,rating` header.
    public static let signature = FileSignature.text("a LatentLab ratings journal", firstLine: [CatalogIdentity.prefix, "movie,rating"])

    /// Appends one change and flushes it to disk. A last line without its end (written by hand,
    /// or cut short by a crash) is ended first and kept: nothing in the file is ever removed.
    /// A new journal starts with `identity`. Throws, and nothing is written, when the file
    /// cannot be written: then the change must not count.
    public func append(movie rawId: Int64, rating: Float, identity: CatalogIdentity? = nil) throws {
        try FileAccess.requireWritable(url, what: "ratings journal")
        if case .missing = FileAccess.kind(of: url) {
            try AtomicFile.write(Data(Self.opening(identity).utf8), to: url, replacing: Self.signature)
        }
        let handle: FileHandle
        do { handle = try FileHandle(forUpdating: url) } catch {
            throw DataError(file: url.path, "cannot be opened for writing (\(FileAccess.reason(error)))")
        }
        defer { try? handle.close() }
        do {
            let end = try handle.seekToEnd()
            var line = "\(rawId),\(formatRating(rating))\n"
            let encoding = end > 0 ? Self.encoding(of: url) : .utf8
            if end >= UInt64(encoding.unit) {
                try handle.seek(toOffset: end - UInt64(encoding.unit))
                let last = [UInt8](try handle.read(upToCount: encoding.unit) ?? Data())
                // The last line has no end: end it, so that it stays a line of its own.
                if !encoding.isLineEnd(last) { line = "\n" + line }
                _ = try handle.seekToEnd()
            }
            try handle.write(contentsOf: encoding.encode(line))
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
        do { try AtomicFile.write(Data(text.utf8), to: url, replacing: Self.signature) } catch {
            throw DataError(file: url.path, "could not be written (\(FileAccess.reason(error)))")
        }
        self.url = url
    }

    /// Puts the identity line at the top of a journal written before journals had one.
    public func adopt(_ identity: CatalogIdentity) throws {
        let data = try FileAccess.read(url, what: "ratings journal")
        // Replaced only if it still begins as it was read: every byte of it is kept below the new line.
        let unchanged = FileSignature(name: "the journal as it was read") { head in data.starts(with: head) }
        try AtomicFile.write(Data((identity.commentLine + "\n").utf8) + data, to: url, replacing: unchanged)
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

    /// A journal's text encoding, as `TextDecoding` reads it: a hand-written file saved as
    /// "Unicode text" is UTF-16, and a line appended to it must be UTF-16 too to read back.
    enum Encoding {
        case utf8, utf16LE, utf16BE

        var unit: Int { self == .utf8 ? 1 : 2 }

        func isLineEnd(_ last: [UInt8]) -> Bool {
            switch self {
            case .utf8: return last == [0x0A] || last == [0x0D]
            case .utf16LE: return last == [0x0A, 0] || last == [0x0D, 0]
            case .utf16BE: return last == [0, 0x0A] || last == [0, 0x0D]
            }
        }

        func encode(_ text: String) -> Data {
            switch self {
            case .utf8: return Data(text.utf8)
            case .utf16LE: return Data(text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            case .utf16BE: return Data(text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
            }
        }
    }

    static func encoding(of url: URL) -> Encoding {
        let head = (try? WriteGuard.readHead(url)) ?? []
        if head.starts(with: [0xFF, 0xFE]) { return .utf16LE }
        if head.starts(with: [0xFE, 0xFF]) { return .utf16BE }
        if head.count >= 2 && head[0] != 0 && head[1] == 0 { return .utf16LE }
        if head.count >= 2 && head[0] == 0 && head[1] != 0 { return .utf16BE }
        return .utf8
    }

    static func opening(_ identity: CatalogIdentity?) -> String {
        (identity.map { $0.commentLine + "\n" } ?? "") + "movie,rating\n"
    }
}
