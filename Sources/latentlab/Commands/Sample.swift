import ArgumentParser
import Foundation
import LatentCore

struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate a synthetic MovieLens-like data set from a planted latent model (ml-latest CSV layout).")

    @Option(name: .long, help: "The folder to write ratings.csv, movies.csv and README.md into.")
    var out: String

    @Option(name: .long, help: "Random seed: the same seed writes the same files.")
    var seed: UInt64 = 42

    @Option(name: .long, help: "Number of users, 1–10,000,000.", transform: FlagBounds.int(1...10_000_000, "the number of users"))
    var users = 610

    @Option(name: .long, help: "Number of movies, from 20 to the \(SampleGenerator.catalog().count) real titles the generator knows.",
            transform: FlagBounds.int(20...SampleGenerator.catalog().count, "the number of movies"))
    var movies = 600

    @Option(name: .long, help: "Approximate number of ratings, 1–500,000,000.", transform: FlagBounds.int(1...500_000_000, "the number of ratings"))
    var ratings = 80_000

    func validate() throws {
        guard users > 0, movies >= 20, ratings > 0 else { throw ValidationError("--users, --movies and --ratings must be positive (at least 20 movies).") }
        let known = SampleGenerator.catalog().count
        guard movies <= known else { throw ValidationError("--movies can be at most \(known).") }
    }

    func run() throws {
        var p = SampleGenerator.Parameters()
        p.users = users; p.movies = movies; p.ratings = ratings; p.seed = seed
        let output = SampleGenerator(p).generate()
        try SampleWriter.write(output, parameters: p, to: URL(fileURLWithPath: out))
        print("wrote \(output.ratings.count.grouped) ratings of \(users.grouped) users on \(output.movies.count) movies to \(out)")
    }
}
