import ArgumentParser
import LatentCore

struct Similar: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Movies nearest to a movie by the cosine of their factors, or to a sum of movies (--plus, --minus: M[a] + M[b] − M[c], word2vec's analogies).")

    @OptionGroup var modelOption: ModelOption

    @Option(name: .long, help: "A movie id or (part of) a title.")
    var movie: String

    @Option(name: .shortAndLong, help: "How many movies, 1–100,000.", transform: FlagBounds.int(1...100_000, "-n"))
    var n = 10

    @Option(name: .long, help: "Skip movies with fewer ratings than this.", transform: FlagBounds.int(0...Int(Int32.max), "--min-ratings"))
    var minRatings = 0

    @Option(name: .long, help: "cosine: the angle between factor rows; euclidean: the distance between them (as the book does).")
    var metric: Similarity.Metric = .cosine

    @Option(name: .long, help: "Add this movie's factors to the query (repeatable): --movie A --plus B --minus C ranks by the cosine to M[A] + M[B] − M[C].")
    var plus: [String] = []

    @Option(name: .long, help: "Subtract this movie's factors from the query (repeatable).")
    var minus: [String] = []

    func validate() throws {
        if n < 1 { throw ValidationError("-n must be at least 1.") }
        if !(plus.isEmpty && minus.isEmpty) && metric != .cosine {
            throw ValidationError("--plus and --minus rank by the cosine to the sum: leave out --metric euclidean.")
        }
    }

    func run() throws {
        let loaded = try LoadedModel(path: modelOption.model)
        let item = try loaded.movie(movie)
        if !(plus.isEmpty && minus.isEmpty) { return try arithmetic(loaded, item) }
        if loaded.untrainedItems.contains(item) {
            throw Failure("\(loaded.title(item)): \(UntrainedRows.movie(loaded.contents.itemIds[item])); it has no neighbours yet. Train with a smaller --valid-pct, or pick another movie.")
        }
        print("\(metric == .cosine ? "Most similar to" : "Nearest to") \(loaded.movieLine(item)) (\(metric == .cosine ? "cosine" : "distance")):")
        // Untrained movies (random factors) are never anyone's neighbours.
        let found = Similarity.neighbours(of: item, model: loaded.model, counts: loaded.counts, minRatings: minRatings,
                                          n: n + loaded.untrainedItems.count, metric: metric)
        let shown = found.filter { !loaded.untrainedItems.contains($0.item) }.prefix(n)
        if shown.isEmpty { print("  (no other trained movie\(minRatings > 0 ? " with at least \(minRatings) ratings" : "") to compare with)") }
        for (i, nb) in shown.enumerated() {
            let figure = metric == .cosine ? String(format: "%+.3f", nb.cosine) : String(format: "%6.3f", nb.distance)
            print("\(String(i + 1).leftPadded(3)). \(figure)  \(loaded.movieLine(nb.item))")
        }
    }
}

extension Similar {
    /// `--plus`, `--minus`: the movies nearest M[movie] + Σ M[plus] − Σ M[minus].
    func arithmetic(_ loaded: LoadedModel, _ item: Int) throws {
        let added = try plus.map(loaded.movie), taken = try minus.map(loaded.movie)
        let query = EmbeddingArithmetic.Query(plus: [item] + added, minus: taken)
        if let untrained = query.movies.first(where: loaded.untrainedItems.contains) {
            throw Failure("\(loaded.title(untrained)): \(UntrainedRows.movie(loaded.contents.itemIds[untrained])); its factors are still random.")
        }
        let text = ([loaded.title(item)] + added.map { "+ \(loaded.title($0))" } + taken.map { "− \(loaded.title($0))" }).joined(separator: " ")
        print("Nearest to \(text) (cosine to the sum of their factor rows):")
        let found = EmbeddingArithmetic.nearest(query, model: loaded.model, counts: loaded.counts, minRatings: minRatings, n: n,
                                                exclude: loaded.untrainedItems)
        if found.isEmpty { print("  (no other trained movie\(minRatings > 0 ? " with at least \(minRatings) ratings" : "") to compare with)") }
        for (i, nb) in found.enumerated() {
            print("\(String(i + 1).leftPadded(3)). \(String(format: "%+.3f", nb.cosine))  \(loaded.movieLine(nb.item))")
        }
    }
}

struct Biases: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Movies with the lowest and highest bias: liked or disliked whatever people's taste.")

    @OptionGroup var modelOption: ModelOption

    @Option(name: .shortAndLong, help: "How many at each end, 1–100,000.", transform: FlagBounds.int(1...100_000, "-n"))
    var n = 10

    @Option(name: .long, help: "Skip movies with fewer ratings than this.", transform: FlagBounds.int(0...Int(Int32.max), "--min-ratings"))
    var minRatings = 0

    @Flag(name: .long, help: "Also list the users with the lowest and highest bias (who rate everything low or high).")
    var users = false

    func validate() throws {
        if n < 1 { throw ValidationError("-n must be at least 1.") }
        if minRatings < 0 { throw ValidationError("--min-ratings is 0 or more.") }
    }

    func run() throws {
        let loaded = try LoadedModel(path: modelOption.model)
        guard loaded.model.config.useBias else { throw Failure("This model was trained without biases (--no-bias).") }
        // Movies that never trained hold their random initial bias: never listed (their count is 0 here).
        let (lowest, highest) = BiasRanking.extremes(model: loaded.model, counts: loaded.trainedCounts, minRatings: max(1, minRatings), n: n)
        print("A bias is added to every prediction of its movie (or user); in stars, what it adds to the predicted rating of an average rating.")
        print("Lowest bias (disliked even by people whose taste they match):")
        for e in lowest { print("  \(String(format: "%+.3f (%+.2f stars)", e.bias, e.stars))  \(loaded.movieLine(e.item))  (\(loaded.counts[e.item]) ratings)") }
        print("Highest bias (liked even by people whose taste they do not match):")
        for e in highest { print("  \(String(format: "%+.3f (%+.2f stars)", e.bias, e.stars))  \(loaded.movieLine(e.item))  (\(loaded.counts[e.item]) ratings)") }
        guard users else { return }
        let activity = loaded.activity
        let (low, high) = BiasRanking.userExtremes(model: loaded.model, activity: activity, minRatings: max(1, minRatings), n: n)
        print("Users with the lowest bias (rate everything low):")
        for e in low { print("  \(String(format: "%+.3f (%+.2f stars)", e.bias, e.stars))  user \(loaded.contents.userIds[e.item])  (\(activity[e.item]) ratings)") }
        print("Users with the highest bias (rate everything high):")
        for e in high { print("  \(String(format: "%+.3f (%+.2f stars)", e.bias, e.stars))  user \(loaded.contents.userIds[e.item])  (\(activity[e.item]) ratings)") }
    }
}
