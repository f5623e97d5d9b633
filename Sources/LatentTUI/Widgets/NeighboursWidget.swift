import Foundation
import LatentCore

/// Neighbours of the selected movie (`v`): its nearest movies by the cosine of their factor
/// rows (or, with `d`, by Euclidean distance, as the book does), then the factor rows of the
/// movie and its neighbours stacked as strips (one cell per factor, colour by sign, shade by
/// size), so the dimensions they share stand out.
public struct NeighboursWidget {
    public let state: AppState
    public let context: AppContext

    public init(state: AppState, context: AppContext) { self.state = state; self.context = context }

    public func render(into canvas: inout Canvas, _ rect: Rect) {
        let insight = state.snapshot?.insight
        let movie = context.dataset.movie(Int(state.selectedItem))
        let arithmetic = !state.queryPlus.isEmpty || !state.queryMinus.isEmpty
        let query = arithmetic ? NeighboursQuery(plus: state.queryPlus, minus: state.queryMinus) : nil
        let metric = arithmetic || state.neighbourMetric == .cosine ? "cosine" : "distance"
        let sum = ([movie.displayTitle] + state.queryPlus.map { "+ " + context.dataset.movie(Int($0)).displayTitle }
                   + state.queryMinus.map { "− " + context.dataset.movie(Int($0)).displayTitle }).joined(separator: " ")
        canvas.box(rect, title: "Neighbours · \(arithmetic ? sum : movie.displayTitleWithYear) · by \(metric)", style: Theme.border, titleStyle: Theme.title)
        var w = Writer(canvas: canvas, area: rect.inner.inset(dx: 1, dy: 0))
        defer { canvas = w.canvas }
        guard let insight, insight.focus == state.selectedItem, insight.query == query, !insight.neighbours.isEmpty else {
            w.flow([("Finding the movies nearest \(arithmetic ? sum : movie.displayTitle)…", Theme.label)])
            return
        }
        if arithmetic {
            w.flow([("Embedding arithmetic: ", Theme.header), ("the movies nearest \(sum), by the cosine to the sum of their factor rows (its own movies left out). a or A on a movie of the sum drops it.", Theme.label)], indent: 0)
        }
        // A narrow panel leaves the genres out: the titles need the room to tell apart.
        let withGenres = w.area.width >= 64
        let titleWidth = max(12, w.area.width - (withGenres ? 40 : 27))
        w.line([("  # ", Theme.label), ("movie".padded(titleWidth), Theme.label), (" cosine  dist ratings" + (withGenres ? "  genres" : ""), Theme.label)])
        let listRows = min(insight.neighbours.count, max(3, (w.area.height - 4) / 2))
        let highlighted = state.neighbourInFocus
        for (i, n) in insight.neighbours.prefix(listRows).enumerated() {
            let m = context.dataset.movie(n.item)
            let style = Int32(n.item) == highlighted ? Theme.selected : Style.plain
            let figures = String(format: " %+.3f %5.2f ", n.cosine, n.distance) + (!context.capabilities.countsKnown ? "–" : Int(context.counts[n.item]).grouped).leftPadded(7) + "  "
            w.line([(String(i + 1).leftPadded(3) + " ", Theme.label), (TitleFit.fit(m, width: titleWidth).fitted(titleWidth), style),
                    (figures, .plain), (withGenres ? m.genres.joined(separator: "|") : "", Theme.label)])
        }
        w.y += 1
        w.flow([("Factor rows, one cell per factor (colour by sign, shade by size): shared columns are what makes them near. ↑↓ and enter walk to a neighbour, d switches the metric, / finds any movie.", Theme.label)], indent: 0)
        let rows = [(arithmetic ? Movie(rawId: 0, title: "the sum") : movie, insight.focusRow)] + zip(insight.neighbours, insight.neighbourRows).map { (context.dataset.movie($0.0.item), $0.1) }
        let scale = max(1e-6, rows.flatMap(\.1).map(abs).max() ?? 1)
        let nameWidth = min(24, max(10, w.area.width / 3))
        for (i, (m, row)) in rows.enumerated() where w.hasRoom {
            var x = w.area.x
            x += w.canvas.text(x, w.y, TitleFit.fit(m, width: nameWidth).fitted(nameWidth) + " ", i == 0 ? Theme.header : Theme.label)
            for v in row.prefix(max(0, w.area.maxX - x)) {
                let level = v.isFinite ? min(3, max(0, Int(abs(v) / scale * 3.999))) : 0
                w.canvas.put(x, w.y, ["░", "▒", "▓", "█"][level], v >= 0 ? Theme.positive : Theme.negative)
                x += 1
            }
            w.y += 1
        }
    }
}
