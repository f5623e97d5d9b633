import CKernels
import Foundation
import LatentCore

/// What each fuzz target feeds its input to: the readers of every file LatentLab opens. A
/// target must never crash, hang or leak whatever the bytes; a thrown error is the right
/// answer to most inputs. The same functions replay the seed corpus in the test suite.
enum FuzzTargets {
    static let names = ["ratings", "movies", "zip", "model", "journal", "factors", "export"]

    /// A folder of this process's own for the files the loaders read by path.
    static let scratch: URL = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory
        let url = base.appendingPathComponent("latentlab-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    static func run(_ target: String, _ data: Data) {
        switch target {
        case "ratings": ratings(data)
        case "movies": movies(data)
        case "zip": zip(data)
        case "model": model(data)
        case "journal": journal(data)
        case "factors": factors(data)
        case "export": export(data)
        default: break
        }
    }

    /// The first byte picks the layout (and so the file name the loader sees); the rest is the file.
    static func ratings(_ data: Data) {
        let names = ["ratings.csv", "ratings.dat", "u.data", "generic.txt"]
        let name = names[Int(data.first ?? 0) % names.count]
        let folder = fresh()
        write(data.dropFirst(), folder.appendingPathComponent(name))
        var options = LoadOptions(skipBadLines: (data.first ?? 0) & 0x80 != 0)
        if name == "generic.txt" {
            options.genericLayout = try? RatingsLayout.generic(separator: "\t", columns: ["user", "item", "rating"])
        }
        if let loaded = try? DatasetLoader.load(folder.appendingPathComponent(name).path, options: options) {
            exercise(loaded)
        }
    }

    /// A fixed small ratings file and the input as the movies file of the layout the first byte picks.
    static func movies(_ data: Data) {
        let layouts = [("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4,0\n2,2,3,0\n", "movies.csv"),
                       ("ratings.dat", "1::1::4::0\n2::2::3::0\n", "movies.dat"),
                       ("u.data", "1\t1\t4\t0\n2\t2\t3\t0\n", "u.item")]
        let (ratingsName, ratings, moviesName) = layouts[Int(data.first ?? 0) % layouts.count]
        let folder = fresh()
        write(Data(ratings.utf8), folder.appendingPathComponent(ratingsName))
        write(data.dropFirst(), folder.appendingPathComponent(moviesName))
        if let loaded = try? DatasetLoader.load(folder.path) { exercise(loaded) }
    }

    static func zip(_ data: Data) {
        let file = fresh().appendingPathComponent("data.zip")
        write(data, file)
        if let loaded = try? DatasetLoader.load(file.path) { exercise(loaded) }
    }

    /// With the first byte odd, a version 3 file's checksum is put right first, so the fuzzer
    /// reaches the checks behind it (what a hand-made or hostile file would get past).
    static func model(_ data: Data) {
        guard let contents = modelContents(data) else { return }
        let model = contents.makeModel()
        let counts = contents.itemCounts
        _ = BiasRanking.extremes(model: model, counts: counts, n: 3)
        if contents.header.users > 0 {
            _ = Recommender.top(model: model, person: Recommender.person(model, user: 0), exclude: [], counts: counts, minRatings: 0, n: 3)
            _ = contents.rated(byUser: 0)
        }
        if contents.header.items > 1 {
            _ = Similarity.neighbours(of: 0, model: model, counts: counts, n: 3)
            _ = MovieMap.build(model: model, counts: counts, count: 50)
        }
        _ = contents.catalogIdentity
    }

    /// The model file in `data` after its first byte (the model and export targets' framing).
    static func modelContents(_ data: Data) -> ModelFile.Contents? {
        var bytes = Data(data.dropFirst())
        if (data.first ?? 0) & 1 == 1, bytes.count > 16, bytes.prefix(8) == Data("LATENTLB".utf8) {
            let body = bytes.count - 4
            let sum = bytes.withUnsafeBytes { ll_crc32c(0, $0.baseAddress, Int64(body), 0) }
            withUnsafeBytes(of: sum.littleEndian) { bytes.replaceSubrange(body..<(body + 4), with: $0) }
        }
        return try? ModelFile.read(bytes, name: "fuzz.latentlab")
    }

    static func journal(_ data: Data) {
        let scale = RatingScale(min: 0.5, max: 5, step: 0.5)
        let parsed = RatingLines.parse(data, scale: scale)
        let movies = (1...5).map { Movie(rawId: Int64($0), title: "Movie \($0) (199\($0))") }
        let search = MovieSearch(movies: movies, popularity: [5, 4, 3, 2, 1])
        _ = try? PersonalRatingsFile.resolve(parsed.entries, file: "fuzz.csv", itemIndex: { (1...5).contains($0) ? Int($0) - 1 : nil },
                                             search: search, title: { movies[$0].title }, scale: scale)
        _ = try? PersonalRatingsFile.parse(data, file: "fuzz.csv", scale: scale)
    }

