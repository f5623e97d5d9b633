import Foundation

/// Title conventions of MovieLens: the year in trailing parentheses and English
/// (and some other) articles moved to the end, `Shining, The (1980)`.
public enum TitleText {
    static let articles = ["The", "A", "An", "Les", "La", "Le", "L'", "Il", "Das", "Der", "Die", "El", "Los", "Las", "Lo", "I", "Det", "Den"]

    /// The year in a title's trailing `(1980)` (or `(2006-2007)`, the first year), if any.
    public static func year(in title: String) -> Int? {
        let chars = Array(title.trimmingSpaces().unicodeScalars)
        guard chars.last == ")", let open = chars.lastIndex(of: "(") else { return nil }
        let inner = chars[(open + 1)..<(chars.count - 1)]
        let digits = inner.prefix { $0.properties.numericType != nil && $0.isASCII }
        guard digits.count == 4, let y = Int(String(String.UnicodeScalarView(digits))) else { return nil }
        return (1870...2100).contains(y) ? y : nil
    }

    /// The title without its trailing year, with a trailing article put back in front.
    public static func display(_ title: String) -> String {
        var t = title.trimmingSpaces()
        if year(in: t) != nil, let open = t.lastIndex(of: "(") {
            t = String(t[..<open]).trimmingSpaces()
        }
        // An alternate title in parentheses: each part has its article put back
        // ("400 Blows, The (Quatre cents coups, Les)" -> "The 400 Blows (Les Quatre cents coups)").
        if t.hasSuffix(")"), let open = t.range(of: " (", options: .backwards), open.lowerBound > t.startIndex {
            let main = String(t[..<open.lowerBound])
            let alternate = String(t[open.upperBound..<t.index(before: t.endIndex)])
            return articleInFront(main) + " (" + articleInFront(alternate) + ")"
        }
        return articleInFront(t)
    }

    /// "Empire Strikes Back, The" -> "The Empire Strikes Back" (and "L'" joins its word).
    static func articleInFront(_ t: String) -> String {
        guard let comma = t.range(of: ", ", options: .backwards) else { return t }
        let tail = String(t[comma.upperBound...])
        guard articles.contains(tail) else { return t }
        let head = String(t[..<comma.lowerBound])
        return tail.hasSuffix("'") ? tail + head : tail + " " + head
    }

    /// A search key: lower case, accents removed, punctuation turned into spaces, single spaces.
    public static func searchKey(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var lastWasSpace = true
        for scalar in text.decomposedLowercase() {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                out.append(scalar)
                lastWasSpace = false
            } else if scalar == "'" {
                continue
            } else if !lastWasSpace {
                out.append(" ")
                lastWasSpace = true
            }
        }
        var s = String(out)
        if s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }

    /// Lower case, in canonical decomposition (NFD), so that combining accents can be dropped.
    func decomposedLowercase() -> String.UnicodeScalarView {
        lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
    }
}
