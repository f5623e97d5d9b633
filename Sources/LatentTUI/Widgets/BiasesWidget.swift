import Foundation
import LatentCore

/// The biases (`v`): the movies loved or hated regardless of taste, and the users who rate
/// everything high or low, each with what the bias does in stars, beside the mean rating and
/// the number of ratings.
public struct BiasesWidget {
    public let state: AppState
    public let context: AppContext

    public init(state: AppState, context: AppContext) { self.state = state; self.context = context }

    public func render(into canvas: inout Canvas, _ rect: Rect) {
        canvas.box(rect, title: "Biases · loved or hated regardless of taste", style: Theme.border, titleStyle: Theme.title)
        var w = Writer(canvas: canvas, area: rect.inner.inset(dx: 1, dy: 0))
        defer { canvas = w.canvas }
        if let hyper = state.snapshot?.hyper, !hyper.useBias {
            // (The ranking of all-zero biases would read as a ranking.)
            w.flow([(hyper.neural ? "The neural network has no biases: a movie loved regardless of taste is somewhere in its layers, not in one number. The dot-product presets have them (p)."
                                  : "This model has no biases (b turns them on).", Theme.label)], indent: 0)
            return
        }
        guard let insight = state.snapshot?.insight, !insight.highestMovies.isEmpty else {
            w.flow([("Ranking the biases…", Theme.label)])
            return
        }
        w.flow([("A bias is added to every prediction of its movie (or user), whatever the taste. In stars: what it adds to the predicted rating of an average rating (",
                 Theme.label), (String(format: "%.2f", insight.biasReference), .plain), (").", Theme.label)], indent: 0)
        let twoColumns = w.area.width >= 76
        let columnWidth = twoColumns ? (w.area.width - 2) / 2 : w.area.width
        let rowsLeft = w.area.maxY - w.y
        // Movies take most of the room; users the rest.
        // One column: each pair of rows (lowest, highest) costs two lines; the users keep a third of them.
        let pairs = max(3, (rowsLeft - 8) / 2)
        let perList = max(2, twoColumns ? (rowsLeft - 8) * 2 / 3 : pairs - max(1, pairs / 3))
        w.y += 1
        section(&w, "Movies", insight.lowestMovies, insight.highestMovies, rows: perList, twoColumns: twoColumns, width: columnWidth, movies: true)
        w.y += 1
        let userRows = max(1, min(5, twoColumns ? w.area.maxY - w.y - 4 : (w.area.maxY - w.y - 6) / 2))
        section(&w, "Users", insight.lowestUsers, insight.highestUsers, rows: userRows, twoColumns: twoColumns, width: columnWidth, movies: false)
        // The selection: where the selected movie and user stand (a line each, the title cut if need be).
        w.y = max(w.y, w.area.maxY - 2)
        for (ranked, isMovie) in [(insight.selectedMovieBias, true), (insight.selectedUserBias, false)] {
            guard let ranked else { continue }
            let short = String(format: " %+.2f, %+.2f stars, rank ", ranked.entry.bias, ranked.entry.stars) + "\(ranked.rank.grouped)/\(ranked.of.grouped)"
            let long = short + " from the lowest"
            let figures = w.area.width - Canvas.displayWidth(long) >= 22 ? long : short
            let room = max(8, w.area.width - 2 - Canvas.displayWidth(figures))
            let name = isMovie ? TitleFit.fit(context.dataset.movie(ranked.entry.item), width: room) : context.userName(Int32(ranked.entry.item))
            w.line([("▸ ", Theme.header), (name.fitted(room), .plain), (figures, Theme.label)])
        }
    }

    private func section(_ w: inout Writer, _ name: String, _ low: [BiasRanking.Entry], _ high: [BiasRanking.Entry], rows: Int,
                         twoColumns: Bool, width: Int, movies: Bool) {
        guard w.hasRoom else { return }
        let header = " bias  stars mean count  "
        if twoColumns {
            w.line([("\(name): lowest".padded(width), Theme.header), ("  ", .plain), ("\(name): highest", Theme.header)])
            w.line([(header.padded(width), Theme.label), ("  ", .plain), (header, Theme.label)])
            for i in 0..<rows where w.hasRoom {
                let left = i < low.count ? entry(low[i], width: width, movies: movies) : ""
                let right = i < high.count ? entry(high[i], width: width, movies: movies) : ""
                w.line([(left.fitted(width), .plain), ("  ", .plain), (right, .plain)])
            }
        } else {
            for (title, list) in [("lowest", low), ("highest", high)] where w.hasRoom {
                w.line([("\(name): \(title)", Theme.header), ("  (bias, stars, mean, count)", Theme.label)])
                for e in list.prefix(rows) where w.hasRoom { w.line([(entry(e, width: width, movies: movies), .plain)]) }
            }
        }
    }

    /// `-0.82 -0.61  2.31    48  Battlefield Earth (2000)`.
    private func entry(_ e: BiasRanking.Entry, width: Int, movies: Bool) -> String {
        let data = context.dataset
        if !context.capabilities.trains {
            let activity = context.dataset.userActivity
            // No ratings loaded: no mean; the count when the model file knows it.
            let count = movies ? (context.capabilities.countsKnown ? Int(context.counts[e.item]).grouped : "–")
                               : (e.item < activity.count && activity[e.item] > 0 ? Int(activity[e.item]).grouped : "–")
            let figures = String(format: "%+5.2f %+5.2f    – ", e.bias, e.stars) + count.leftPadded(5) + "  "
            return figures + name(e, movies: movies, width: width - Canvas.displayWidth(figures))
        }
        let indices = movies ? Array(data.ratings.ratings(ofItem: e.item)) : Array(data.ratings.ratings(ofUser: e.item))
        let mean = indices.isEmpty ? 0 : indices.reduce(Float(0)) { $0 + data.ratings.values[Int($1)] } / Float(indices.count)
        let figures = String(format: "%+5.2f %+5.2f %4.2f ", e.bias, e.stars, mean) + indices.count.grouped.leftPadded(5) + "  "
        return figures + name(e, movies: movies, width: width - Canvas.displayWidth(figures))
    }

    /// A movie's title kept telling apart in the room left (`TitleFit`), or a user's name.
    private func name(_ e: BiasRanking.Entry, movies: Bool, width: Int) -> String {
        movies ? TitleFit.fit(context.dataset.movie(e.item), width: max(8, width)) : "user \(context.userLabel(Int32(e.item)))"
    }
}
