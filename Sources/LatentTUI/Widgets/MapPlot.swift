import Foundation
import LatentCore

/// The movie map drawn into a rectangle of a canvas: a braille scatter coloured by main genre
/// (or distinct glyphs, for a monochrome terminal or plain text), the most rated visible movies
/// labelled where labels fit, each axis named by the movies at its two ends, the legend, and
/// people and a cursor when given. The explorer's map view and `latentlab map` both use it.
public struct MapPlot {
    public var map: MovieMap
    public var movie: (Int) -> Movie
    public var axes: MapAxes
    public var zoom: Int
    public var center: [Float]
    public var people: [(name: String, coordinates: [Float], isYou: Bool)]
    public var cursor: Int?
    public var glyphs: Bool

    public init(map: MovieMap, movie: @escaping (Int) -> Movie, axes: MapAxes = .first, zoom: Int = 1, center: [Float] = [0, 0],
                people: [(name: String, coordinates: [Float], isYou: Bool)] = [], cursor: Int? = nil, glyphs: Bool = false) {
        self.map = map; self.movie = movie; self.axes = axes; self.zoom = zoom; self.center = center
        self.people = people; self.cursor = cursor; self.glyphs = glyphs
    }

    /// Glyphs for genres when there are no colours (the last for "other").
    public static let glyphSet: [Unicode.Scalar] = ["o", "+", "x", "*", "#", "%", "@", "."]

    /// Rows the plot needs besides the scatter: the axis names (3) and the legend (1).
    public static let extraRows = 4

