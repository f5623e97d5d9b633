import Foundation
import LatentCore

/// The cross-tab panel: users as rows, movies as columns, each cell a known rating (bold,
/// coloured by the current error) or the model's current prediction (dim, with a dot).
public struct GridWidget {
    public let state: AppState
    public let context: AppContext

    public init(state: AppState, context: AppContext) { self.state = state; self.context = context }

    public func render(into canvas: inout Canvas, _ rect: Rect) {
        let g = GridGeometry(rect)
        let data = context.dataset
        let rows = state.rowOrder(context), cols = state.columnOrder(context)
        let users = Array(rows[min(state.top, rows.count)..<min(rows.count, state.top + g.rows)])
        let items = Array(cols[min(state.left, cols.count)..<min(cols.count, state.left + g.columns)])
        let selectedItem = state.selectedItem(context)
        let orderText: String
        switch state.order {
        case .activity: orderText = state.top == 0 && state.left == 0 ? "\(users.count) most active users × \(items.count) most rated movies" : "users by activity × movies by popularity"
        case .id: orderText = "users × movies by id"
        case .predicted: orderText = "movies by predicted rating for the selected user"
        }
        let selectedTitle = selectedItem.map { " · " + data.movie(Int($0)).displayTitleWithYear } ?? ""
        canvas.box(rect, title: "Cross-tab · \(orderText)\(selectedTitle)", style: Theme.border, titleStyle: Theme.title)
        guard g.columns > 0, g.rows > 0 else { return }

        let snap = state.snapshot
        let trained = (snap?.step ?? 0) > 0
        // Column headers: the title over two lines, the selected one highlighted.
        for (c, m) in items.enumerated() {
            let lines = Self.abbreviate(data.movie(Int(m)).displayTitle, width: GridGeometry.cellWidth - 1, lines: 2)
            let isSelected = state.left + c == state.column
            for (k, line) in lines.enumerated() {
                canvas.text(g.cellX(c), g.headerY + k, line, isSelected ? Theme.header.reversed : Theme.header, width: GridGeometry.cellWidth - 1)
            }
        }
        canvas.text(g.inner.x, g.headerY + 1, "user", Theme.label)
        for (r, u) in users.enumerated() {
            let y = g.firstRowY + r
            let isSelectedRow = state.top + r == state.row
            let label = context.userLabel(u)
            canvas.text(g.inner.x, y, label.leftPadded(GridGeometry.labelWidth - 2), isSelectedRow ? Theme.header.reversed : Theme.label)
            for (c, m) in items.enumerated() {
                let x = g.cellX(c)
                let known = state.known(user: u, item: m, context)
                let predicted = snap?.prediction(user: u, item: m)
                var text: String
                var style: Style
                if let known {
                    text = " " + Self.format(known, scale: data.scale)
                    style = Theme.known(error: trained ? predicted.map { $0 - known } : nil)
                } else if let predicted {
                    text = String(format: "%4.2f·", predicted)
                    style = Theme.prediction(predicted, scale: data.scale)
                } else {
                    text = "   ·"
                    style = Theme.label
                }
                if isSelectedRow && state.left + c == state.column { style = style.reversed; text = text.padded(GridGeometry.cellWidth - 1) }
                canvas.text(x, y, text, style, width: GridGeometry.cellWidth - 1)
            }
        }
        renderDetails(into: &canvas, g)
    }

    /// The selected cell in words: user, movie, actual, predicted, error.
    private func renderDetails(into canvas: inout Canvas, _ g: GridGeometry) {
        guard let u = state.selectedUser(context), let m = state.selectedItem(context) else { return }
        let data = context.dataset
        var parts = [u == context.personUser ? "you" : "user \(context.userLabel(u))", data.movie(Int(m)).displayTitleWithYear]
        let known = state.known(user: u, item: m, context)
        let predicted = state.snapshot?.prediction(user: u, item: m)
        parts.append("actual " + (known.map { Self.format($0, scale: data.scale) } ?? "–"))
        if let predicted { parts.append("predicted " + String(format: "%.2f", predicted)) }
        if let known, let predicted { parts.append("error " + String(format: "%+.2f", predicted - known)) }
        canvas.text(g.inner.x, g.detailsY, parts.joined(separator: " · "), Theme.label, width: g.inner.width)
    }

    static func format(_ v: Float, scale: RatingScale) -> String {
        scale.step >= 1 ? String(format: "%3.0f ", v) : String(format: "%3.1f", v)
    }

    /// Word-wraps a title into `lines` lines of `width` columns, dropping a leading article
    /// and ending in `…` when it does not fit.
    public static func abbreviate(_ title: String, width: Int, lines: Int) -> [String] {
        var words = title.split(separator: " ").map(String.init)
        if words.count > 1, ["The", "A", "An"].contains(words[0]) { words.removeFirst() }
        var out: [String] = []
        var current = ""
        var i = 0
        while i < words.count && out.count < lines {
            let w = words[i]
            if current.isEmpty {
                current = w.count > width ? String(w.prefix(width)) : w
                i += 1
            } else if current.count + 1 + w.count <= width {
                current += " " + w
                i += 1
            } else {
                out.append(current)
                current = ""
            }
        }
        if !current.isEmpty && out.count < lines { out.append(current) }
        if i < words.count, var last = out.popLast() {
            if last.count >= width { last = String(last.prefix(width - 1)) }
            out.append(last + "…")
        }
        return out
    }
}
