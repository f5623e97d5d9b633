extension Int {
    /// The number with thousands separators: 25,000,095.
    public var grouped: String {
        let digits = String(magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return self < 0 ? "-" + out : out
    }
}

extension String {
    /// Padded with spaces on the right to `width` characters (never cut).
    public func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    /// Padded with spaces on the left to `width` characters (never cut).
    public func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}

/// Text from a file made safe to print on a terminal: C0 and C1 control characters and DEL
/// (escape sequences start with them) become `?`; tabs become spaces. With `keepingLines`,
/// line feeds stay (a message of several lines); a carriage return never does, since it
/// would let a title overwrite what was printed before it on the line.
public enum TerminalText {
    public static func safe(_ text: String, keepingLines: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            switch s.value {
            case 0x09: out.append(" ")
            case 0x0A where keepingLines: out.append(s)
            case 0x00..<0x20, 0x7F...0x9F: out.append("?")
            default: out.append(s)
            }
        }
        return String(out)
    }
}

/// A text from a file shown in a message: at most `limit` characters, then "…" (a whole damaged
/// line could be megabytes).
public func clipped(_ text: String, to limit: Int = 40) -> String {
    text.count > limit ? String(text.prefix(limit)) + "…" : text
}
