import ArgumentParser
import Foundation
import LatentCore

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the movie factors for the TensorFlow Embedding Projector, the factor tables as CSV, or a factor directory.")

    @OptionGroup var modelOption: ModelOption

    @Option(name: .long, help: "Folder for vectors.tsv and metadata.tsv (projector.tensorflow.org: Load).")
    var projector: String?

    @Option(name: .long, help: "Folder for movie_factors.csv and user_factors.csv (id, bias, f0, f1, ...).")
    var csv: String?

    @Option(name: .long, help: "Folder for a factor directory (manifest.json, users.csv, movies.csv): what `latentlab import` reads, and what Scale/ scripts write from Spark or PyTorch.")
    var factors: String?

    func validate() throws {
        if projector == nil && csv == nil && factors == nil { throw ValidationError("Give --projector DIR, --csv DIR or --factors DIR.") }
    }

    func run() throws {
        let loaded = try LoadedModel(path: modelOption.model)
        let c = loaded.contents
        let k = c.header.config.factors
        func number(_ x: Float) -> String { String(format: "%.6g", x) }
        if let projector {
            var vectors = "", metadata = "title\tyear\tgenres\tcount\n"
            for m in 0..<c.header.items {
                vectors += (0..<k).map { number(c.itemFactors[m * k + $0]) }.joined(separator: "\t") + "\n"
                let movie = c.header.movies[m]
                let clean = { (s: String) in s.replacingOccurrences(of: "\t", with: " ") }
                metadata += "\(clean(movie.displayTitle))\t\(movie.year.map(String.init) ?? "")\t\(clean(movie.genres.joined(separator: "|")))\t\(c.itemCounts[m])\n"
            }
            let dir = URL(fileURLWithPath: projector)
            try AtomicFile.write(vectors, to: dir.appendingPathComponent("vectors.tsv"))
            try AtomicFile.write(metadata, to: dir.appendingPathComponent("metadata.tsv"))
            print("wrote \(c.header.items) movie vectors of \(k) factors to \(projector)/vectors.tsv and metadata.tsv")
        }
        if let factors {
            try FactorDirectory.write(c, to: URL(fileURLWithPath: factors), version: LatentLab.configuration.version)
            print("wrote manifest.json, users.csv (\(c.header.users.grouped) users) and movies.csv (\(c.header.items.grouped) movies) to \(factors)")
        }
        if let csv {
            let head = "id,bias," + (0..<k).map { "f\($0)" }.joined(separator: ",") + "\n"
            var movies = "movieId,title," + head.dropFirst(3)
            for m in 0..<c.header.items {
                movies += "\(c.itemIds[m]),\(SampleWriter.csvField(c.header.movies[m].title)),\(number(c.itemBias[m])),"
                    + (0..<k).map { number(c.itemFactors[m * k + $0]) }.joined(separator: ",") + "\n"
            }
            var users = "userId," + head.dropFirst(3)
            for u in 0..<c.header.users {
                users += "\(c.userIds[u]),\(number(c.userBias[u])),"
                    + (0..<k).map { number(c.userFactors[u * k + $0]) }.joined(separator: ",") + "\n"
            }
            let dir = URL(fileURLWithPath: csv)
            try AtomicFile.write(movies, to: dir.appendingPathComponent("movie_factors.csv"))
            try AtomicFile.write(users, to: dir.appendingPathComponent("user_factors.csv"))
            print("wrote movie_factors.csv and user_factors.csv to \(csv)")
        }
    }
}
