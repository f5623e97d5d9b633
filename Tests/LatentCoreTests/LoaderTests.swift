import Foundation
import Testing
import ZIPFoundation
@testable import LatentCore

@Suite("Loading every MovieLens layout")
struct LoaderTests {
    @Test func ml100kFolder() throws {
        let data = try DatasetLoader.load(try Fixtures.ml100k().path)
        #expect(data.format == .ml100k)
        #expect(data.userCount == 3)
        #expect(data.itemCount == 3)
        #expect(data.ratings.count == 4)
        #expect(data.catalog.count == 4, "the unrated movie stays in the catalog")
        #expect(data.scale == RatingScale(min: 1, max: 5, step: 1))
        let cafe = try #require(data.catalog.movie(rawId: 20))
        #expect(cafe.title == "Café Society (1996)", "Latin-1 decoded")
        #expect(cafe.genres == ["Drama", "Romance"])
        #expect(cafe.year == 1996)
        let toy = try #require(data.catalog.movie(rawId: 10))
        #expect(toy.genres == ["Animation", "Children's", "Comedy"])
    }

    @Test func ml1mAndMl10m() throws {
        let one = try DatasetLoader.load(try Fixtures.ml1m().path)
        #expect(one.format == .ml1m)
        #expect(one.ratings.count == 3)
        #expect(one.catalog.movie(rawId: 3)?.title == "Les Misérables (1995)")
        #expect(one.catalog.movie(rawId: 661)?.genres == ["Animation", "Children's", "Musical"])
        let ten = try DatasetLoader.load(try Fixtures.ml1m(halfStars: true).path)
        #expect(ten.format == .ml10m)
        #expect(ten.scale.step == 0.5)
    }

    @Test func mlLatestCSV() throws {
        let data = try DatasetLoader.load(try Fixtures.mlLatest().path)
        #expect(data.format == .mlLatest)
        #expect(data.ratings.count == 4)
        #expect(data.scale == RatingScale(min: 0.5, max: 4.5, step: 0.5))
        #expect(data.catalog.movie(rawId: 11)?.title == "American President, The (1995)")
        #expect(data.catalog.movie(rawId: 11)?.displayTitle == "The American President")
        #expect(data.catalog.movie(rawId: 12)?.title == "Quote \"Test\" Movie (2001)")
        #expect(data.catalog.movie(rawId: 12)?.genres == [])
        #expect(data.catalog.count == 4)
        let summary = DatasetSummary(data)
        #expect(summary.movies == 3)
        #expect(summary.catalogMovies == 4)
        #expect(summary.histogram.map(\.count).reduce(0, +) == 4)
    }

    @Test func singleFileAndWrappedFolder() throws {
        let dir = try Fixtures.ml100k()
        let file = try DatasetLoader.load(dir.appendingPathComponent("u.data").path)
        #expect(file.format == .ml100k)
        #expect(file.catalog.count == 4, "u.item beside the file is found")
        let parent = try DatasetLoader.load(dir.deletingLastPathComponent().path)
        #expect(parent.ratings.count == 4, "a folder that wraps the release folder (as zips do)")
    }

    @Test func zipOfFolder() throws {
        let dir = try Fixtures.mlLatest()
        let zip = dir.deletingLastPathComponent().appendingPathComponent("ml-latest-small.zip")
        try FileManager.default.zipItem(at: dir, to: zip)
        let data = try DatasetLoader.load(zip.path)
        #expect(data.format == .mlLatest)
        #expect(data.ratings.count == 4)
        #expect(data.catalog.movie(rawId: 11) != nil)
    }

    @Test func genericLayout() throws {
        let dir = Fixtures.folder()
        let file = dir.appendingPathComponent("mine.txt")
        try Fixtures.write("item;user;stars\n7;100;8.5\n8;100;3\n7;200;10\n", file)
        let layout = try RatingsLayout.generic(separator: ";", columns: ["item", "user", "rating"])
        let data = try DatasetLoader.load(file.path, options: LoadOptions(genericLayout: layout))
        #expect(data.format == .generic)
        #expect(data.userCount == 2 && data.itemCount == 2 && data.ratings.count == 3)
        #expect(data.scale.max == 10)
        #expect(data.userIds == [100, 200])
    }

    @Test func idsBecomeDenseIndicesAndIndexesAnswerQueries() throws {
        let data = try DatasetLoader.load(try Fixtures.mlLatest().path)
        let t = data.ratings
        let u1 = try #require(data.userIds.firstIndex(of: 1))
        let m1 = try #require(data.itemIndex(rawId: 1))
        #expect(t.rating(user: u1, item: m1) == 4.0)
        #expect(t.userActivity(u1) == 2)
        #expect(t.itemPopularity(m1) == 2)
        let m11 = try #require(data.itemIndex(rawId: 11))
        #expect(t.rating(user: u1, item: m11) == nil)
    }
}

@Suite("Bad input gets clear errors")
struct LoaderErrorTests {
    func error(_ body: () throws -> Dataset) -> DataError? {
        do { _ = try body(); return nil } catch let e as DataError { return e } catch { return nil }
    }

