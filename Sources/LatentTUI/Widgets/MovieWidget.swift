import Foundation
import LatentCore

/// The selected movie and user: what the data says about them.
public struct MovieWidget {
    public let state: AppState
    public let context: AppContext

    public init(state: AppState, context: AppContext) { self.state = state; self.context = context }

    public func render(into canvas: inout Canvas, _ rect: Rect) {
        canvas.box(rect, title: "Selected movie", style: Theme.border, titleStyle: Theme.title)
        let m = Int(state.selectedItem)
        let data = context.dataset
        let movie = data.movie(m)
        var w = Writer(canvas: canvas, area: rect.inner.inset(dx: 1, dy: 0))
        defer { canvas = w.canvas }
        func line(_ text: String, _ style: Style = .plain) { w.line([(text, style)]) }
        line(movie.displayTitleWithYear, Theme.header)
        if !movie.genres.isEmpty { line(movie.genres.joined(separator: " · "), Theme.label) }
        if !context.capabilities.trains {
            // Only what the model file knows: how often the movie was rated (when it says), and its bias.
            if context.capabilities.countsKnown { w.flow([("\(Int(context.counts[m]).grouped) ratings in the data it was trained on", .plain)]) }
            w.flow([("Its ratings are not loaded: --data PATH shows their histogram.", Theme.label)])
            return
        }
        let ratings = data.ratings.ratings(ofItem: m).map { data.ratings.values[Int($0)] }
        let mean = ratings.isEmpty ? 0 : ratings.reduce(0, +) / Float(ratings.count)
        w.flow([("\(ratings.count) ratings, mean \(String(format: "%.2f", mean))", .plain)])
        // A small histogram of its ratings.
        let counts = RatingHistogram(ratings, scale: data.scale).bins.map(\.count)
        let top = max(1, counts.max() ?? 1)
        let blocks: [Unicode.Scalar] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let bars = String(String.UnicodeScalarView(counts.map { blocks[$0 * 8 / top] }))
        w.line([(formatRating(data.scale.min) + " ", Theme.label), (bars, Theme.train), (" " + formatRating(data.scale.max), Theme.label)])
        let u = state.selectedUser
        if u != context.personUser && Int(u) < data.userCount {
            w.y += 1
            w.flow([("user \(context.userLabel(u)): \(data.ratings.userActivity(Int(u))) ratings", Theme.label)])
        }
    }
}

/// The data set at a glance: size, sparsity, the rating histogram.
public struct DatasetWidget {
    public let state: AppState
    public let context: AppContext

    public init(state: AppState, context: AppContext) { self.state = state; self.context = context }

    public func render(into canvas: inout Canvas, _ rect: Rect) {
        let data = context.dataset
        canvas.box(rect, title: "Data · \(context.datasetName) (\(context.capabilities.trains ? data.format.rawValue : "factors only"))", style: Theme.border, titleStyle: Theme.title)
        var w = Writer(canvas: canvas, area: rect.inner.inset(dx: 1, dy: 0))
        defer { canvas = w.canvas }
        func line(_ text: String, _ style: Style = .plain) { w.line([(text, style)]) }
        if let elsewhere = context.capabilities.trainedElsewhere {
            w.flow([("A model's factors, without its ratings: \(data.userCount.grouped) users × \(data.itemCount.grouped) movies", .plain)])
            w.flow([("Trained by \(TerminalText.safe(elsewhere.on))", Theme.label)])
            let total = data.userActivity.reduce(0) { $0 + Int($1) }
            if total > 0 { w.flow([("\(total.grouped) ratings in the data it was trained on (not loaded)", Theme.label)]) }
            w.flow([("Work: ", Theme.header), ("the map, neighbours, biases, you and your recommendations, predictions.", .plain)])
            w.flow([("Need --data PATH: ", Theme.header), ("training, the loss curve, known ratings.", .plain)])
            return
        }
        w.flow([("\(data.userCount.grouped) users × \(data.itemCount.grouped) movies, \(data.ratings.count.grouped) ratings", .plain)])
        w.flow([(String(format: "%.1f%% of the cells are empty", data.sparsity * 100), Theme.label)])
        if data.planted != nil {
            w.flow([("Synthetic: ratings drawn from planted tastes (its README says how).", Theme.warn)])
            let planted = state.snapshot?.insight.planted
            func r2(_ v: Float?) -> String { v.map { String(format: "%.2f", $0) } ?? "–" }
            w.flow([("Planted tastes recovered: R² \(r2(planted?.all)): genres \(r2(planted?.genres)), unnamed \(r2(planted?.unnamed))", .plain),
                    (" (how well a linear map of the movie factors predicts the planted tastes of movies it was not fitted on: the genres, and the tastes no category names, era, mainstream, tone and two scenes).", Theme.label)])
        }
        let top = max(1, context.histogram.map(\.count).max() ?? 1)
        for (key, count) in context.histogram {
            let bar = String(repeating: "█", count: max(1, count * max(1, w.area.width - 16) / top))
            w.line([(formatRating(key).leftPadded(4) + " ", Theme.label), (bar, Theme.train)])
        }
    }
}
