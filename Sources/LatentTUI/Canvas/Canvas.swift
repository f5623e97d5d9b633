import Foundation

/// One character cell of the screen. A wide character (CJK, emoji) fills its cell and the
/// next, which holds a continuation.
public struct Cell: Equatable, Sendable {
    public var scalar: Unicode.Scalar
    public var style: Style
    public static let blank = Cell(scalar: " ", style: .plain)
    /// The right half of a wide character.
    public static let continuationScalar: Unicode.Scalar = "\u{0}"
    public var isContinuation: Bool { scalar == Self.continuationScalar }
}

/// An in-memory screen: a grid of cells that widgets draw into and the terminal layer
/// copies to the real screen. Tests read it back as text, no terminal needed.
public struct Canvas: Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width); self.height = max(0, height)
        cells = [Cell](repeating: .blank, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { if x >= 0 && x < width && y >= 0 && y < height { cells[y * width + x] = newValue } }
    }

    /// Puts one character (clipped to the canvas and to `clip`). A wide character takes this
    /// cell and the next; one that does not fit before the edge becomes a space.
    public mutating func put(_ x: Int, _ y: Int, _ scalar: Unicode.Scalar, _ style: Style = .plain, clip: Rect? = nil) {
        if let clip, !clip.contains(x: x, y: y) { return }
        guard x >= 0 && x < width && y >= 0 && y < height else { return }
        let wide = CharacterWidth.columns(scalar) == 2
        if wide && (x + 1 >= width || (clip.map { !$0.contains(x: x + 1, y: y) } ?? false)) {
            put(x, y, " ", style, clip: clip)
            return
        }
        // Overwriting half of a wide character blanks its other half.
        if self[x, y].isContinuation && x > 0 { cells[y * width + x - 1].scalar = " " }
        if x + 1 < width && self[x + 1, y].isContinuation && !wide { cells[y * width + x + 1].scalar = " " }
        self[x, y] = Cell(scalar: scalar, style: style)
        if wide {
            if x + 2 < width && self[x + 2, y].isContinuation { cells[y * width + x + 2].scalar = " " }
            self[x + 1, y] = Cell(scalar: Cell.continuationScalar, style: style)
        }
    }

    /// Restyles a cell, keeping its character.
    public mutating func restyle(_ x: Int, _ y: Int, _ style: Style) {
        guard x >= 0 && x < width && y >= 0 && y < height else { return }
        cells[y * width + x].style = style
    }

    /// Writes text from (x, y), at most `width` columns; longer text ends in `…`. Returns the columns used.
    /// Wide characters take two columns.
    @discardableResult
    public mutating func text(_ x: Int, _ y: Int, _ string: String, _ style: Style = .plain, width: Int? = nil) -> Int {
        let limit = max(0, min(width ?? (self.width - x), self.width - x))
        guard limit > 0, y >= 0, y < height else { return 0 }
        let scalars = Self.displayScalars(string)
        let total = scalars.reduce(0) { $0 + CharacterWidth.columns($1) }
        let room = total > limit ? limit - 1 : limit
        var used = 0
        for s in scalars {
            let w = CharacterWidth.columns(s)
            if used + w > room { break }
            put(x + used, y, s, style)
            used += w
        }
        if total > limit {
            put(x + used, y, "…", style)
            used += 1
        }
        return used
    }

    /// Fills a rectangle with spaces in a style.
    public mutating func fill(_ r: Rect, _ style: Style = .plain) {
        for y in r.y..<r.maxY { for x in r.x..<r.maxX { put(x, y, " ", style) } }
    }

    /// A box with rounded corners and an optional title in the top border.
    public mutating func box(_ r: Rect, title: String = "", style: Style = .plain, titleStyle: Style? = nil) {
        guard r.width >= 2, r.height >= 2 else { return }
        for x in (r.x + 1)..<(r.maxX - 1) { put(x, r.y, "─", style); put(x, r.maxY - 1, "─", style) }
        for y in (r.y + 1)..<(r.maxY - 1) { put(r.x, y, "│", style); put(r.maxX - 1, y, "│", style) }
        put(r.x, r.y, "┌", style); put(r.maxX - 1, r.y, "┐", style)
        put(r.x, r.maxY - 1, "└", style); put(r.maxX - 1, r.maxY - 1, "┘", style)
        if !title.isEmpty && r.width > 4 {
            text(r.x + 1, r.y, " " + title + " ", titleStyle ?? style.bolded, width: r.width - 2)
        }
    }

    /// One row of the canvas as plain text (trailing spaces kept; a wide character once).
    public func line(_ y: Int) -> String {
        var s = String.UnicodeScalarView()
        for x in 0..<width where !self[x, y].isContinuation { s.append(self[x, y].scalar) }
        return String(s)
    }

    /// The whole canvas as text, one line per row, trailing spaces trimmed (for tests).
    public var text: String {
        (0..<height).map { y in
            var l = line(y)
            while l.hasSuffix(" ") { l.removeLast() }
            return l
        }.joined(separator: "\n")
    }

    /// Whether any row contains `needle`.
    public func contains(_ needle: String) -> Bool { (0..<height).contains { line($0).contains(needle) } }

    /// Position of the first occurrence of `needle`, for tests that check styles.
    public func find(_ needle: String) -> (x: Int, y: Int)? {
        for y in 0..<height {
            let l = Array(line(y).unicodeScalars)
            let n = Array(needle.unicodeScalars)
            guard n.count <= l.count else { continue }
            for x in 0...(l.count - n.count) where Array(l[x..<(x + n.count)]) == n { return (x, y) }
        }
        return nil
    }
}

extension Canvas: CustomStringConvertible {
    /// The canvas as text (what a failing test prints).
    public var description: String { "\n" + text }
}
