import Foundation
import LatentCore

/// The movie map view (`v`): the map (`MapPlot`) of the most rated movies on two principal
/// components, with you and the selected user on it, the cursor's movie and its nearest
/// neighbours below.
public struct MapWidget {
    public let state: AppState
    public let context: AppContext

    public init(state: AppState, context: AppContext) { self.state = state; self.context = context }

    public func render(into canvas: inout Canvas, _ rect: Rect) {
        let insight = state.snapshot?.insight
        guard let map = insight?.map, !map.points.isEmpty else {
            canvas.box(rect, title: "Movie map", style: Theme.border, titleStyle: Theme.title)
            canvas.text(rect.x + 2, rect.y + 2, "Projecting the movie factors…", Theme.label, width: rect.width - 4)
            return
        }
        let (a, b) = state.mapAxes.components
        let explained = map.explained
        let share = a < explained.count && b < explained.count ? String(format: " (%.0f%% + %.0f%% of the variance)", explained[a] * 100, explained[b] * 100) : ""
        let which = !context.capabilities.countsKnown ? "" : " most rated"
        canvas.box(rect, title: "Movie map · PCA of the \(map.points.count.grouped)\(which) movies' factors · components \(state.mapAxes.label)\(share)"
                   + (state.mapZoom > 1 ? " · zoom ×\(state.mapZoom)" : ""), style: Theme.border, titleStyle: Theme.title)
        let inner = rect.inner.inset(dx: 1, dy: 0)
        guard inner.height >= 10, inner.width >= 30 else { return }
        let people = (insight?.people ?? []).map { (name: context.userName($0.user), coordinates: $0.coordinates, isYou: $0.user == context.personUser) }
        let cursor = state.mapCursorItem
        let plot = MapPlot(map: map, movie: { context.dataset.movie($0) }, axes: state.mapAxes, zoom: state.mapZoom, center: state.mapCenter,
                           people: people, cursor: cursor.map(Int.init), glyphs: state.monochrome)
        plot.draw(into: &canvas, Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 2))
        drawCursor(&canvas, cursor, insight: insight, y: inner.maxY - 2, inner: inner)
    }

    /// The cursor's movie (title, year, count, genres) and its nearest neighbours.
    private func drawCursor(_ canvas: inout Canvas, _ cursor: Int32?, insight: InsightReport?, y: Int, inner: Rect) {
        guard let cursor else { return }
        let movie = context.dataset.movie(Int(cursor))
        var w = Writer(canvas: canvas, area: Rect(x: inner.x, y: y, width: inner.width, height: 2))
        defer { canvas = w.canvas }
        let genres = movie.genres.isEmpty ? "" : " · " + movie.genres.joined(separator: "|")
        w.line([("◆ ", Theme.header), (movie.displayTitleWithYear, Theme.header),
                ((!context.capabilities.countsKnown ? "" : " · \(Int(context.counts[Int(cursor)]).grouped) ratings") + genres, Theme.label)])
        if let insight, insight.focus == cursor, !insight.neighbours.isEmpty {
            let names = insight.neighbours.prefix(5).map { context.dataset.movie($0.item).displayTitle }
            w.line([("  nearest: ", Theme.label), (names.joined(separator: "; "), .plain)])
        }
    }
}
