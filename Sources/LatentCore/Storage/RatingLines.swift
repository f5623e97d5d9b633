import Foundation

/// The `movie,rating` lines a person's ratings are kept in, read the same way for the
/// explorer's journal and for `recommend --ratings FILE`: any line end, a byte-order mark or
/// UTF-16, an optional `movie,rating` header, comments after `#`, the journal's identity line,
/// a movie given by id or by title (quoted when it holds a comma). A value is taken only when
/// it is a plain decimal number on the data set's scale (0 clears a movie's rating);
/// everything else becomes a problem with its line number, never a rating.
public enum RatingLines {
    public struct Entry: Sendable, Equatable {
        public var movie: String
        public var rating: Float
        public var line: Int
    }

    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public struct Parsed: Sendable {
        public var entries: [Entry] = []
        public var problems: [Problem] = []
        /// The data set the file was written for, when it says (the journal's first line).
        public var identity: CatalogIdentity?
        /// The last line had no line end and could not be read: perhaps a write cut short (it is
        /// among `problems`). A last line without its end that reads completely is a rating.
        public var tornLastLine = false
    }

    /// Reads every line; `scale`, when known, checks each value's range and step.
    public static func parse(_ data: Data, scale: RatingScale?) -> Parsed {
        var out = Parsed()
        let (lines, ended) = TextDecoding.lines(TextDecoding.string(data))
        var seenHeader = false
        for (index, raw) in lines.enumerated() {
            let number = index + 1
            let line = String(raw).trimmingSpaces()
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                if let identity = CatalogIdentity(commentLine: line) { out.identity = identity }
                continue
            }
            let unended = index == lines.count - 1 && !ended
            let problemCount = out.problems.count
            defer {
                if unended && out.problems.count > problemCount {
                    out.tornLastLine = true
                    out.problems[out.problems.count - 1].message += " (the last line has no end: a write cut short?)"
                }
            }
            guard let fields = CSV.checkedFields(line, separator: ",") else {
                out.problems.append(Problem(line: number, message: "a quote is opened and never closed"))
                continue
            }
            if !seenHeader && out.entries.isEmpty && out.problems.isEmpty && fields.first?.lowercased().trimmingSpaces() == "movie" {
                seenHeader = true
                continue
            }
            guard fields.count >= 2 else {
                out.problems.append(Problem(line: number, message: "expected 'movie,rating' (a movie id or title, then a rating)"))
                continue
            }
            let valueText = fields[fields.count - 1].trimmingSpaces()
            // A title with an unquoted comma: everything but the last field is the title.
            let movie = fields[0..<(fields.count - 1)].joined(separator: ",").trimmingSpaces()
            guard !movie.isEmpty else {
                out.problems.append(Problem(line: number, message: "no movie before the rating"))
                continue
            }
            switch value(valueText, scale: scale) {
            case .success(let rating): out.entries.append(Entry(movie: movie, rating: rating, line: number))
            case .failure(let problem): out.problems.append(Problem(line: number, message: problem.message))
            }
        }
        return out
    }

    struct ValueProblem: Error { var message: String }

    /// A rating as a person writes one: digits with at most one decimal point (no `0x4`,
    /// `1e3`, `nan` or `inf`), then on the scale and its step when the scale is known.
    static func value(_ text: String, scale: RatingScale?) -> Result<Float, ValueProblem> {
        let shown = TerminalText.safe(text.count > 20 ? String(text.prefix(20)) + "…" : text)
        guard isPlainDecimal(text), let v = Float(text), v.isFinite else {
            return .failure(ValueProblem(message: "rating '\(shown)' is not a number"))
        }
        if let scale, let problem = problem(v, scale: scale) { return .failure(ValueProblem(message: problem)) }
        return .success(v)
    }

    /// Why `v` is not a rating on `scale` (0, which clears one, always is), or nil.
    public static func problem(_ v: Float, scale: RatingScale) -> String? {
        guard v.isFinite else { return "rating \(v) is not a number" }
        if v == 0 { return nil }
        guard v >= scale.min && v <= scale.max else {
            return "rating \(formatRating(v)) is outside the scale \(formatRating(scale.min))–\(formatRating(scale.max)) (0 clears a rating)"
        }
        if scale.step > 0 {
            let steps = (v - scale.min) / scale.step
            guard abs(steps - steps.rounded()) < 1e-3 else {
                return "rating \(formatRating(v)) is between the scale's steps of \(formatRating(scale.step))"
            }
        }
        return nil
    }

    static func isPlainDecimal(_ text: String) -> Bool {
        var digits = 0, points = 0
        for (i, c) in text.unicodeScalars.enumerated() {
            switch c {
            case "0"..."9": digits += 1
            case ".": points += 1
            case "-" where i == 0, "+" where i == 0: continue
            default: return false
            }
        }
        return digits > 0 && points <= 1 && digits <= 12
    }
}
