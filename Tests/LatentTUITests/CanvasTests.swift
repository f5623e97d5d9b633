import Testing
@testable import LatentCore
@testable import LatentTUI

@Suite("Canvas, boxes and braille")
struct CanvasTests {
    @Test func textIsClippedWithAnEllipsis() {
        var c = Canvas(width: 10, height: 2)
        c.text(0, 0, "Star Wars: Episode IV", .bold, width: 8)
        #expect(c.line(0) == "Star Wa…  ")
        #expect(c[0, 0].style.bold)
        c.text(7, 1, "abcdef")
        #expect(c.line(1) == "       abc".replacingOccurrences(of: "abc", with: "ab…"))
    }

    @Test func accentsAreComposedIntoOneCell() {
        var c = Canvas(width: 10, height: 1)
        let used = c.text(0, 0, "Ame\u{0301}lie")
        #expect(used == 6, "é is one cell, not e plus a combining accent")
        #expect(c.line(0).hasPrefix("Am\u{E9}lie"))
    }

    @Test func boxHasCornersAndTitle() {
        var c = Canvas(width: 12, height: 3)
        c.box(c.bounds, title: "Loss")
        #expect(c.line(0) == "┌ Loss ────┐")
        #expect(c.line(1) == "│          │")
        #expect(c.line(2) == "└──────────┘")
    }

    @Test func brailleDotsMapToTheRightCharacters() {
        var g = BrailleGrid(columns: 2, rows: 1)
        g.set(0, 0)
        #expect(g.character(0, 0) == "\u{2801}")
        g.set(1, 3)
        #expect(g.character(0, 0) == "\u{2881}")
        #expect(g.character(1, 0) == nil)
        g.line(0, 0, 3, 3, series: 1)
        var c = Canvas(width: 2, height: 1)
        g.draw(into: &c, x: 0, y: 0, styles: [.plain, .bold])
        #expect(c[1, 0].scalar.value >= 0x2801 && c[1, 0].scalar.value <= 0x28FF)
        #expect(c[1, 0].style.bold, "the cell takes the style of the series that drew last")
    }

    @Test func lossHistoryKeepsEverythingInBoundedSpace() {
        var h = LossHistory(capacity: 8)
        for i in 0..<100 { h.append(Float(i)) }
        #expect(h.total == 100)
        #expect(h.buckets.count <= 8)
        #expect(h.buckets.map(\.count).reduce(0, +) == 100)
        let mean = h.buckets.map { $0.sum }.reduce(0, +) / 100
        #expect(abs(mean - 49.5) < 1e-9)
        #expect(h.buckets.first?.min == 0)
        let points = h.resampled(to: 4)
        #expect(points.count == 4)
        #expect(points.map(\.mean) == points.map(\.mean).sorted())
        h.append(.nan)
        #expect(h.total == 100, "NaN is not drawn")
    }
}
