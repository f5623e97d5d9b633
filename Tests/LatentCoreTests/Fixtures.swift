import Foundation
import Testing
@testable import LatentCore

/// Small data sets written by the tests into fresh temporary folders.
enum Fixtures {
    static func folder(_ name: String = "fixture") -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("latentlab-tests-\(UUID().uuidString)").appendingPathComponent(name)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ text: String, _ url: URL) throws {
        try Data(text.utf8).write(to: url)
    }

    static func writeBytes(_ bytes: [UInt8], _ url: URL) throws {
        try Data(bytes).write(to: url)
    }

    /// ml-100k: u.data (tab) and u.item (pipe, Latin-1: "Café" is 0xE9).
    static func ml100k() throws -> URL {
        let dir = folder("ml-100k")
        try write("1\t10\t5\t881250949\n1\t20\t3\t881250950\n2\t10\t4\t881250951\n3\t30\t1\t881250952\n", dir.appendingPathComponent("u.data"))
        var item = Array("10|Toy Story (1995)|01-Jan-1995||http://x|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n".utf8)
        item += Array("20|Caf".utf8) + [0xE9] + Array(" Society (1996)|01-Jan-1996||http://x|0|0|0|0|0|0|0|0|1|0|0|0|0|0|1|0|0|0|0\n".utf8)
        item += Array("30|Empire Strikes Back, The (1980)|01-Jan-1980||http://x|0|1|1|0|0|0|0|0|0|0|0|0|0|0|0|1|0|1|0\n".utf8)
        item += Array("40|Unrated Movie (1999)|01-Jan-1999||http://x|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n".utf8)
        try writeBytes(item, dir.appendingPathComponent("u.item"))
        return dir
    }

    /// ml-1m: ratings.dat and movies.dat with `::`, Latin-1 titles.
    static func ml1m(halfStars: Bool = false) throws -> URL {
        let dir = folder(halfStars ? "ml-10m" : "ml-1m")
        let r = halfStars ? "3.5" : "4"
        try write("1::1193::5::978300760\n1::661::\(r)::978302109\n2::1193::4::978298413\n", dir.appendingPathComponent("ratings.dat"))
        var movies = Array("1193::One Flew Over the Cuckoo's Nest (1975)::Drama\n".utf8)
        movies += Array("661::James and the Giant Peach (1996)::Animation|Children's|Musical\n".utf8)
        movies += Array("3::Les Mis".utf8) + [0xE9] + Array("rables (1995)::Drama\n".utf8)
        try writeBytes(movies, dir.appendingPathComponent("movies.dat"))
        return dir
    }

    /// ml-latest: CSVs with a header and a quoted title holding a comma.
    static func mlLatest() throws -> URL {
        let dir = folder("ml-latest-small")
        try write("userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,4.5,964981247\n2,1,3.5,964982224\n2,11,0.5,964982931\n",
                  dir.appendingPathComponent("ratings.csv"))
        try write("""
        movieId,title,genres
        1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy
        3,Grumpier Old Men (1995),Comedy|Romance
        11,"American President, The (1995)",Comedy|Drama|Romance
        12,"Quote ""Test"" Movie (2001)",(no genres listed)

        """, dir.appendingPathComponent("movies.csv"))
        try write("userId,movieId,tag,timestamp\n", dir.appendingPathComponent("tags.csv"))
        return dir
    }

    /// A small planted data set (fast enough for debug builds).
    static func smallSample(users: Int = 120, movies: Int = 80, ratings: Int = 6_000, seed: UInt64 = 3) -> Dataset {
        var p = SampleGenerator.Parameters()
        p.users = users; p.movies = movies; p.ratings = ratings; p.seed = seed
        let out = SampleGenerator(p).generate()
        let dir = folder("sample")
        // Loading through the real loader keeps the test honest about the CSV path too. A
        // fixture that does not load fails the test that asked for it, loudly.
        do {
            try SampleWriter.write(out, parameters: p, to: dir)
            return try DatasetLoader.load(dir.path)
        } catch {
            Issue.record("the sample fixture did not load: \(error)")
        }
        return Dataset(format: .generic, source: "", ratings: RatingsTable(users: [], items: [], values: [], userCount: 0, itemCount: 0), userIds: [], itemIds: [], catalog: Catalog(), scale: RatingScale(min: 1, max: 5, step: 1))
    }
}
