/// How many terminal columns a character takes: 2 for East Asian wide and fullwidth
/// characters and for emoji shown as pictures, 1 for the rest (the canvas drops control
/// characters and combining marks before it asks).
///
/// The same answers as the C library's `wcwidth` in a UTF-8 locale (a test compares them),
/// but computed here, so the canvas stays free of the terminal and of the process locale;
/// the terminal layer checks each wide character against `wcwidth` when it draws.
public enum CharacterWidth {
    public static func columns(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x1100 { return 1 }
        if s.properties.isEmojiPresentation { return 2 }
        for range in wide where range.contains(v) { return 2 }
        return 1
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges of Unicode's EastAsianWidth.txt, beyond the emoji.
    static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x2E99, 0x2E9B...0x2EF3, 0x2F00...0x2FD5,
        0x2FF0...0x303E, 0x3041...0x3096, 0x3099...0x30FF, 0x3105...0x312F, 0x3131...0x318E, 0x3190...0x31E5,
        0x31EF...0x321E, 0x3220...0x3247, 0x3250...0xA48C, 0xA490...0xA4C6, 0xA960...0xA97C, 0xAC00...0xD7A3,
        0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE52, 0xFE54...0xFE66, 0xFE68...0xFE6B, 0xFF01...0xFF60,
        0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x16FF0...0x16FF1, 0x17000...0x187F7, 0x18800...0x18CD5, 0x18D00...0x18D08,
        0x1AFF0...0x1AFFE, 0x1B000...0x1B122, 0x1B132...0x1B132, 0x1B150...0x1B152, 0x1B155...0x1B155,
        0x1B164...0x1B167, 0x1B170...0x1B2FB, 0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248,
        0x1F250...0x1F251, 0x1F260...0x1F265, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}

extension Canvas {
    /// Scalars to display: composed (NFC), control and format characters and combining marks dropped.
    public static func displayScalars(_ string: String) -> [Unicode.Scalar] {
        string.precomposedStringWithCanonicalMapping.unicodeScalars.filter {
            let category = $0.properties.generalCategory
            return $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) && category != .nonspacingMark
                && category != .enclosingMark && category != .format
        }
    }

    /// The columns a string takes on screen.
    public static func displayWidth(_ string: String) -> Int {
        displayScalars(string).reduce(0) { $0 + CharacterWidth.columns($1) }
    }

    /// Word-wraps text into lines of at most `width` columns (a word longer than a line is broken).
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = "", lineWidth = 0
            for word in paragraph.split(separator: " ") {
                var w = String(word), ww = displayWidth(w)
                if lineWidth > 0 && lineWidth + 1 + ww <= width {
                    line += " " + w; lineWidth += 1 + ww
                    continue
                }
                if lineWidth > 0 { lines.append(line); line = ""; lineWidth = 0 }
                while ww > width {
                    // A word wider than the line: break it where it fills the line.
                    var head = "", used = 0
                    var rest = displayScalars(w)[...]
                    while let s = rest.first, used + CharacterWidth.columns(s) <= width {
                        head.unicodeScalars.append(s); used += CharacterWidth.columns(s); rest = rest.dropFirst()
                    }
                    if head.isEmpty { break }
                    lines.append(head)
                    w = String(String.UnicodeScalarView(rest)); ww = displayWidth(w)
                }
                line = w; lineWidth = ww
            }
            lines.append(line)
        }
        return lines
    }
}

extension String {
    /// Exactly `width` columns: cut with `…` when longer, padded with spaces when shorter.
    public func fitted(_ width: Int) -> String {
        let n = Canvas.displayWidth(self)
        if n <= width { return self + String(repeating: " ", count: max(0, width - n)) }
        var out = String.UnicodeScalarView(), used = 0
        for s in Canvas.displayScalars(self) {
            let w = CharacterWidth.columns(s)
            if used + w > width - 1 { break }
            out.append(s); used += w
        }
        return String(out) + "…" + String(repeating: " ", count: max(0, width - 1 - used))
    }
}
