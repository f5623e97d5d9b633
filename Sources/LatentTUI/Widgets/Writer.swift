/// Writes lines of styled pieces into an area, top to bottom, stopping when it is full.
/// `flow` wraps a sentence to the area's width and writes it whole or not at all, so a
/// sentence that teaches is never cut in the middle.
struct Writer {
    var canvas: Canvas
    let area: Rect
    var y: Int

    init(canvas: Canvas, area: Rect) {
        self.canvas = canvas; self.area = area; y = area.y
    }

    var hasRoom: Bool { y < area.maxY }
    var roomLeft: Int { max(0, area.maxY - y) }

    /// One line, cut at the edge (for figures and titles, which may be ellipsised).
    mutating func line(_ pieces: [(String, Style)]) {
        guard hasRoom else { return }
        var x = area.x
        for (text, style) in pieces where x < area.maxX {
            x += canvas.text(x, y, text, style, width: area.maxX - x)
        }
        y += 1
    }

    /// Styled pieces wrapped at spaces into as many lines as they need (continuation lines
    /// indented by `indent`). Written only if every line fits; otherwise nothing more is
    /// written, so the panel never skips a line and shows a later one. Returns whether it was.
    @discardableResult
    mutating func flow(_ pieces: [(String, Style)], indent: Int = 2) -> Bool {
        let lines = Self.wrap(pieces, width: area.width, indent: indent)
        guard lines.count <= roomLeft else {
            y = area.maxY
            return false
        }
        for line in lines {
            var x = area.x
            for (text, style) in line { x += canvas.text(x, y, text, style, width: area.maxX - x) }
            y += 1
        }
        return true
    }

    /// How many lines `flow` would take.
    func lineCount(_ pieces: [(String, Style)], indent: Int = 2) -> Int { Self.wrap(pieces, width: area.width, indent: indent).count }

    /// Splits styled pieces into words (each keeps its style and the spaces before it) and fills lines.
    static func wrap(_ pieces: [(String, Style)], width: Int, indent: Int) -> [[(String, Style)]] {
        guard width > indent + 4 else { return [pieces] }
        var words: [(text: String, style: Style, spaceBefore: Bool)] = []
        var pendingSpace = false
        for (text, style) in pieces {
            var current = ""
            for ch in text {
                if ch == " " {
                    if !current.isEmpty { words.append((current, style, pendingSpace)); current = "" }
                    pendingSpace = true
                } else {
                    current.append(ch)
                }
            }
            if !current.isEmpty { words.append((current, style, pendingSpace)); pendingSpace = false }
        }
        // Leading spaces of the first piece are kept as an indent of the first line.
        let lead = pieces.first.map { $0.0.prefix { $0 == " " }.count } ?? 0
        var lines: [[(String, Style)]] = []
        var line: [(String, Style)] = lead > 0 ? [(String(repeating: " ", count: lead), .plain)] : []
        var used = lead
        var fresh = true
        for w in words {
            let ww = Canvas.displayWidth(w.text)
            let gap = (!fresh && w.spaceBefore) ? 1 : 0
            if !fresh && used + gap + ww > width {
                lines.append(line)
                line = [(String(repeating: " ", count: indent), .plain)]
                used = indent
                fresh = true
            }
            let sep = (!fresh && w.spaceBefore) ? " " : ""
            // A no-break space keeps words together ("11 of 611") and is drawn as a space.
            line.append((sep + w.text.replacingOccurrences(of: "\u{A0}", with: " "), w.style))
            used += sep.count + ww
            fresh = false
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
