import Foundation
import LatentCore

/// The one-hot product written out (`O`): the selected user's one-hot vector times U, row by row
/// around the user's own (`0·U[8] + 0·U[9] + 1·U[10] + …`), the sum beside the row looked up,
/// and what each path costs: why an embedding layer is a lookup.
public struct OneHotOverlay {
    public let cell: CellReport?
    public let context: AppContext

    public init(cell: CellReport?, context: AppContext) { self.cell = cell; self.context = context }

    public func render(into canvas: inout Canvas, in area: Rect) {
        let width = min(area.width, 92)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y, width: width, height: area.height)
        guard box.width > 30, box.height > 6 else { return }
        canvas.fill(box)
        canvas.box(box, title: "one-hot · U, written out · O closes", style: Theme.border, titleStyle: Theme.title)
        var w = Writer(canvas: canvas, area: box.inner.inset(dx: 1, dy: 0))
        defer { canvas = w.canvas }
        guard let b = cell?.breakdown else {
            w.flow([("Select a cell of the grid: its user's one-hot vector is written out here.", Theme.label)])
            return
        }
        let u = b.user, n = b.userCount
        // As many values per row as fit beside the row's name.
        let count = max(2, min(b.userFactors.count, (w.area.width - 30) / 7))
        func vector(_ v: [Float]) -> String {
            "(" + v.prefix(count).map { String(format: "%6.3f", $0) }.joined(separator: " ") + (v.count > count ? " …" : "") + ")"
        }
        w.flow([("The one-hot vector of \(context.userName(Int32(u))) has a 1 at place \(u) and a 0 at each of the other \((n - 1).grouped). ", .plain),
                ("Times U, it adds up every row of U, each multiplied by its one-hot entry:", Theme.label)], indent: 0)
        w.line([])
        let name = { (i: Int) in "U[\(i)]".padding(toLength: max(6, "U[\(n - 1)]".count), withPad: " ", startingAt: 0) }
        if let first = b.rowsAround.first, first.index > 0 {
            w.line([("  0·U[0] + … + 0·U[\(first.index - 1)]", Theme.label), ("  = zeros", Theme.label)])
        }
        for row in b.rowsAround {
            let one = row.index == u
            w.line([("  \(one ? 1 : 0)·\(name(row.index)) = \(one ? 1 : 0)·", one ? Theme.header : Theme.label),
                    (vector(row.values), one ? .plain : Theme.label), (one ? "" : "  zeros", Theme.label)])
        }
        if let last = b.rowsAround.last, last.index < n - 1 {
            w.line([("  0·U[\(last.index + 1)] + … + 0·U[\(n - 1)]", Theme.label), ("  = zeros", Theme.label)])
        }
        w.line([])
        let sum = b.oneHotTimesU
        let labels = ["  sum of the \(n.grouped) products ", "  U[\(u)] looked up "]
        let labelWidth = labels.map(Canvas.displayWidth).max() ?? 0
        func padded(_ text: String) -> String { text + String(repeating: " ", count: labelWidth - Canvas.displayWidth(text)) }
        w.line([(padded(labels[0]), Theme.label), (sum.isEmpty ? "(being computed)" : vector(sum), .plain)])
        w.line([(padded(labels[1]), Theme.label), (vector(b.userFactors), .plain)])
        switch b.lookupDifference {
        case .some(0): w.flow([("  ✓ the same, value for value: the product picks row \(u) out of U", Theme.good)], indent: 4)
        case .some(let d): w.flow([(String(format: "  ✗ off by %.2g", d), Theme.bad)], indent: 4)
        case .none: break
        }
        w.line([])
        let madds = (n * b.userFactors.count).grouped
        w.flow([("The product costs \(madds) multiply-adds (\(n.grouped) rows × \(b.userFactors.count) factors) for an answer a lookup copies in \(b.userFactors.count) steps. ", .plain),
                ("An embedding layer is this product, computed as a lookup.", Theme.good)], indent: 0)
    }
}
