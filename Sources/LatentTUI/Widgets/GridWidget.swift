import Foundation
import LatentCore

/// The cross-tab panel: users as rows, movies as columns, each cell a known rating (bold,
/// coloured by the current error) or the model's current prediction (dim, with a dot),
/// clipped to the rating scale as the person would be told it.
public struct GridWidget {
    public let state: AppState
    public let context: AppContext

    public init(state: AppState, context: AppContext) { self.state = state; self.context = context }

    public func render(into canvas: inout Canvas, _ rect: Rect) {
        let g = GridGeometry(rect)
        let data = context.dataset
        var view = state.gridView(context)
        view.users = Array(view.users.prefix(g.rows))
        view.items = Array(view.items.prefix(g.columns))
        canvas.box(rect, title: "Cross-tab · \(orderText(view)) · \(data.movie(Int(state.selectedItem)).displayTitleWithYear)",
                   style: Theme.border, titleStyle: Theme.title)
        guard g.columns > 0, g.rows > 0 else { return }

        let snap = state.snapshot
        let trained = (snap?.step ?? 0) > 0
        // Column headers: the title (keeping a sequel number) over the year, the selected one highlighted.
        for (c, m) in view.items.enumerated() {
            let lines = ColumnHeader.lines(data.movie(Int(m)), width: GridGeometry.cellWidth - 1)
            let style = m == state.selectedItem ? Theme.header.reversed : Theme.header
            canvas.text(g.cellX(c), g.headerY, lines.title, style, width: GridGeometry.cellWidth - 1)
            canvas.text(g.cellX(c), g.headerY + 1, lines.year, m == state.selectedItem ? Theme.label.reversed : Theme.label,
                        width: GridGeometry.cellWidth - 1)
        }
        canvas.text(g.inner.x, g.headerY + 1, "user", Theme.label)
        for (r, u) in view.users.enumerated() {
            let y = g.firstRowY + r
            let isSelectedRow = u == state.selectedUser
            let label = context.userLabel(u)
            canvas.text(g.inner.x, y, label.leftPadded(GridGeometry.labelWidth - 2), isSelectedRow ? Theme.header.reversed : Theme.label,
                        width: GridGeometry.labelWidth - 2)
            for (c, m) in view.items.enumerated() {
                let x = g.cellX(c)
                let known = state.known(user: u, item: m, context)
                let predicted = snap?.prediction(user: u, item: m)
                var text: String
                var style: Style
                if let known {
                    text = " " + Self.format(known, scale: data.scale)
                    style = Theme.known(error: trained ? predicted.map { $0 - known } : nil)
                } else if let predicted {
                    let shown = data.scale.clip(predicted)
                    text = shown.isFinite ? String(format: "%4.2f·", shown) : "  ?·"
                    style = Theme.prediction(shown, scale: data.scale)
                } else {
                    text = "   ·"
                    style = Theme.label
                }
                if isSelectedRow && m == state.selectedItem { style = style.reversed; text = text.padded(GridGeometry.cellWidth - 1) }
                canvas.text(x, y, text, style, width: GridGeometry.cellWidth - 1)
            }
        }
        renderDetails(into: &canvas, g)
    }

    /// What the columns are ordered by, as they are actually shown.
    private func orderText(_ view: GridView) -> String {
        let known = context.capabilities.countsKnown
        switch state.order {
        case .activity where !known:
            return "predictions only (ratings not loaded) · users × movies in the model's order"
        case .activity:
            return view.top == 0 && view.left == 0 ? "\(view.users.count) most active users × \(view.items.count) most rated movies"
                : "users by activity × movies by popularity"
        case .id: return "users × movies by id"
        case .predicted:
            let who = context.userName(state.selectedUser)
            return state.rankingReady(context) ? "movies by predicted rating for \(who)" : "ranking movies for \(who)…"
        }
    }

    /// The selected cell in words: user, actual, predicted (clipped, with the raw value when it
    /// was), error, then the movie (last, so a narrow panel cuts the title, which the title bar has).
    private func renderDetails(into canvas: inout Canvas, _ g: GridGeometry) {
        let u = state.selectedUser, m = state.selectedItem
        let data = context.dataset
        var parts = [context.userName(u)]
        let known = state.known(user: u, item: m, context)
        let predicted = state.snapshot?.prediction(user: u, item: m)
        parts.append("actual " + (known.map { Self.format($0, scale: data.scale).trimmingCharacters(in: .whitespaces) } ?? "–"))
        if let predicted {
            let shown = data.scale.clip(predicted)
            parts.append("predicted " + String(format: "%.2f", shown) + (shown != predicted ? String(format: " (raw %.2f)", predicted) : ""))
            if let known { parts.append("error " + String(format: "%+.2f", predicted - known)) }
        }
        // Whole figures only; the title (last) may be cut, the title bar has it in full.
        var line = ""
        for part in parts where Canvas.displayWidth(line) + Canvas.displayWidth(part) + 3 <= g.inner.width {
            line += (line.isEmpty ? "" : " · ") + part
        }
        line += " · " + data.movie(Int(m)).displayTitleWithYear
        canvas.text(g.inner.x, g.detailsY, line, Theme.label, width: g.inner.width)
    }

    static func format(_ v: Float, scale: RatingScale) -> String {
        scale.step >= 1 ? String(format: "%3.0f ", v) : String(format: "%3.1f", v)
    }
}

/// A column header in two short lines: the title, cut with `…` but keeping a sequel number
/// (`Sta…IV`), over the year, so that neighbouring columns of one franchise tell apart.
public enum ColumnHeader {
    public static func lines(_ movie: Movie, width: Int) -> (title: String, year: String) {
        (title(movie.displayTitle, width: width), movie.year.map(String.init) ?? "")
    }

    public static func title(_ full: String, width: Int) -> String {
        var words = full.split(separator: " ").map(String.init)
        if words.count > 1, ["The", "A", "An"].contains(words[0]) { words.removeFirst() }
        let title = words.joined(separator: " ")
        guard Canvas.displayWidth(title) > width else { return title }
        if let number = sequelNumber(words), number.count + 2 <= width {
            let head = title.fitted(width - number.count).trimmingCharacters(in: .whitespaces)
            let stem = head.hasSuffix("…") ? String(head.dropLast()).trimmingCharacters(in: CharacterSet(charactersIn: " :-")) : head
            return stem + "…" + number
        }
        return tidy(title.fitted(width))
    }

    /// `Back …` → `Back…`: no space before the ellipsis.
    static func tidy(_ cut: String) -> String {
        var t = cut.trimmingCharacters(in: .whitespaces)
        guard t.hasSuffix("…") else { return t }
        t.removeLast()
        return t.trimmingCharacters(in: CharacterSet(charactersIn: " :-,")) + "…"
    }

    /// A sequel's number after the first word: `II`, `IV`, `2`, `3` (not a year), or `I` after
    /// "Episode", "Part" or "Chapter".
    static func sequelNumber(_ words: [String]) -> String? {
        let romans: Set<String> = ["II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
        let cleaned = words.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ":,.-")) }
        for (i, w) in cleaned.enumerated().dropFirst() {
            if romans.contains(w) { return w }
            if w == "I" && ["Episode", "Part", "Chapter"].contains(cleaned[i - 1]) { return w }
            if let n = Int(w), n >= 1, n < 100, n >= 2 || ["Episode", "Part", "Chapter"].contains(cleaned[i - 1]) { return w }
        }
        return nil
    }
}