    func csv(_ ratings: String) throws -> URL {
        let dir = Fixtures.folder()
        try Fixtures.write(ratings, dir.appendingPathComponent("ratings.csv"))
        return dir
    }

    @Test func tooFewFields() throws {
        let dir = try csv("userId,movieId,rating,timestamp\n1,2,4.0,1\n1,3\n")
        let e = try #require(error { try DatasetLoader.load(dir.path) })
        #expect(e.file == "ratings.csv" && e.line == 3)
        #expect(e.message.contains("fields"))
    }

    @Test func ratingNotANumber() throws {
        let dir = try csv("userId,movieId,rating,timestamp\n1,2,four,1\n")
        let e = try #require(error { try DatasetLoader.load(dir.path) })
        #expect(e.line == 2 && e.message.contains("'four' is not a number"))
    }

    @Test func ratingOutsideScale() throws {
        let dir = try csv("userId,movieId,rating,timestamp\n1,2,4.0,1\n1,3,7.0,1\n")
        let e = try #require(error { try DatasetLoader.load(dir.path) })
        #expect(e.line == 3 && e.message.contains("outside the scale"))
    }

    @Test func emptyMissingAndUnknown() throws {
        let empty = try csv("")
        #expect(error { try DatasetLoader.load(empty.path) }?.message.contains("empty") == true)
        let missing = error { try DatasetLoader.load("/no/such/folder/ratings.csv") }
        #expect(missing?.message.contains("no such") == true)
        let nothing = Fixtures.folder()
        try Fixtures.write("hello", nothing.appendingPathComponent("notes.txt"))
        #expect(error { try DatasetLoader.load(nothing.path) }?.message.contains("no MovieLens files") == true)
    }

    @Test func skipBadLinesCounts() throws {
        let dir = try csv("userId,movieId,rating,timestamp\n1,2,4.0,1\n1,x,4.0,1\n2,2,9,1\n2,3,3.0,1\n")
        let data = try DatasetLoader.load(dir.path, options: LoadOptions(skipBadLines: true))
        #expect(data.ratings.count == 2)
        #expect(data.skippedLines == 2)
        #expect(data.firstSkipped?.line == 3)
    }

    @Test func tabFileLineNumbers() throws {
        let dir = Fixtures.folder()
        try Fixtures.write("1\t2\t3\t4\n1\t2\t3\t4\n\n5\t6\n", dir.appendingPathComponent("u.data"))
        let e = try #require(error { try DatasetLoader.load(dir.path) })
        #expect(e.file == "u.data" && e.line == 4)
    }
}

@Suite("A split given as two files")
struct TwoFileSplitTests {
    @Test func trainAndValidShareOneNumbering() throws {
        let dir = Fixtures.folder()
        let train = dir.appendingPathComponent("u1.base"), valid = dir.appendingPathComponent("u1.test")
        try Fixtures.write("1\t10\t5\t1\n1\t20\t3\t1\n2\t10\t4\t1\n", train)
        try Fixtures.write("2\t20\t2\t1\n3\t30\t1\t1\n", valid)
        let data = try DatasetLoader.load(train: train.path, valid: valid.path)
        #expect(data.format == .ml100k)
        #expect(data.ratings.count == 5)
        let split = try #require(data.predefinedSplit)
        #expect(split.train == [0, 1, 2] && split.valid == [3, 4])
        #expect(data.userCount == 3 && data.itemCount == 3)
        // User 2 and movie 20 have one index across both files.
        let u2 = try #require(data.userIds.firstIndex(of: 2))
        let m20 = try #require(data.itemIndex(rawId: 20))
        #expect(data.ratings.rating(user: u2, item: m20) == 2)
    }
}

@Suite("What the loaders refuse and what they count")
struct StrictLoaderTests {
    @Test func duplicatePairsKeepTheLastRatingAndAreCounted() throws {
        let dir = Fixtures.folder("dups")
        try Fixtures.write("userId,movieId,rating,timestamp\n1,1,4,0\n1,2,3,0\n2,1,5,0\n1,1,2,0\n2,2,2,0\n1,1,1.5,0\n",
                           dir.appendingPathComponent("ratings.csv"))
        let data = try DatasetLoader.load(dir.path)
        #expect(data.ratings.count == 4)
        #expect(data.duplicateRatings == 2)
        #expect(data.firstDuplicate?.user == 1 && data.firstDuplicate?.movie == 1)
        let u = try #require(data.userIds.firstIndex(of: 1)), m = try #require(data.itemIndex(rawId: 1))
        #expect(data.ratings.rating(user: u, item: m) == 1.5, "the last one wins")
    }

