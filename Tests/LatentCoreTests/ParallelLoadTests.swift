import Foundation
import Testing
@testable import LatentCore

/// The ratings are read in pieces on several threads. Whatever the cut, the columns, the id
/// numbering, the scale and the errors must be exactly those of one piece read by one thread.
@Suite("Reading a ratings file in pieces")
struct ParallelLoadTests {
    /// A file with every awkward thing a cut can meet: a header, CRLF and LF endings, a blank
    /// line, ids out of order, repeats, a byte-order mark, and no line feed at the very end.
    static let awkward = "\u{FEFF}userId,movieId,rating,timestamp\r\n"
        + "7,30,4.0,1\r\n7,10,3.5,2\n\n12,10,5,3\r\n3,99,0.5,4\n3,30,2.0,5\r\n"
        + (0..<40).map { "\(100 - $0),\(($0 * 37) % 23),\(Double($0 % 10) / 2 + 0.5),\($0)" }.joined(separator: "\n")
        + "\n7,30,1.5,99"

    static func write(_ text: String, name: String = "ratings.csv") throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pieces-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    static func read(_ url: URL, layout: RatingsLayout = .mlCSV, skip: Bool = false, threads: Int, pieceBytes: Int) throws -> RatingsColumns {
        try RatingsReader.read([url], layout: layout, skipBadLines: skip, threads: threads, pieceBytes: pieceBytes)
    }

    static func same(_ a: RatingsColumns, _ b: RatingsColumns) -> Bool {
        a.users == b.users && a.items == b.items && a.values == b.values && a.userIds == b.userIds
            && a.itemIds == b.itemIds && a.scale == b.scale && a.skipped == b.skipped && a.perFile == b.perFile
            && a.firstSkipped?.description == b.firstSkipped?.description
    }

    @Test func everyCutGivesTheSameColumns() throws {
        let url = try Self.write(Self.awkward)
        let whole = try Self.read(url, threads: 1, pieceBytes: 1 << 30)
        #expect(whole.values.count == 46)
        #expect(whole.userIds == whole.userIds.sorted(), "numbered in the order of the file's ids")
        #expect(whole.values.last == 1.5, "the last line, without a line feed, is read")
        // Cut targets at every byte: a piece size of k puts a cut near every multiple of k.
        let size = Self.awkward.utf8.count
        for pieceBytes in 1...size {
            let cut = try Self.read(url, threads: 64, pieceBytes: pieceBytes)
            #expect(Self.same(cut, whole), "pieces of about \(pieceBytes) bytes")
        }
    }

    @Test func theFirstErrorIsTheFileFirstWhateverTheCut() throws {
        var text = Self.awkward
        text = text.replacingOccurrences(of: "3,30,2.0,5", with: "3,30,two,5")
        text = text.replacingOccurrences(of: "\n90,", with: "\nninety,")
        let url = try Self.write(text)
        for pieceBytes in [1, 7, 33, 100, 1 << 30] {
            let error = #expect(throws: DataError.self) { try Self.read(url, threads: 8, pieceBytes: pieceBytes) }
            #expect(error?.description.contains("ratings.csv:7:") == true, "\(String(describing: error))")
            #expect(error?.description.contains("rating 'two' is not a number") == true)
            let skipped = try Self.read(url, skip: true, threads: 8, pieceBytes: pieceBytes)
            #expect(skipped.skipped == 2)
            #expect(skipped.firstSkipped?.line == 7)
            #expect(skipped.values.count == 44)
        }
    }

    @Test func twoFilesShareOneNumbering() throws {
        let train = try Self.write("1 10 4\n2 20 3\n1 20 5\n", name: "train.txt")
        let valid = try Self.write("2 10 1\n3 30 2", name: "valid.txt")
        let layout = try RatingsLayout.generic(separator: " ", columns: ["user", "item", "rating"])
        let both = try RatingsReader.read([train, valid], layout: layout, skipBadLines: false, threads: 4, pieceBytes: 2)
        #expect(both.perFile == [3, 2])
        #expect(both.userIds == [1, 2, 3] && both.itemIds == [10, 20, 30])
        #expect(both.users == [0, 1, 0, 1, 2] && both.items == [0, 1, 1, 0, 2])
    }