    public func draw(into canvas: inout Canvas, _ area: Rect) {
        guard area.height > Self.extraRows + 2, area.width >= 20, !map.points.isEmpty else { return }
        let (a, b) = axes.components
        let frame = MapFrame(map: map, axes: axes, zoom: zoom, center: center,
                             people: people.map { MapPerson(user: -1, coordinates: $0.coordinates) })
        let legend = GenreLegend(movies: map.points.map { movie($0.item) }, size: Theme.genreColors.count)
        let plot = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - Self.extraRows)
        drawAxisNames(&canvas, a: a, b: b, area: area, plot: plot)
        var grid = BrailleGrid(columns: plot.width, rows: plot.height)
        var cells: [(x: Int, y: Int, item: Int)] = []
        for p in map.points {
            let (ux, uy) = frame.unit(p.coordinates[a], p.coordinates[b])
            guard ux >= 0, ux <= 1, uy >= 0, uy <= 1 else { continue }
            let dx = Int((ux * Float(grid.dotWidth - 1)).rounded()), dy = Int(((1 - uy) * Float(grid.dotHeight - 1)).rounded())
            let series = legend.index(of: movie(p.item)) ?? Theme.genreColors.count
            if glyphs {
                canvas.put(plot.x + dx / 2, plot.y + dy / 4, Self.glyphSet[min(series, Self.glyphSet.count - 1)], .plain)
            } else {
                grid.set(dx, dy, series: series)
            }
            cells.append((plot.x + dx / 2, plot.y + dy / 4, p.item))
        }
        if !glyphs { grid.draw(into: &canvas, x: plot.x, y: plot.y, styles: Theme.genreColors + [Theme.label]) }
        // The cursor's cell first, so that no label covers it; then the people, then the marker.
        let cursorCell = cells.first { $0.item == cursor }
        var reserved: [LabelPlacement.Box] = cursorCell.map { [LabelPlacement.Box(x: Double($0.x), y: Double($0.y), width: 1, height: 1)] } ?? []
        for person in people {
            let (ux, uy) = frame.unit(person.coordinates[a], person.coordinates[b])
            guard ux >= 0, ux <= 1, uy >= 0, uy <= 1 else { continue }
            let x = plot.x + Int((ux * Float(plot.width - 1)).rounded()), y = plot.y + Int(((1 - uy) * Float(plot.height - 1)).rounded())
            canvas.put(x, y, person.isYou ? "★" : "◇", person.isYou ? Theme.warn : Theme.header)
            reserved.append(LabelPlacement.Box(x: Double(x), y: Double(y), width: 1, height: 1))
            let label = LabelPlacement.Label(x: Double(x), y: Double(y), width: Double(Canvas.displayWidth(person.name)), height: 1)
            if let spot = LabelPlacement.place([label], bounds: box(plot), reserved: reserved).first ?? nil {
                canvas.text(Int(spot.x), Int(spot.y), person.name, person.isYou ? Theme.warn : Theme.header)
                reserved.append(spot)
            }
        }
        if let c = cursorCell { canvas.put(c.x, c.y, "◆", Theme.selected) }
        // Labels for the most rated movies shown (the cursor's first), where they fit.
        let order = (cursorCell.map { [$0] } ?? []) + cells.filter { $0.item != cursor }
        let budget = max(4, plot.height * 2 / 3)
        let candidates = order.prefix(budget * 3).map { cell -> (text: String, label: LabelPlacement.Label) in
            let text = Self.shortTitle(movie(cell.item))
            return (text, .init(x: Double(cell.x), y: Double(cell.y), width: Double(Canvas.displayWidth(text)), height: 1))
        }
        var shown = 0
        for ((text, _), spot) in zip(candidates, LabelPlacement.place(candidates.map(\.label), bounds: box(plot), reserved: reserved)) {
            guard let spot, shown < budget else { continue }
            canvas.text(Int(spot.x), Int(spot.y), text, shown == 0 && cursorCell != nil ? Theme.header.reversed : Theme.label)
            shown += 1
        }
        drawLegend(&canvas, legend, y: area.maxY - 1, area: area)
    }

    private func box(_ r: Rect) -> LabelPlacement.Box {
        LabelPlacement.Box(x: Double(r.x), y: Double(r.y), width: Double(r.width), height: Double(r.height))
    }

    /// The movies at both ends of a component.
    public func ends(_ c: Int) -> (low: Movie, high: Movie)? {
        guard let lo = map.points.min(by: { $0.coordinates[c] < $1.coordinates[c] }),
              let hi = map.points.max(by: { $0.coordinates[c] < $1.coordinates[c] }) else { return nil }
        return (movie(lo.item), movie(hi.item))
    }

    /// `↑ Title` over the scatter and `↓ Title` under it for the vertical component; `← Title · Title →` for the horizontal.
    private func drawAxisNames(_ canvas: inout Canvas, a: Int, b: Int, area: Rect, plot: Rect) {
        guard let x = ends(a), let y = ends(b) else { return }
        canvas.text(area.x, area.y, "↑ \(Self.shortTitle(y.high))  (component \(b + 1))", Theme.label, width: area.width)
        let left = "↓ \(Self.shortTitle(y.low))"
        canvas.text(area.x, plot.maxY, left, Theme.label, width: area.width / 2)
        let across = "← \(Self.shortTitle(x.low)) · component \(a + 1) · \(Self.shortTitle(x.high)) →"
        let w = Canvas.displayWidth(across)
        if Canvas.displayWidth(left) + 2 + w <= area.width {
            canvas.text(area.maxX - w, plot.maxY, across, Theme.label)
        } else {
            canvas.text(area.x, plot.maxY + 1, across, Theme.label, width: area.width)
        }
    }

    /// Every genre's mark and name; two spaces apart when they all fit so, one when that is
    /// what it takes, and when even that is too wide, as many as fit and "+N more".
    private func drawLegend(_ canvas: inout Canvas, _ legend: GenreLegend, y: Int, area: Rect) {
        let names = legend.genres
        func width(_ n: Int, gap: Int) -> Int { names.prefix(n).reduce(0) { $0 + 2 + Canvas.displayWidth($1) + gap } }
        let gap = width(names.count, gap: 2) <= area.width ? 2 : 1
        var shown = names.count
        while shown > 0 && width(shown, gap: gap) + (shown < names.count ? Canvas.displayWidth("+\(names.count - shown) more") : 0) > area.width { shown -= 1 }
        var x = area.x
        for (i, genre) in names.prefix(shown).enumerated() {
            let mark: Unicode.Scalar = glyphs ? Self.glyphSet[min(i, Self.glyphSet.count - 1)] : "■"
            canvas.put(x, y, mark, glyphs ? .plain : Theme.genreColors[i])
            x += 1 + canvas.text(x + 1, y, " \(genre)" + String(repeating: " ", count: gap), Theme.label)
        }
        if shown < names.count { canvas.text(x, y, "+\(names.count - shown) more", Theme.label, width: area.maxX - x) }
    }

    /// A title short enough to label a point: the display title without the year, cut at 18 columns.
    public static func shortTitle(_ movie: Movie) -> String {
        let t = movie.displayTitle
        return Canvas.displayWidth(t) <= 18 ? t : ColumnHeader.tidy(t.fitted(18))
    }
}
