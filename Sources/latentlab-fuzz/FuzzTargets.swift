import CKernels
import Foundation
import LatentCore

/// What each fuzz target feeds its input to: the readers of every file LatentLab opens. A
/// target must never crash, hang or leak whatever the bytes; a thrown error is the right
/// answer to most inputs. The same functions replay the seed corpus in the test suite.
enum FuzzTargets {
    static let names = ["ratings", "movies", "zip", "model", "journal"]

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
        var bytes = Data(data.dropFirst())
        if (data.first ?? 0) & 1 == 1, bytes.count > 16, bytes.prefix(8) == Data("LATENTLB".utf8) {
            let body = bytes.count - 4
            let sum = bytes.withUnsafeBytes { ll_crc32c(0, $0.baseAddress, Int64(body), 0) }
            withUnsafeBytes(of: sum.littleEndian) { bytes.replaceSubrange(body..<(body + 4), with: $0) }
        }
        guard let contents = try? ModelFile.read(bytes, name: "fuzz.latentlab") else { return }
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

    static func journal(_ data: Data) {
        let scale = RatingScale(min: 0.5, max: 5, step: 0.5)
        let parsed = RatingLines.parse(data, scale: scale)
        let movies = (1...5).map { Movie(rawId: Int64($0), title: "Movie \($0) (199\($0))") }
        let search = MovieSearch(movies: movies, popularity: [5, 4, 3, 2, 1])
        _ = try? PersonalRatingsFile.resolve(parsed.entries, file: "fuzz.csv", itemIndex: { (1...5).contains($0) ? Int($0) - 1 : nil },
                                             search: search, title: { movies[$0].title }, scale: scale)
        _ = try? PersonalRatingsFile.parse(data, file: "fuzz.csv", scale: scale)
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
