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

    /// What each output may replace: files an earlier export wrote, recognised by their headers.
    static let projectorMetadata = FileSignature.text("a projector metadata.tsv LatentLab wrote", firstLine: ["title\tyear\tgenres\tcount"])
    /// vectors.tsv has no header: numbers and tabs only, as an earlier export wrote it.
    static let projectorVectors = FileSignature(name: "a projector vectors.tsv LatentLab wrote (numbers and tabs only)") { head in
        head.allSatisfy { b in (0x30...0x39).contains(b) || [0x09, 0x0A, 0x2D, 0x2B, 0x2E, 0x65, 0x45, 0x69, 0x6E, 0x66, 0x61].contains(b) }
    }
    static let movieFactorsCSV = FileSignature.text("a movie_factors.csv LatentLab wrote", firstLine: ["movieId,title,bias,f0"])
    static let userFactorsCSV = FileSignature.text("a user_factors.csv LatentLab wrote", firstLine: ["userId,bias,f0"])

    func run() throws {
        // Every target checked before anything is read or written: a refusal leaves all as it was.
        let modelURL = URL(fileURLWithPath: modelOption.model)
        if let projector {
            let dir = URL(fileURLWithPath: projector)
            try WriteGuard.requireReplaceable(dir.appendingPathComponent("vectors.tsv"), by: Self.projectorVectors)
            try WriteGuard.requireReplaceable(dir.appendingPathComponent("metadata.tsv"), by: Self.projectorMetadata)
        }
        if let csv {
            let dir = URL(fileURLWithPath: csv)
            try WriteGuard.requireReplaceable(dir.appendingPathComponent("movie_factors.csv"), by: Self.movieFactorsCSV)
            try WriteGuard.requireReplaceable(dir.appendingPathComponent("user_factors.csv"), by: Self.userFactorsCSV)
        }
        if let factors { try FactorDirectory.requireReplaceable(URL(fileURLWithPath: factors), protecting: [modelURL]) }
        let loaded = try LoadedModel(path: modelOption.model)
        let c = loaded.contents
        let k = c.header.config.factors
        // Users and movies that never trained hold random numbers: no export carries them.
        let untrained = UntrainedRows(c.header)
        func number(_ x: Float) -> String { String(format: "%.6g", x) }
        if let projector {
            var vectors = "", metadata = "title\tyear\tgenres\tcount\n"
            for m in 0..<c.header.items where !untrained.items.contains(m) {
                vectors += (0..<k).map { number(c.itemFactors[m * k + $0]) }.joined(separator: "\t") + "\n"
                let movie = c.header.movies[m]
                let clean = { (s: String) in s.replacingOccurrences(of: "\t", with: " ") }
                metadata += "\(clean(movie.displayTitle))\t\(movie.year.map(String.init) ?? "")\t\(clean(movie.genres.joined(separator: "|")))\t\(c.itemCounts[m])\n"
            }
            let dir = URL(fileURLWithPath: projector)
            try AtomicFile.write(vectors, to: dir.appendingPathComponent("vectors.tsv"), replacing: Self.projectorVectors)
            try AtomicFile.write(metadata, to: dir.appendingPathComponent("metadata.tsv"), replacing: Self.projectorMetadata)
            print("wrote \((c.header.items - untrained.items.count).grouped) movie vectors of \(k) factors to \(projector)/vectors.tsv and metadata.tsv")
        }
        if let factors {
            try FactorDirectory.write(c, to: URL(fileURLWithPath: factors), version: LatentLab.configuration.version, protecting: [modelURL])
            print("wrote manifest.json, users.csv (\((c.header.users - untrained.users.count).grouped) users) and movies.csv (\((c.header.items - untrained.items.count).grouped) movies) to \(factors)")
        }
        if let csv {
            let head = "id,bias," + (0..<k).map { "f\($0)" }.joined(separator: ",") + "\n"
            var movies = "movieId,title," + head.dropFirst(3)
            for m in 0..<c.header.items where !untrained.items.contains(m) {
                movies += "\(c.itemIds[m]),\(CSV.field(c.header.movies[m].title)),\(number(c.itemBias[m])),"
                    + (0..<k).map { number(c.itemFactors[m * k + $0]) }.joined(separator: ",") + "\n"
            }
            var users = "userId," + head.dropFirst(3)
            for u in 0..<c.header.users where !untrained.users.contains(u) {
                users += "\(c.userIds[u]),\(number(c.userBias[u])),"
                    + (0..<k).map { number(c.userFactors[u * k + $0]) }.joined(separator: ",") + "\n"
            }
            let dir = URL(fileURLWithPath: csv)
            try AtomicFile.write(movies, to: dir.appendingPathComponent("movie_factors.csv"), replacing: Self.movieFactorsCSV)
            try AtomicFile.write(users, to: dir.appendingPathComponent("user_factors.csv"), replacing: Self.userFactorsCSV)
            print("wrote movie_factors.csv and user_factors.csv to \(csv)")
        }
        if !untrained.isEmpty {
            let parts = [(untrained.users.count, "user"), (untrained.items.count, "movie")].filter { $0.0 > 0 }
                .map { "\($0.0.grouped) \($0.1)\($0.0 == 1 ? "" : "s")" }
            print("left out \(parts.joined(separator: " and ")) without training ratings (all theirs were held out): their factors never trained")
        }
    }
}
