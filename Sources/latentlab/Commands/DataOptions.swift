import ArgumentParser
import Foundation
import LatentCore

/// The options every command that reads ratings shares.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "A MovieLens folder, ratings file or .zip (default: the bundled SampleData).")
    var data: String?

    @Option(name: .long, help: "A ratings file in any delimited layout (use with --sep and --columns).")
    var ratings: String?

    @Option(name: .long, help: "The separator of a file in no MovieLens layout (--ratings, --train/--valid or --data): ',', '\\t', '::', ';' ... (default: ',')")
    var sep: String?

    @Option(name: .long, help: "Its column names in order, e.g. user,item,rating,timestamp (default: user,item,rating).")
    var columns: String?

    @Option(name: .long, help: "A movies file for --ratings: id,title[,genres].")
    var movies: String?

    @Option(name: .long, help: "Training ratings, with --valid: a split given as two files.")
    var train: String?

    @Option(name: .long, help: "Validation ratings, with --train.")
    var valid: String?

    @Flag(name: .long, help: "Count and skip malformed lines instead of stopping at the first.")
    var skipBadLines = false

    /// Whether the command line names the ratings (else the bundled sample, or a model's own data).
    var named: Bool { data != nil || ratings != nil || train != nil }

    func validate() throws {
        if (train == nil) != (valid == nil) { throw ValidationError("--train and --valid go together.") }
        if data != nil && ratings != nil { throw ValidationError("Use --data or --ratings, not both.") }
    }

    /// Loads the data set the options name, printing a progress line on a terminal.
    func load(progress: (@Sendable (LoadProgress) -> Void)? = nil) throws -> Dataset {
        var options = LoadOptions(skipBadLines: skipBadLines, progress: progress)
        // --ratings is always a described layout; --train/--valid and --data are when --sep or
        // --columns describe them (else the MovieLens layout is detected).
        if ratings != nil || sep != nil || columns != nil {
            options.genericLayout = try RatingsLayout.generic(separator: sep ?? ",",
                                                              columns: (columns ?? "user,item,rating").split(separator: ",").map(String.init))
            options.moviesFile = movies.map { URL(fileURLWithPath: $0) }
        }
        if let ratings { return try DatasetLoader.load(ratings, options: options) }
        if let train, let valid {
            return try DatasetLoader.load(train: train, valid: valid, options: options)
        }
        return try DatasetLoader.load(data ?? SampleDataLocator.path(), options: options)
    }
}

/// Finds the bundled SampleData folder: beside the working directory, above the binary (a
/// checkout's .build/release), or in PREFIX/share/latentlab (what `./lab install` puts there).
enum SampleDataLocator {
    static func path() throws -> String {
        let fm = FileManager.default
        var candidates = [URL(fileURLWithPath: fm.currentDirectoryPath).appendingPathComponent("SampleData")]
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(dir.appendingPathComponent("SampleData"))
            candidates.append(dir.appendingPathComponent("share/latentlab/SampleData"))
            dir = dir.deletingLastPathComponent()
        }
        for c in candidates where fm.fileExists(atPath: c.appendingPathComponent("ratings.csv").path) {
            return c.path
        }
        throw ValidationError("No --data given and no SampleData/ folder found; pass --data PATH (a MovieLens folder, file or zip).")
    }
}
