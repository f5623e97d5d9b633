import LatentCore

/// The list of matches while a movie title is being typed.
public struct FindOverlay {
    public let query: String
    public let selected: Int
    public let context: AppContext

    public init(query: String, selected: Int, context: AppContext) {
        self.query = query; self.selected = selected; self.context = context
    }

    public func render(into canvas: inout Canvas, in area: Rect) {
        let matches = context.search.find(query, limit: 8)
        let width = min(area.width - 4, 60)
        let height = max(3, matches.count + 2)
        let box = Rect(x: area.x + 2, y: area.y + 2, width: width, height: height)
        canvas.fill(box)
        canvas.box(box, title: "Find: \(query)", style: Theme.border, titleStyle: Theme.title)
        if matches.isEmpty {
            canvas.text(box.x + 2, box.y + 1, query.isEmpty ? "type part of a title" : "no match", Theme.label, width: width - 4)
        }
        for (i, m) in matches.enumerated() {
            let movie = context.dataset.movie(m)
            let count = context.counts[m]
            let style = i == selected ? Theme.selected : Style.plain
            canvas.text(box.x + 1, box.y + 1 + i, (" " + movie.displayTitleWithYear + "  (\(count) ratings)").padded(width - 2), style, width: width - 2)
        }
    }
}