    @Test func aPairInBothTrainAndValidKeepsTheValidOneAndTheSplitIsRenumbered() throws {
        let dir = Fixtures.folder("split")
        try Fixtures.write("1\t1\t4\t0\n1\t2\t3\t0\n2\t1\t5\t0\n", dir.appendingPathComponent("u1.base"))
        try Fixtures.write("1\t1\t2\t0\n2\t2\t1\t0\n", dir.appendingPathComponent("u1.test"))
        let data = try DatasetLoader.load(train: dir.appendingPathComponent("u1.base").path, valid: dir.appendingPathComponent("u1.test").path)
        #expect(data.duplicateRatings == 1)
        let split = try #require(data.predefinedSplit)
        #expect(split.train.count == 2 && split.valid.count == 2)
        #expect(Set(split.train + split.valid) == Set(0..<4), "every kept rating is in exactly one side")
        #expect(split.valid.map { data.ratings.values[Int($0)] }.sorted() == [1, 2])
    }

    @Test func numbersThatAreNotPlainRatingsAreRefusedWithTheirLine() throws {
        func refusal(_ line: String, header: String = "userId,movieId,rating,timestamp") throws -> String? {
            let dir = Fixtures.folder("bad")
            try Fixtures.write("\(header)\n1,1,4,0\n\(line)\n", dir.appendingPathComponent("ratings.csv"))
            do { _ = try DatasetLoader.load(dir.path); return nil } catch let e as DataError { return e.description }
        }
        #expect(try refusal("1,2,0x4,0") == "ratings.csv:3: rating '0x4' is not a number")
        #expect(try refusal("1,2,inf,0") == "ratings.csv:3: rating 'inf' is not a number")
        #expect(try refusal("1,2,nan,0") == "ratings.csv:3: rating 'nan' is not a number")
        #expect(try refusal("1,2,1e39,0") == "ratings.csv:3: rating '1e39' is not a number")
        #expect(try refusal("1,2,3.7,0") == "ratings.csv:3: rating 3.7 is between the steps of this layout's scale (steps of 0.5)")
        #expect(try refusal("1,2,4.0e+00,0") == nil, "an exponent is a decimal number")
        #expect(try refusal("1,2,5.5,0") == "ratings.csv:3: rating 5.5 is outside the scale 0.5–5")
    }

    @Test func titlesWithTheSeparatorInsideStayWhole() throws {
        let dat = Fixtures.folder("dat")
        try Fixtures.write("1::1::5::0\n", dat.appendingPathComponent("ratings.dat"))
        try Fixtures.write("1::Star Wars::Episode IV (1977)::Action|Sci-Fi\n", dat.appendingPathComponent("movies.dat"))
        let one = try DatasetLoader.load(dat.path)
        #expect(one.catalog.movie(rawId: 1)?.title == "Star Wars::Episode IV (1977)")
        #expect(one.catalog.movie(rawId: 1)?.genres == ["Action", "Sci-Fi"])

        let item = Fixtures.folder("item")
        try Fixtures.write("1\t1\t5\t0\n", item.appendingPathComponent("u.data"))
        try Fixtures.write("1|This|That (1990)|01-Jan-1990||http://x|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n", item.appendingPathComponent("u.item"))
        let hundred = try DatasetLoader.load(item.path)
        #expect(hundred.catalog.movie(rawId: 1)?.title == "This|That (1990)")
        #expect(hundred.catalog.movie(rawId: 1)?.genres == ["Animation", "Children's", "Comedy"])

        let csv = Fixtures.folder("csv")
        try Fixtures.write("userId,movieId,rating,timestamp\n1,1,4,0\n", csv.appendingPathComponent("ratings.csv"))
        try Fixtures.write("movieId,title,genres\n1,\"Toy Story (1995),Animation\n", csv.appendingPathComponent("movies.csv"))
        #expect(throws: DataError(file: "movies.csv", line: 2, "a quote is opened and never closed (a title in quotes needs its closing quote)")) {
            try DatasetLoader.load(csv.path)
        }
    }

    @Test func aHugeTitleIsCutOnceAtLoad() {
        let huge = Movie(rawId: 1, title: String(repeating: "A", count: 100_000) + " (1999)", genres: ["Drama"])
        #expect(huge.title.count == Movie.maximumTitleLength)
        #expect(huge.title.hasSuffix("…"))
        let accented = String(repeating: "é", count: 200)
        #expect(Movie(rawId: 2, title: accented).title == accented, "200 characters of two bytes each are not cut")
    }

    @Test func linesAreCountedExactlyWhateverTheirLengths() {
        var rng = SeededRandom(seed: 5)
        for _ in 0..<200 {
            var bytes: [UInt8] = []
            var feeds = 0
            for _ in 0..<rng.nextIndex(below: 300) {
                let b = UInt8(truncatingIfNeeded: rng.next())
                // Bytes near the line feed (0x0A) and with the top bit set, where a careless trick errs.
                let byte = [0x0A, 0x0B, 0x09, 0x8A, 0x0A, b][rng.nextIndex(below: 6)]
                bytes.append(UInt8(byte))
                if byte == 0x0A { feeds += 1 }
            }
            let expected = feeds + (bytes.last.map { $0 != 0x0A ? 1 : 0 } ?? 0)
            #expect(bytes.withUnsafeBytes(countLines) == expected)
        }
    }
}
