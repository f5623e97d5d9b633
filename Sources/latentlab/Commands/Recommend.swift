import ArgumentParser
import Foundation
import LatentCore

struct Recommend: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Top movies for a user of the model, or for a new person's ratings (folded in instantly).")

    @OptionGroup var modelOption: ModelOption

    @Option(name: .long, help: "A user id of the training data.")
    var user: Int64?

    @Option(name: .long, help: "A CSV of your own ratings: movie,rating (movie = id or title).")
    var ratings: String?

    @Option(name: .shortAndLong, help: "How many movies, 1–100,000.", transform: FlagBounds.int(1...100_000, "-n"))
    var n = 10

    @Option(name: .long, help: "Skip movies with fewer ratings than this (obscure movies with a few glowing ratings).",
            transform: FlagBounds.int(0...Int(Int32.max), "--min-ratings"))
    var minRatings = 0

    @Option(name: .long, help: "dot ranks by predicted rating, cosine by closeness to the taste vector.")
    var scoring: Recommender.Scoring = .dot

    @Flag(name: .long, help: "A bayes model: rank by the posterior's lower bound, mean − spread, so that a confident prediction comes before a wide one a little higher.")
    var sureBets = false

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func validate() throws {
        if (user == nil) == (ratings == nil) { throw ValidationError("Give --user ID or --ratings FILE.") }
        if sureBets && scoring == .cosine { throw ValidationError("--sure-bets ranks predicted ratings: leave out --scoring cosine.") }
        if n < 1 { throw ValidationError("-n must be at least 1.") }
    }

    func run() throws {
        let loaded = try LoadedModel(path: modelOption.model)
        if sureBets && loaded.posterior == nil {
            throw Failure("--sure-bets needs a bayes model (train --preset bayes --save): this model has one set of factors, no spread to rank by.")
        }
        let model = loaded.model
        var scoringMode = scoring
        let scale = loaded.contents.header.scale
        var recs: [Recommendation]
        var header: String
        if let user {
            let u = try loaded.user(rawId: user)
            let rated = Set(loaded.contents.rated(byUser: u).map(Int.init))
            let person = loaded.person(user: u)
            // Cosine measures closeness to a taste; a user the model never learned has none.
            if !person.hasTaste { scoringMode = .dot }
            if let posterior = loaded.posterior, scoringMode == .dot {
                let liked = loaded.contents.rated(byUser: u).map(Int.init)
                recs = PosteriorRanking.top(items: posterior.itemCount, posterior: { posterior.posterior(user: u, item: $0) },
                                            exclude: rated.union(loaded.untrainedItems), counts: loaded.counts, minRatings: minRatings, n: n,
                                            sureBets: sureBets, because: { Similarity.mostSimilar(to: $0, among: liked, model: model) })
            } else {
                recs = Recommender.top(model: model, person: person, exclude: rated.union(loaded.untrainedItems),
                                       counts: loaded.counts, minRatings: minRatings, n: n, scoring: scoringMode, clipTo: scale)
            }
            header = "Recommended for user \(user) (\(rated.count) ratings)"
            if loaded.untrainedUsers.contains(u) {
                header += "\n(\(UntrainedRows.user(user)): the list follows the movies' biases, the same for anyone"
                    + (scoring == .cosine ? ", ranked by predicted rating since there is no taste to be close to" : "") + ")"
            }
        } else if let ratings {
            let parsed = try PersonalRatingsFile.read(URL(fileURLWithPath: ratings), scale: scale)
            try PersonalRatingsFile.check(parsed, file: ratings, against: loaded.contents.catalogIdentity)
            let resolved = try PersonalRatingsFile.resolve(parsed.entries, file: ratings, itemIndex: loaded.item(rawId:),
                                                           search: loaded.search, title: loaded.title, scale: loaded.contents.header.scale)
            // The same function the explorer's panel uses.
            // Movies the model never trained on have random factors: they neither place you nor get recommended.
            let usable = resolved.filter { !loaded.untrainedItems.contains($0.item) }
            recs = Array(PersonalRecommendations.make(model: model, ratings: usable, counts: loaded.counts, minRatings: minRatings,
                                                      n: n + loaded.untrainedItems.count, scoring: scoringMode, clipTo: scale,
                                                      foldIn: loaded.contents.header.foldIn ?? .standard)
                .recommendations.filter { !loaded.untrainedItems.contains($0.item) }.prefix(n))
            // A bayes model: the person folded in under each kept sample, ranked by their posterior.
            if let posterior = loaded.posterior, scoringMode == .dot, let folded = posterior.foldIn(usable.map { ($0.item, $0.rating) }) {
                let mean = usable.map(\.rating).reduce(0, +) / Float(max(1, usable.count))
                let liked = usable.filter { $0.rating >= mean }.map(\.item)
                recs = PosteriorRanking.top(items: posterior.itemCount, posterior: { posterior.posterior(of: folded, item: $0) },
                                            exclude: Set(usable.map(\.item)).union(loaded.untrainedItems), counts: loaded.counts,
                                            minRatings: minRatings, n: n, sureBets: sureBets,
                                            because: { Similarity.mostSimilar(to: $0, among: liked, model: model) })
            }
            header = "Recommended for the \(usable.count) ratings in \(ratings) (folded in)"
            if usable.count < resolved.count {
                let first = resolved.first { loaded.untrainedItems.contains($0.item) }.map { loaded.contents.itemIds[$0.item] } ?? 0
                header += "\n(\(resolved.count - usable.count) of your ratings left out: \(resolved.count - usable.count == 1 ? "" : "the first, ")\(UntrainedRows.movie(first)))"
            }
        } else { return }
        if let posterior = loaded.posterior, scoringMode == .dot {
            header += "\n(a bayes model: each prediction is the mean ± spread over its \(posterior.count) kept samples"
                + (sureBets ? "; ranked by mean − spread, the sure bets)" : ")")
        }
        if json {
            struct Row: Encodable {
                var rank: Int; var id: Int64; var title: String; var score: Float; var rawScore: Float; var because: String?; var spread: Float?
                enum CodingKeys: String, CodingKey { case rank, id, title, score, rawScore = "raw_score", because, spread }
            }
            let rows = recs.enumerated().map { i, r in
                Row(rank: i + 1, id: loaded.contents.itemIds[r.item], title: loaded.contents.header.movies[r.item].title,
                    score: r.score, rawScore: r.unclipped, because: r.because.map { loaded.contents.header.movies[$0].title }, spread: r.spread)
            }
            print(try JSONOutput.string(rows))
            return
        }
        print(header)
        for (i, r) in recs.enumerated() {
            let score = r.spread.map { String(format: "%.2f ± %.2f", r.score, $0) }
                ?? (scoringMode == .dot ? String(format: "%.2f", r.score) : String(format: "%+.3f", r.score))
            var line = "\(String(i + 1).leftPadded(3)). \(score)  \(loaded.movieLine(r.item))"
            if let b = r.because { line += "\n            because you liked \(loaded.title(b))" }
            print(line)
        }
        if recs.contains(where: { $0.score != $0.unclipped }) {
            print("(predictions beyond \(formatRating(scale.min))–\(formatRating(scale.max)) are shown clipped to the scale, as Surprise does; the order follows the raw predictions)")
        }
    }
}
