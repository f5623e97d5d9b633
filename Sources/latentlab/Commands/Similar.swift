import ArgumentParser
import LatentCore

struct Similar: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Movies nearest to a movie by the cosine of their factors.")

    @OptionGroup var modelOption: ModelOption

    @Option(name: .long, help: "A movie id or (part of) a title.")
    var movie: String

    @Option(name: .shortAndLong, help: "How many movies.")
    var n = 10

    @Option(name: .long, help: "Skip movies with fewer ratings than this.")
    var minRatings = 0

    func run() throws {
        let loaded = try LoadedModel(path: modelOption.model)
        let item = try loaded.movie(movie)
        print("Most similar to \(loaded.movieLine(item)):")
        for (i, nb) in Similarity.neighbours(of: item, model: loaded.model, counts: loaded.counts, minRatings: minRatings, n: n).enumerated() {
            print("\(String(i + 1).leftPadded(3)). \(String(format: "%+.3f", nb.cosine))  \(loaded.movieLine(nb.item))")
        }
    }
}

struct Biases: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Movies with the lowest and highest bias: liked or disliked whatever people's taste.")

    @OptionGroup var modelOption: ModelOption

    @Option(name: .shortAndLong, help: "How many at each end.")
    var n = 10

    @Option(name: .long, help: "Skip movies with fewer ratings than this.")
    var minRatings = 0

    func run() throws {
        let loaded = try LoadedModel(path: modelOption.model)
        guard loaded.model.config.useBias else { throw Failure("This model was trained without biases (--bias false).") }
        let (lowest, highest) = BiasRanking.extremes(model: loaded.model, counts: loaded.counts, minRatings: minRatings, n: n)
        print("Lowest bias (disliked even by people whose taste they match):")
        for e in lowest { print("  \(String(format: "%+.3f", e.bias))  \(loaded.movieLine(e.item))  (\(loaded.counts[e.item]) ratings)") }
        print("Highest bias (liked even by people whose taste they do not match):")
        for e in highest { print("  \(String(format: "%+.3f", e.bias))  \(loaded.movieLine(e.item))  (\(loaded.counts[e.item]) ratings)") }
    }
}
