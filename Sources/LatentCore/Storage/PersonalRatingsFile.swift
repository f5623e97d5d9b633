import Foundation

/// A person's own ratings as a small CSV: an optional header `movie,rating`, then one
/// line per movie, the movie given by its id or its title (quoted when it holds a comma).
/// The explorer keeps the same file, so `recommend --ratings FILE` sees what the panel sees.
public enum PersonalRatingsFile {
    public struct Entry: Sendable, Equatable {
        public var movie: String
        public var rating: Float
        public var line: Int
    }

    public static func parse(_ text: String, file: String) throws -> [Entry] {
        var out: [Entry] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw).trimmingSpaces()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = MoviesParser.splitQuoted(line, separator: ",")
            if n == 0 && fields.first?.lowercased().trimmingSpaces() == "movie" { continue }
            guard fields.count >= 2 else {
                throw DataError(file: file, line: n + 1, "expected 'movie,rating' (a movie id or title, then a rating)")
            }
            let ratingText = fields[fields.count - 1].trimmingSpaces()
            // A title with an unquoted comma: take everything but the last field as the title.
            let movie = fields[0..<(fields.count - 1)].joined(separator: ",").trimmingSpaces()
            guard let rating = Float(ratingText), rating.isFinite else {
                throw DataError(file: file, line: n + 1, "rating '\(ratingText)' is not a number")
            }
            out.append(Entry(movie: movie, rating: rating, line: n + 1))
        }
        return out
    }

    public static func read(_ url: URL) throws -> [Entry] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DataError(file: url.path, "no such ratings file")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: url.lastPathComponent)
    }

    /// The file's text for movies given by title (written by the explorer's export).
    public static func text(_ entries: [(title: String, rating: Float)]) -> String {
        var s = "movie,rating\n"
        for e in entries { s += "\(SampleWriter.csvField(e.title)),\(formatRating(e.rating))\n" }
        return s
    }

    /// Turns entries into (item, rating) pairs: a number is a movie id, anything else a title,
    /// taken only when it names one movie (`MovieSearch.resolve`). An unknown or ambiguous
    /// title is an error that lists the candidates or the closest titles.
    public static func resolve(_ entries: [Entry], file: String, itemIndex: (Int64) -> Int?,
                               search: MovieSearch, title: (Int) -> String, scale: RatingScale) throws -> [(item: Int, rating: Float)] {
        var out: [(item: Int, rating: Float)] = []
        for e in entries {
            // 0 clears an earlier line for the movie (the explorer's journal writes it).
            guard e.rating == 0 || (e.rating >= scale.min && e.rating <= scale.max) else {
                throw DataError(file: file, line: e.line, "rating \(formatRating(e.rating)) is outside the scale \(formatRating(scale.min))–\(formatRating(scale.max))")
            }
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
