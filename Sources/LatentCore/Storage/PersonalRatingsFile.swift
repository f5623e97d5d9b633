import Foundation

/// A person's own ratings as a small CSV (`RatingLines`), read strictly for `recommend
/// --ratings FILE`: the first line that cannot be read stops it with its file and line.
/// The explorer keeps the same format, so the command sees what the panel sees.
public enum PersonalRatingsFile {
    public typealias Entry = RatingLines.Entry

    /// The entries of `text`; `scale`, when known, checks every value against it.
    public static func parse(_ data: Data, file: String, scale: RatingScale? = nil) throws -> RatingLines.Parsed {
        let parsed = RatingLines.parse(data, scale: scale)
        if let first = parsed.problems.first {
            let more = parsed.problems.count > 1 ? " (and \(parsed.problems.count - 1) more line\(parsed.problems.count == 2 ? "" : "s"))" : ""
            throw DataError(file: file, line: first.line, first.message + more)
        }
        if parsed.entries.isEmpty {
            throw DataError(file: file, "holds no ratings (write one per line: a movie id or title, a comma, a rating)")
        }
        return parsed
    }

    public static func parse(_ text: String, file: String, scale: RatingScale? = nil) throws -> [Entry] {
        try parse(Data(text.utf8), file: file, scale: scale).entries
    }

    public static func read(_ url: URL, scale: RatingScale? = nil) throws -> RatingLines.Parsed {
        try parse(FileAccess.read(url, what: "ratings file"), file: url.path, scale: scale)
    }

    /// Refuses a file written for another data set (its identity line names another catalogue).
    public static func check(_ parsed: RatingLines.Parsed, file: String, against catalog: CatalogIdentity) throws {
        guard let identity = parsed.identity, identity.fingerprint != catalog.fingerprint else { return }
        throw DataError(file: file, "was written for the movies of \(TerminalText.safe(identity.name)) (catalogue \(identity.fingerprint)), not for this model's \(TerminalText.safe(catalog.name)) (catalogue \(catalog.fingerprint)): its movie ids may name other movies. Remove its first line to use it anyway")
    }

    /// The file's text for movies given by title (written by the explorer's export).
    public static func text(_ entries: [(title: String, rating: Float)]) -> String {
        var s = "movie,rating\n"
        for e in entries { s += "\(CSV.field(e.title)),\(formatRating(e.rating))\n" }
        return s
    }

    /// Turns entries into (item, rating) pairs: a number is a movie id, anything else a title,
    /// taken only when it names one movie (`MovieSearch.resolve`). An unknown or ambiguous
    /// title is an error that lists the candidates or the closest titles.
    public static func resolve(_ entries: [Entry], file: String, itemIndex: (Int64) -> Int?,
                               search: MovieSearch, title: (Int) -> String, scale: RatingScale) throws -> [(item: Int, rating: Float)] {
        var out: [(item: Int, rating: Float)] = []
        for e in entries {
            if let problem = RatingLines.problem(e.rating, scale: scale) { throw DataError(file: file, line: e.line, problem) }
            let item: Int
            if let id = Int64(e.movie) {
                guard let m = itemIndex(id) else { throw DataError(file: file, line: e.line, "no movie with id \(id) in the model") }
                item = m
            } else {
                switch search.resolve(e.movie) {
                case .found(let m): item = m
                case .ambiguous(let candidates):
                    throw DataError(file: file, line: e.line, "'\(TerminalText.safe(e.movie))' matches \(candidates.count == 6 ? "several" : "\(candidates.count)") movies: "
                                    + candidates.map(title).joined(separator: "; ") + ". Write the whole title with its year, or the movie id")
                case .none:
                    let near = search.closest(e.movie, limit: 3).map(title)
                    throw DataError(file: file, line: e.line, "no movie '\(TerminalText.safe(e.movie))' in the model" + (near.isEmpty ? "" : "; closest: " + near.joined(separator: "; ")))
                }
            }
            out.removeAll { $0.item == item } // the last rating of a movie wins
            if e.rating != 0 { out.append((item, e.rating)) }
        }
        return out
    }
}
