import LatentCore

extension Reducer {
    /// The main views' keys: the next view, the map's cursor, zoom, pan and axes, the neighbours' highlight and metric.
    /// Returns false for an action of another context.
    static func views(_ action: Action, _ s: inout AppState, _ c: AppContext, _ commands: inout [TrainingCommand]) -> Bool {
        switch action {
        case .cycleView:
            s.view = s.view.next
            s.mapCursor = nil
            s.highlightedNeighbour = nil
            s.status = "View: \(s.view.rawValue) (v for the next)"
        case .mapMove(let dx, let dy):
            if let next = MapNavigation.step(from: s.mapCursorItem, dx: dx, dy: dy, state: s) { s.mapCursor = next }
        case .mapSelect:
            if let item = s.mapCursorItem {
                s.selectedItem = item
                s.status = "Selected \(c.dataset.movie(Int(item)).displayTitleWithYear)"
            }
        case .mapZoom(let zoomIn):
            s.mapZoom = zoomIn ? min(32, s.mapZoom * 2) : max(1, s.mapZoom / 2)
            if zoomIn, let item = s.mapCursorItem, let point = s.snapshot?.insight.map?.points.first(where: { $0.item == Int(item) }) {
                let (a, b) = s.mapAxes.components
                s.mapCenter = [point.coordinates[a], point.coordinates[b]]
            }
            if s.mapZoom == 1 { s.mapCenter = [0, 0] }
            s.status = "Map zoom ×\(s.mapZoom)"
        case .mapPan(let dx, let dy):
            if let map = s.snapshot?.insight.map {
                let frame = MapFrame(map: map, axes: s.mapAxes, zoom: s.mapZoom, center: s.mapCenter)
                let midX = (frame.x.lowerBound + frame.x.upperBound) / 2, midY = (frame.y.lowerBound + frame.y.upperBound) / 2
                s.mapCenter = [midX + Float(dx) * (frame.x.upperBound - frame.x.lowerBound) / 4,
                               midY + Float(dy) * (frame.y.upperBound - frame.y.lowerBound) / 4]
                if s.mapZoom == 1 { s.status = "Zoom in (z) to pan" }
            }
        case .cycleAxes:
            s.mapAxes = s.mapAxes.next
            s.mapZoom = 1
            s.mapCenter = [0, 0]
            s.status = "Map: components \(s.mapAxes.label)"
        case .neighbourMove(let d):
            // From where the highlighted movie stands now in the list.
            let list = s.snapshot?.insight.neighbours.map { Int32($0.item) } ?? []
            if let current = s.neighbourInFocus, let at = list.firstIndex(of: current) {
                s.highlightedNeighbour = list[max(0, min(list.count - 1, at + d))]
            }
        case .neighbourSelect:
            if let item = s.neighbourInFocus {
                s.selectedItem = item
                s.highlightedNeighbour = nil
                s.status = "Selected \(c.dataset.movie(Int(s.selectedItem)).displayTitleWithYear)"
            }
        case .pinMovie(let plus):
            let m = s.selectedItem
            let title = c.dataset.movie(Int(m)).displayTitleWithYear
            if s.queryPlus.contains(m) || s.queryMinus.contains(m) {
                s.queryPlus.removeAll { $0 == m }
                s.queryMinus.removeAll { $0 == m }
                s.status = "\(title) dropped from the query"
            } else if s.queryPlus.count + s.queryMinus.count >= 6 {
                s.status = "The query holds six movies at most: a or A on one of them drops it"
            } else {
                if plus { s.queryPlus.append(m) } else { s.queryMinus.append(m) }
                s.status = "\(plus ? "+" : "−") \(title): now select the movie to start from (/ finds one); the list is nearest it \(plus ? "plus" : "minus") this"
            }
        case .toggleMetric:
            s.neighbourMetric = s.neighbourMetric == .cosine ? .euclidean : .cosine
            s.status = s.neighbourMetric == .cosine ? "Neighbours by cosine similarity (the angle between factor rows)"
                                                    : "Neighbours by Euclidean distance (as the book does)"
        default: return false
        }
        return true
    }
}
