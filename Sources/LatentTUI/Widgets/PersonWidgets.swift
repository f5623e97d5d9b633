import Foundation
import LatentCore

/// The person's own ratings, newest change first, and where they are kept.
public struct YouWidget {
    public let state: AppState
    public let context: AppContext
    public let journalPath: String?

    public init(state: AppState, context: AppContext, journalPath: String?) {
        self.state = state; self.context = context; self.journalPath = journalPath
    }

    public func render(into canvas: inout Canvas, _ rect: Rect) {
        canvas.box(rect, title: "You · rated \(state.person.count)", style: Theme.border, titleStyle: Theme.title)
        var w = Writer(canvas: canvas, area: rect.inner.inset(dx: 1, dy: 0))
        defer { canvas = w.canvas }
        if state.person.isEmpty {
            w.flow([("Rate movies to get recommendations: ", .plain), ("/ ", Theme.key), ("finds a title (or pick a grid column), ", Theme.label),
                    ("1–5 ", Theme.key), ("rates it, ", Theme.label), (". ", Theme.key), ("adds ½ star, ", Theme.label),
                    ("0 ", Theme.key), ("clears, ", Theme.label), ("u ", Theme.key), ("undoes.", Theme.label)], indent: 0)
        }
        // Most recently rated first (`recent`, kept from the journal across restarts), then any other by id.
        var order: [Int32] = state.recent.reversed().filter { state.person[$0] != nil }
        for item in state.person.keys.sorted() where !order.contains(item) { order.append(item) }
        let starsWidth = 7
        for item in order {
            guard w.area.maxY - w.y > (journalPath == nil ? 0 : 1) else { break }
            let rating = state.person[item] ?? 0
            let titleWidth = max(4, w.area.width - starsWidth - 1)
            let title = TitleFit.fit(context.dataset.movie(Int(item)), width: titleWidth)
            w.line([(title.fitted(titleWidth), .plain), (" ", .plain), (Self.stars(rating, max: context.dataset.scale.max), Theme.warn)])
        }
        if let journalPath, w.area.maxY > w.area.y {
            // A path may be cut (it is not a sentence); the full one is in the README and `--state`.
            w.y = w.area.maxY - 1
            w.line([("saved in ", Theme.label), (journalPath, Theme.label)])
        }
    }

    /// ★★★★½ for 4.5 on a five-star scale.
    static func stars(_ rating: Float, max: Float) -> String {
        guard rating.isFinite, rating > 0 else { return "" }
        let whole = Int(Swift.min(rating, 10).rounded(.down))
        let half = rating - Float(whole) >= 0.5
        return String(repeating: "★", count: whole) + (half ? "½" : "")
    }
}

/// Recommendations for the person, with why.
public struct RecommendationsWidget {
    public let state: AppState
    public let context: AppContext

    public init(state: AppState, context: AppContext) { self.state = state; self.context = context }

    public func render(into canvas: inout Canvas, _ rect: Rect) {
        let snap = state.snapshot
        let rated = !(snap?.personRated == 0 || state.person.isEmpty)
        // Without counts of ratings (a model imported on its own) nothing is known to be popular: the biases rank.
        let countsKnown = context.capabilities.countsKnown
        // Nothing rated, nothing trained: random parameters would rank at random, so the ratings themselves rank.
        let untrained = !rated && snap?.step == 0 && !context.popular.isEmpty
        var title = rated ? "Recommended for you" : (countsKnown ? "Popular and well rated" : "Highest movie biases")
        if rated { title += state.sureBets ? " · sure bets" : state.scoring == .dot ? " · predicted" : " · taste (cosine)" }
        if state.minRatings > 0 { title += " · ≥\(state.minRatings) ratings" }
        canvas.box(rect, title: title, style: Theme.border, titleStyle: Theme.title)
        var w = Writer(canvas: canvas, area: rect.inner.inset(dx: 1, dy: 0))
        defer { canvas = w.canvas }
        if untrained {
            w.flow([("Nothing rated or trained yet: the best-loved popular films by their ratings (mean, count; a movie few rated counts for less).", Theme.label)], indent: 0)
            for (i, p) in context.popular.enumerated() {
                guard w.hasRoom else { break }
                line(&w, i, p.item, String(format: "%.2f", p.mean), count: p.count)
            }
            return
        }
        guard let recs = snap?.recommendations, !recs.isEmpty else {
            w.line([("waiting for the model…", Theme.label)])
            return
        }
        // Rated, but the model is still its random start: say so rather than let the list pass for advice.
        if rated && snap?.step == 0 && context.capabilities.trains {
            w.flow([("Untrained model (step 0): near-random until it trains (space).", Theme.warn)], indent: 0)
        }
        if rated && state.sureBets && snap?.hyper.sampled == true {
            w.flow([("Ranked by mean − spread: a confident 4.0 before a wide 4.3.", Theme.label)], indent: 0)
        }
        if !rated {
            w.flow([(countsKnown ? "Nothing rated yet: the best-loved popular films."
                                 : "Nothing rated yet: the movies the model rates high whatever the taste.", Theme.label)], indent: 0)
        }
        // A rarely rated movie can top every list on a few ratings: its count says so, and m hides them.
        let rare = countsKnown && state.minRatings == 0 && recs.prefix(3).contains { Int(context.counts[$0.item]) < context.rareBelow }
        var shown = 0
        for (i, r) in recs.enumerated() {
            guard w.roomLeft > (rare && shown > 0 ? 2 : 0) else { break }
            // A sampled model's prediction carries its spread: the posterior mean ± one standard deviation.
            let score = r.spread.map { String(format: "%.2f±%.2f", r.score, $0) }
                ?? (state.scoring == .dot || !rated ? String(format: "%.2f", r.score) : String(format: "%+.2f", r.score))
            line(&w, i, r.item, score, count: countsKnown ? Int(context.counts[r.item]) : nil)
            shown += 1
            if rated, let because = r.because, w.roomLeft > (rare ? 2 : 0) {
                w.line([("    because you liked ", Theme.label), (context.dataset.movie(because).displayTitle, Theme.label)])
            }
        }
        if rare && w.hasRoom {
            w.flow([("(n): its ratings. Few make a bold guess: m hides movies with fewer than \(context.rareBelow).", Theme.warn)], indent: 0)
        }
    }

    /// `  1. Title (year)…  4.50 (48)`: the score in colour, the movie's count of ratings after it.
    private func line(_ w: inout Writer, _ i: Int, _ item: Int, _ score: String, count: Int?) {
        let countText = count.map { " (\($0.grouped))" } ?? ""
        let width = max(4, w.area.width - 4 - Canvas.displayWidth(score) - 1 - Canvas.displayWidth(countText))
        w.line([(String(i + 1).leftPadded(2) + ". ", Theme.label), (TitleFit.fit(context.dataset.movie(item), width: width).fitted(width), .plain),
                (" " + score, Theme.good), (countText, Theme.label)])
    }
}
