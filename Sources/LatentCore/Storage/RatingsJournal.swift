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

    /// The ratings as they stand: raw movie id → rating (later lines win, 0 removes).
    public func load() -> [Int64: Float] {
        guard let data = FileManager.default.contents(atPath: url.path), !data.isEmpty else { return [:] }
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var ignored = 0
        if !text.hasSuffix("\n"), let last = lines.popLast(), !last.isEmpty {
            ignored += 1 // a write that was cut short
        }
        var ratings: [Int64: Float] = [:]
        for line in lines where !line.isEmpty && !line.hasPrefix("movie") && !line.hasPrefix("#") {
            let f = line.split(separator: ",")
            guard f.count == 2, let id = Int64(f[0]), let r = Float(f[1]) else { ignored += 1; continue }
            if r == 0 { ratings[id] = nil } else { ratings[id] = r }
        }
        notice = ignored > 0 ? "\(ignored) damaged line\(ignored == 1 ? "" : "s") in \(url.lastPathComponent) ignored (a write cut short)" : nil
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
