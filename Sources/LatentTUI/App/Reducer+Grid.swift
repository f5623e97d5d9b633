import LatentCore

extension Reducer {
    /// The cross-tab's keys: moving and paging the selection, the order, a click, the panels, the screen's size.
    /// Returns false for an action of another context.
    static func grid(_ action: Action, _ s: inout AppState, _ c: AppContext, _ commands: inout [TrainingCommand]) -> Bool {
        switch action {
        case .move(let dr, let dc):
            let rows = s.rowOrder(c), cols = s.columnOrder(c)
            let (r, col) = s.selectionPosition(c)
            if dr != 0, !rows.isEmpty { s.selectedUser = rows[clamp(r + dr, rows.count)] }
            if dc != 0, !cols.isEmpty { s.selectedItem = cols[clamp(col + dc, cols.count)] }
        case .pageRows(let d):
            let v = s.gridView(c), rows = s.rowOrder(c)
            let page = max(1, s.visibleRows) * d
            if !rows.isEmpty { s.selectedUser = rows[clamp(v.row + page, rows.count)] }
            s.top = max(0, min(v.top + page, rows.count - s.visibleRows))
        case .pageColumns(let d):
            let v = s.gridView(c), cols = s.columnOrder(c)
            let page = max(1, s.visibleColumns) * d
            if !cols.isEmpty { s.selectedItem = cols[clamp(v.column + page, cols.count)] }
            s.left = max(0, min(v.left + page, cols.count - s.visibleColumns))
        case .firstRow:
            if let first = s.rowOrder(c).first { s.selectedUser = first }
            s.top = 0
        case .lastRow:
            if let last = s.rowOrder(c).last { s.selectedUser = last }
        case .cycleOrder:
            // The new order is read from its top: the first movie is selected (for the predicted
            // order, once its ranking arrives: `Reducer.reduce` on the snapshot).
            s.order = s.order.next
            s.left = 0
            if s.order == .predicted { s.toTopWhenRanked = true } else if let first = s.columnOrder(c).first { s.selectedItem = first }
            s.status = s.order == .predicted
                ? "Order: movies by predicted rating for \(c.userName(s.selectedUser))"
                : "Order: \(s.order.rawValue)"
        case .toggleLogScale:
            s.logScale.toggle()
            s.status = s.logScale ? "Loss axis: log scale" : "Loss axis: linear"
        case .resize(let w, let h):
            s.width = w; s.height = h
            s.fitGrid()
        case .click(let x, let y):
            if let cell = Layout.gridCell(at: x, y, state: s) {
                let v = s.gridView(c)
                if cell.row < v.users.count { s.selectedUser = v.users[cell.row] }
                if cell.column < v.items.count { s.selectedItem = v.items[cell.column] }
            }
        case .toggleView:
            s.alternateView.toggle()
        case .openMovie:
            // enter on the grid: the selected movie's neighbours (what the model learned about it).
            s.view = .neighbours
            s.status = "Neighbours of \(c.dataset.movie(Int(s.selectedItem)).displayTitleWithYear): v goes on, v until the cross-tab comes back"
        default: return false
        }
        return true
    }
}
