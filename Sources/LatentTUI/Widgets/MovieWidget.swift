import Foundation
import LatentCore

/// The selected movie and user: what the data says about them.
public struct MovieWidget {
    public let state: AppState
    public let context: AppContext

    public init(state: AppState, context: AppContext) { self.state = state; self.context = context }

    public func render(into canvas: inout Canvas, _ rect: Rect) {
        canvas.box(rect, title: "Selected movie", style: Theme.border, titleStyle: Theme.title)
        guard let m = state.selectedItem(context).map(Int.init) else { return }
        let data = context.dataset
        let movie = data.movie(m)
        let inner = rect.inner.inset(dx: 1, dy: 0)
        var y = inner.y
        func line(_ text: String, _ style: Style = .plain) {
            guard y < inner.maxY else { return }
            canvas.text(inner.x, y, text, style, width: inner.width)
            y += 1
        }
        line(movie.displayTitleWithYear, Theme.header)
        if !movie.genres.isEmpty { line(movie.genres.joined(separator: " · "), Theme.label) }
        let ratings = data.ratings.ratings(ofItem: m).map { data.ratings.values[Int($0)] }
        let mean = ratings.isEmpty ? 0 : ratings.reduce(0, +) / Float(ratings.count)
        line("\(ratings.count) ratings, mean \(String(format: "%.2f", mean))")
        // A small histogram of its ratings.
        let bins = data.scale.step > 0 ? Int(((data.scale.max - data.scale.min) / data.scale.step).rounded()) + 1 : 10
        var counts = [Int](repeating: 0, count: max(1, bins))
        for r in ratings {
            let b = data.scale.step > 0 ? Int(((r - data.scale.min) / data.scale.step).rounded()) : Int((r - data.scale.min) / max(0.01, data.scale.max - data.scale.min) * 9)
            counts[max(0, min(counts.count - 1, b))] += 1
        }
        let top = max(1, counts.max() ?? 1)
        let blocks: [Unicode.Scalar] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        if y < inner.maxY {
            var x = inner.x
            x += canvas.text(x, y, formatRating(data.scale.min) + " ", Theme.label)
            for c in counts {
                canvas.put(x, y, blocks[c * 8 / top], Theme.train)
                x += 1
            }
            canvas.text(x, y, " " + formatRating(data.scale.max), Theme.label)
            y += 1
        }
        if let u = state.selectedUser(context), u != context.personUser {
            y += 1
            line("user \(context.userLabel(u)): \(data.ratings.userActivity(Int(u))) ratings", Theme.label)
        }
    }
}

/// The data set at a glance: size, sparsity, the rating histogram.
public struct DatasetWidget {
    public let context: AppContext

    public init(context: AppContext) { self.context = context }

    public func render(into canvas: inout Canvas, _ rect: Rect) {
        let data = context.dataset
        canvas.box(rect, title: "Data · \(context.datasetName) (\(data.format.rawValue))", style: Theme.border, titleStyle: Theme.title)
        let inner = rect.inner.inset(dx: 1, dy: 0)
        var y = inner.y
        func line(_ text: String, _ style: Style = .plain) {
            guard y < inner.maxY else { return }
            canvas.text(inner.x, y, text, style, width: inner.width)
            y += 1
        }
        line("\(data.userCount.grouped) users × \(data.itemCount.grouped) movies, \(data.ratings.count.grouped) ratings")
        line(String(format: "%.1f%% of the cells are empty", data.sparsity * 100), Theme.label)
        let top = max(1, context.histogram.map(\.count).max() ?? 1)
        for (key, count) in context.histogram {
            let bar = String(repeating: "█", count: max(1, count * max(1, inner.width - 16) / top))
            guard y < inner.maxY else { break }
            let used = canvas.text(inner.x, y, formatRating(key).leftPadded(4) + " ", Theme.label)
            canvas.text(inner.x + used, y, bar, Theme.train, width: inner.width - used)
            y += 1
        }
    }
}