    @Test func aFileWithOnlyAHeaderHasNoRatings() throws {
        let url = try Self.write("userId,movieId,rating,timestamp\n\n")
        let error = #expect(throws: DataError.self) { try Self.read(url, threads: 2, pieceBytes: 1) }
        #expect(error?.description.contains("no ratings found") == true)
    }

    /// A MovieLens file (by user id, then movie id) needs no reordering: the table takes the
    /// columns as they are, without a second copy.
    @Test func aSortedFileIsNotReordered() throws {
        let url = try Self.write("userId,movieId,rating,timestamp\n5,300,4,1\n5,1000,3,1\n9,2,5,1\n9,300,1,1\n")
        let columns = try Self.read(url, threads: 2, pieceBytes: 8)
        let (_, order) = RatingsTable.sorted(users: columns.users, items: columns.items, values: columns.values,
                                             userCount: columns.userIds.count, itemCount: columns.itemIds.count)
        #expect(order == nil)
    }
}

@Suite("Rating values in a byte")
struct RatingValuesTests {
    @Test func stepsAreCodedAndReadBackExactly() {
        let halves: [Float] = [0.5, 5, 3.5, 1, 4.5, 0.5]
        let coded = RatingValues(halves, scale: RatingScale(min: 0.5, max: 5, step: 0.5))
        #expect(coded.bytesPerValue == 1)
        #expect(Array(coded) == halves)
    }

    @Test func valuesOffTheStepsStayFloats() {
        // The scale claims whole stars, but one value is not: nothing is rounded away.
        let values: [Float] = [1, 2, 3.25]
        let kept = RatingValues(values, scale: RatingScale(min: 1, max: 5, step: 1))
        #expect(kept.bytesPerValue == 4)
        #expect(Array(kept) == values)
        let continuous = RatingValues([0.1, -2.7], scale: RatingScale(min: -2.7, max: 0.1, step: 0))
        #expect(continuous.bytesPerValue == 4 && Array(continuous) == [0.1, -2.7])
    }

    @Test func theSampleTableTakesNineBytesARating() throws {
        let data = try DatasetLoader.load(try Fixtures.mlLatest().path)
        #expect(data.ratings.values.bytesPerValue == 1)
        #expect(data.ratings.values.count == data.ratings.count)
    }
}

@Suite("Putting the columns in the table's order")
struct ReorderTests {
    @Test func reorderingIsAStableSortByUserAndMovie() {
        var rng = SeededRandom(seed: 21)
        for n in [0, 1, 2, 7, 500, 4_000] {
            let users = (0..<n).map { _ in Int32(rng.nextIndex(below: 40)) }
            let items = (0..<n).map { _ in Int32(rng.nextIndex(below: 30)) }
            let values = (0..<n).map { Float($0) } // the position: says where each one went
            let expected = (0..<n).sorted { (users[$0], items[$0], $0) < (users[$1], items[$1], $1) }
            var (u, m, v) = (users, items, values)
            let order = RatingsTable.reorder(users: &u, items: &m, values: &v, userCount: 40)
            if n > 2 { #expect(order != nil) }
            #expect(v == expected.map { Float($0) }, "\(n) ratings")
            #expect(u == expected.map { users[$0] } && m == expected.map { items[$0] })
            if let order { #expect(order == expected.map { Int32($0) }) }
        }
    }

    @Test func twoOrderedFilesMakeOneOrderedTableAndTheSplitFollows() throws {
        let train = try ParallelLoadTests.write("1 20 4\n1 30 3\n2 10 5\n3 10 2\n", name: "train.txt")
        let valid = try ParallelLoadTests.write("1 10 1\n2 30 2\n", name: "valid.txt")
        var options = LoadOptions()
        options.genericLayout = try RatingsLayout.generic(separator: " ", columns: ["user", "item", "rating"])
        let data = try DatasetLoader.load(train: train.path, valid: valid.path, options: options)
        let t = data.ratings
        #expect(t.users == [0, 0, 0, 1, 1, 2] && t.items == [0, 1, 2, 0, 2, 0])
        let split = try #require(data.predefinedSplit)
        #expect(split.valid == [0, 4], "user 1's movie 10 and user 2's movie 30, held out, at their new places")
        #expect(split.valid.map { t.values[Int($0)] } == [1, 2])
    }
}
