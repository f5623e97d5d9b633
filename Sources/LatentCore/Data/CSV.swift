/// Comma-separated fields as RFC 4180 quotes them (`"American President, The (1995)"`, `""` for a
/// quote), read and written in one place: the movies files, the ratings lines people write, the
/// factor directories and every CSV LatentLab writes.
public enum CSV {
    /// The fields of one line; a quote opened and never closed runs to the line's end.
    public static func fields(_ line: String, separator: Character = ",") -> [String] {
        checkedFields(line, separator: separator, allowOpenQuote: true) ?? []
    }

    /// The same, or nil when a quote is opened and never closed (the rest of the line would
    /// silently become one field: a title swallowing the genres).
    public static func checkedFields(_ line: String, separator: Character = ",", allowOpenQuote: Bool = false) -> [String]? {
        var fields: [String] = []
        var current = ""
        var inQuotes = false
        var iterator = line.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { current.append("\"") } else { inQuotes = false; pending = next }
                    } else { inQuotes = false }
                } else { current.append(c) }
            } else if c == "\"" && current.isEmpty {
                inQuotes = true
            } else if c == separator {
                fields.append(current); current = ""
            } else {
                current.append(c)
            }
        }
        if inQuotes && !allowOpenQuote { return nil }
        fields.append(current)
        return fields
    }

    /// A field to write: quoted when it holds a comma, a quote or a line break (quotes doubled).
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