    /// A factor directory: the input cut at its first two record separators (0x1E) into
    /// manifest.json, users.csv and movies.csv. What reads is imported, joined with a small data
    /// set and queried as the commands query it.
    static func factors(_ data: Data) {
        let parts = data.split(separator: 0x1E, maxSplits: 2, omittingEmptySubsequences: false)
        let folder = fresh()
        for (i, name) in ["manifest.json", "users.csv", "movies.csv"].enumerated() {
            write(i < parts.count ? Data(parts[i]) : Data(), folder.appendingPathComponent(name))
        }
        guard let read = try? FactorDirectory.read(folder) else { return }
        let joined = small.map { FactorDirectory.model(read, dataset: $0, source: "fuzz").covering($0) }
        for contents in [FactorDirectory.model(read, dataset: nil, source: "fuzz")] + (joined.map { [$0] } ?? []) {
            query(contents)
        }
        if let small { _ = FactorDirectory.overlap(read, with: small) }
    }

    /// The export path (framed as the model target: a first byte, then the file): a model file that reads is written as a factor directory and read back,
    /// which must give its trained rows exactly; written again over itself it is replaced, and
    /// with a file of someone else's beside it, refused with that file kept.
    static func export(_ data: Data) {
        guard let contents = modelContents(data) else { return }
        let folder = fresh().appendingPathComponent("factors")
        do {
            try FactorDirectory.write(contents, to: folder, version: "fuzz")
        } catch {
            return // a model with no trained row on a side has nothing to export
        }
        let untrained = UntrainedRows(contents.header)
        let back: FactorDirectory.Contents
        do { back = try FactorDirectory.read(folder) } catch { preconditionFailure("export: its directory does not read back: \(error)") }
        let users = (0..<contents.header.users).filter { !untrained.users.contains($0) }
        let k = contents.header.config.factors
        precondition(back.users.ids == users.map { contents.userIds[$0] }, "export: user ids changed")
        precondition(back.users.factors == users.flatMap { contents.userFactors[$0 * k ..< ($0 + 1) * k] }, "export: user factors changed")
        precondition((try? FactorDirectory.write(contents, to: folder, version: "fuzz")) != nil, "export: its own directory was not replaced")
        let theirs = folder.appendingPathComponent("notes.txt")
        write(Data("kept".utf8), theirs)
        precondition((try? FactorDirectory.write(contents, to: folder, version: "fuzz")) == nil, "export: replaced a folder with another file in it")
        precondition(FileManager.default.contents(atPath: theirs.path) == Data("kept".utf8), "export: another file was touched")
    }

    /// A small data set for the factor directories to be joined with (ids 1–3).
    static let small: Dataset? = {
        let folder = scratch.appendingPathComponent("small")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        write(Data("userId,movieId,rating,timestamp\n1,1,4,0\n2,2,3,0\n3,1,5,0\n2,3,2.5,0\n".utf8), folder.appendingPathComponent("ratings.csv"))
        return try? DatasetLoader.load(folder.path)
    }()

    /// What the query commands do with a model.
    static func query(_ contents: ModelFile.Contents) {
        let model = contents.makeModel()
        let counts = contents.itemCounts
        let untrained = UntrainedRows(contents.header)
        if contents.header.users > 0 && contents.header.items > 0 {
            let p = untrained.predict(model, user: 0, item: 0, mean: contents.header.globalMean)
            precondition(p.isFinite, "a prediction from an import is not a number")
            _ = Recommender.top(model: model, person: Recommender.person(model, user: 0), exclude: untrained.items, counts: counts, n: 3)
        }
        if contents.header.items > 1 {
            _ = Similarity.neighbours(of: 0, model: model, counts: counts, n: 3)
            _ = MovieMap.build(model: model, counts: counts, count: 50)
        }
    }

    /// What commands do with a loaded data set, so that a value the loader let through but
    /// nothing downstream expects is found too.
    static func exercise(_ d: Dataset) {
        _ = DatasetSummary(d, top: 3)
        _ = d.catalogIdentity
        _ = MovieSearch(movies: (0..<d.itemCount).map { d.movie($0) }, popularity: d.ratings.itemCounts).find("the", limit: 3)
    }

    static func fresh() -> URL {
        let url = scratch.appendingPathComponent("case")
        try? FileManager.default.removeItem(at: url)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ data: Data, _ url: URL) {
        _ = FileManager.default.createFile(atPath: url.path, contents: data)
    }
}
