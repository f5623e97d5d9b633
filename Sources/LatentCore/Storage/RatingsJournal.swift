import Foundation

/// The person's own ratings, kept as an append-only journal that survives a crash or a kill
/// at any moment: each change is one line `movieId,rating` (0 clears a rating), appended and
/// flushed to disk before the change counts. A torn last line (a write cut short) is ignored
/// with a notice. The file is in the `movie,rating` format that `latentlab recommend
/// --ratings FILE` reads, where the last line for a movie wins.
public final class RatingsJournal {
    public let url: URL
    /// Why lines were ignored when the journal was read, if any were.
    public private(set) var notice: String?

    public init(url: URL) { self.url = url }

    /// The journal for a data set inside a state folder (`$XDG_DATA_HOME/latentlab` by default).
    public static func forDataset(source: String, stateFolder: URL? = nil) -> RatingsJournal {
        StateFolder(stateFolder).journal(for: source)
    }

    /// One line of the journal: a movie (an id, or a title someone wrote in) and a rating (0 clears).
    public struct Entry: Sendable, Equatable {
        public var movie: String
        public var rating: Float
        public var line: Int
    }

    /// Every change in order (later lines win, 0 removes); lines that cannot be read are counted
    /// in `notice`. A movie may be a title: the caller resolves it against its catalog.
    public func entries() -> [Entry] {
        guard let data = FileManager.default.contents(atPath: url.path), !data.isEmpty else { return [] }
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var ignored = 0
        if !text.hasSuffix("\n"), let last = lines.popLast(), !last.isEmpty {
            ignored += 1 // a write that was cut short
        }
        var out: [Entry] = []
        for (n, line) in lines.enumerated() where !line.isEmpty && !line.hasPrefix("movie") && !line.hasPrefix("#") {
            let fields = MoviesParser.splitQuoted(line, separator: ",")
            guard fields.count >= 2, let r = Float(fields[fields.count - 1].trimmingSpaces()), r.isFinite else { ignored += 1; continue }
            let movie = fields[0..<(fields.count - 1)].joined(separator: ",").trimmingSpaces()
            out.append(Entry(movie: movie, rating: r, line: n + 1))
        }
        notice = ignored > 0 ? "\(ignored) damaged line\(ignored == 1 ? "" : "s") in \(url.lastPathComponent) ignored (a write cut short)" : nil
        return out
    }

    /// The ratings given by movie id as they stand: raw movie id → rating (later lines win, 0 removes).
    public func load() -> [Int64: Float] {
        var ratings: [Int64: Float] = [:]
        for e in entries() {
            guard let id = Int64(e.movie) else { continue }
            ratings[id] = e.rating == 0 ? nil : e.rating
        }
        return ratings
    }

    /// Appends one change and flushes it to disk; a torn line left by a crash is removed first.
    public func append(movie rawId: Int64, rating: Float) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !fm.fileExists(atPath: url.path) {
            guard fm.createFile(atPath: url.path, contents: Data("movie,rating\n".utf8)) else {
                throw DataError(file: url.path, "cannot be created")
            }
        }
        let handle = try FileHandle(forUpdating: url)
        defer { try? handle.close() }
        let end = try handle.seekToEnd()
        if end > 0 {
            // A crash mid-write leaves a line without its newline: cut it off (it never counted).
            try handle.seek(toOffset: 0)
            let contents = handle.readDataToEndOfFile()
            if contents.last != 0x0A {
                let keep = (contents.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) - contents.startIndex
                try handle.truncate(atOffset: UInt64(keep))
            }
            _ = try handle.seekToEnd()
        }
        try handle.write(contentsOf: Data("\(rawId),\(formatRating(rating))\n".utf8))
        try handle.synchronize()
    }
}
