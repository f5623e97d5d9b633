/// A dot grid drawn with Unicode braille characters: each cell holds 2×4 dots, so a
/// plot gets twice the columns and four times the rows of the cells it covers.
public struct BrailleGrid: Sendable {
    public let columns: Int
    public let rows: Int
    private var bits: [UInt8]
    /// The series that last set a dot in each cell, for its colour.
    private var owner: [Int]

    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns); self.rows = max(0, rows)
        bits = [UInt8](repeating: 0, count: self.columns * self.rows)
        owner = [Int](repeating: -1, count: self.columns * self.rows)
    }

    public var dotWidth: Int { columns * 2 }
    public var dotHeight: Int { rows * 4 }

    // Bit of each dot (x 0–1, y 0–3) in the braille block U+2800.
    private static let dotBits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]

    /// Sets the dot at (x, y) in dot coordinates, y = 0 at the top.
    public mutating func set(_ x: Int, _ y: Int, series: Int = 0) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let i = (y / 4) * columns + x / 2
        bits[i] |= Self.dotBits[y % 4][x % 2]
        owner[i] = series
    }

    /// A vertical run of dots in column x from y0 to y1 (inclusive, any order).
    public mutating func vline(_ x: Int, _ y0: Int, _ y1: Int, series: Int = 0) {
        for y in min(y0, y1)...max(y0, y1) { set(x, y, series: series) }
    }

    /// A line between two dots (Bresenham).
    public mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, series: Int = 0) {
        var x = x0, y = y0
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        while true {
            set(x, y, series: series)
            if x == x1 && y == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
        }
    }

    /// A dotted polyline through `points`: every `every`-th dot of each segment, and each point.
    public mutating func dotted(_ points: [(Int, Int)], every: Int, series: Int = 0) {
        var previous: (Int, Int)?
        for (px, py) in points {
            if let (qx, qy) = previous {
                let n = max(abs(px - qx), abs(py - qy), 1)
                for k in Swift.stride(from: 0, through: n, by: max(1, every)) {
                    set(qx + (px - qx) * k / n, qy + (py - qy) * k / n, series: series)
                }
            }
            set(px, py, series: series)
            previous = (px, py)
        }
    }

    /// A dashed polyline through `points`: runs of `on` dots then gaps of `off`, counted along
    /// the whole path so the dashes keep their rhythm across points.
    public mutating func dashed(_ points: [(Int, Int)], on: Int, off: Int, series: Int = 0) {
        var previous: (Int, Int)?
        var walked = 0
        let period = max(1, on + off)
        for (px, py) in points {
            if let (qx, qy) = previous {
                let n = max(abs(px - qx), abs(py - qy), 1)
                for k in 1...n {
                    if walked % period < on { set(qx + (px - qx) * k / n, qy + (py - qy) * k / n, series: series) }
                    walked += 1
                }
            } else {
                set(px, py, series: series)
                walked = 1
            }
            previous = (px, py)
        }
    }

    /// The braille character of cell (cx, cy), or nil when empty.
    public func character(_ cx: Int, _ cy: Int) -> Unicode.Scalar? {
        let b = bits[cy * columns + cx]
        guard b != 0 else { return nil }
        return Unicode.Scalar(0x2800 + UInt32(b))
    }

    /// Draws the grid at (x, y) of a canvas; `styles[series]` colours each cell by its last series.
    public func draw(into canvas: inout Canvas, x: Int, y: Int, styles: [Style]) {
        for cy in 0..<rows {
            for cx in 0..<columns {
                guard let ch = character(cx, cy) else { continue }
                let o = owner[cy * columns + cx]
                canvas.put(x + cx, y + cy, ch, o >= 0 && o < styles.count ? styles[o] : .plain)
            }
        }
    }
}
