import Foundation
import Testing
@testable import LatentCore

@Suite("The person's ratings journal")
struct JournalTests {
    static let halfStars = RatingScale(min: 0.5, max: 5, step: 0.5)
    static let identity = CatalogIdentity(name: "ml-test", ids: [10, 20], title: { ["Ten (1990)", "Twenty (2000)"][$0] })

    @Test func appendsSurviveAndLastLineWins() throws {
        let journal = RatingsJournal(url: Fixtures.folder().appendingPathComponent("me.csv"))
        try journal.append(movie: 10, rating: 4, identity: Self.identity)
        try journal.append(movie: 20, rating: 3.5)
        try journal.append(movie: 10, rating: 5)
        try journal.append(movie: 20, rating: 0)
        #expect(try journal.load() == [10: 5])
        let parsed = try journal.read(scale: Self.halfStars)
        #expect(parsed.problems.isEmpty)
        #expect(parsed.identity == Self.identity, "a new journal opens with the data set's identity")
        // The same file is a ratings file for `recommend --ratings`.
        let entries = try PersonalRatingsFile.read(journal.url).entries
        let resolved = try PersonalRatingsFile.resolve(entries, file: "me.csv", itemIndex: { Int($0) }, search: MovieSearch(movies: [], popularity: []),
                                                       title: { "\($0)" }, scale: Self.halfStars)
        #expect(resolved.map { $0.item } == [10] && resolved.map { $0.rating } == [5])
    }

    /// Bytes added to the end of a file as they are, without a line end.
    static func appendRaw(_ text: String, to url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    @Test func aCompleteLastLineWithoutItsEndIsARatingAndIsKept() throws {
        let url = Fixtures.folder().appendingPathComponent("me.csv")
        let journal = RatingsJournal(url: url)
        try journal.append(movie: 1, rating: 4)
        // Written by hand, the last line without its end.
        try Self.appendRaw("3,4", to: url)
        let parsed = try RatingsJournal(url: url).read(scale: nil)
        #expect(parsed.problems.isEmpty && !parsed.tornLastLine)
        #expect(try RatingsJournal(url: url).load() == [1: 4, 3: 4])
        // Rating another movie ends that line first: both stay.
        try RatingsJournal(url: url).append(movie: 2, rating: 5)
        #expect(try RatingsJournal(url: url).load() == [1: 4, 3: 4, 2: 5])
        #expect(String(decoding: try Data(contentsOf: url), as: UTF8.self).hasSuffix("3,4\n2,5\n"))
    }

    @Test func aTornLastLineIsAProblemAndIsNeverRemoved() throws {
        let url = Fixtures.folder().appendingPathComponent("me.csv")
        let journal = RatingsJournal(url: url)
        try journal.append(movie: 1, rating: 4)
        try journal.append(movie: 2, rating: 5)
        // A crash in the middle of a write: half a line, no newline.
        try Self.appendRaw("3,", to: url)
        let reread = RatingsJournal(url: url)
        #expect(try reread.load() == [1: 4, 2: 5])
        let parsed = try reread.read(scale: nil)
        #expect(parsed.tornLastLine)
        #expect(parsed.problems.map(\.line) == [4])
        #expect(parsed.problems.first?.message.contains("the last line has no end") == true)
        // The next change starts on a line of its own; the torn line stays in the file, as the alert says.
        try reread.append(movie: 4, rating: 3)
        #expect(try RatingsJournal(url: url).load() == [1: 4, 2: 5, 4: 3])
        #expect(String(decoding: try Data(contentsOf: url), as: UTF8.self).hasSuffix("2,5\n3,\n4,3\n"))
    }

    @Test func aUTF16JournalIsAppendedInUTF16() throws {
        let url = Fixtures.folder().appendingPathComponent("me.csv")
        var bytes: [UInt8] = [0xFF, 0xFE]
        for u in "movie,rating\r\n1,4\r\n2,3".utf16 { bytes += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        try Data(bytes).write(to: url)
        try RatingsJournal(url: url).append(movie: 5, rating: 2)
        #expect(try RatingsJournal(url: url).load() == [1: 4, 2: 3, 5: 2])
        #expect(try RatingsJournal(url: url).read(scale: nil).problems.isEmpty)
    }

    @Test func everyLineEndingAndEncodingReadsTheSame() throws {
        let lines = ["movie,rating", "1,4", "2,3.5", "\"Three, The (1999)\",5"]
        let expected = [RatingLines.Entry(movie: "1", rating: 4, line: 2), RatingLines.Entry(movie: "2", rating: 3.5, line: 3),
                        RatingLines.Entry(movie: "Three, The (1999)", rating: 5, line: 4)]
        let utf8 = { (s: String) in Data(s.utf8) }
        func utf16(_ s: String, bigEndian: Bool, mark: Bool) -> Data {
            var d = Data(mark ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : [])
            for u in s.utf16 { d.append(contentsOf: bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)]) }
            return d
        }
        let variants: [(String, Data)] = [
            ("LF", utf8(lines.joined(separator: "\n") + "\n")),
            ("CRLF", utf8(lines.joined(separator: "\r\n") + "\r\n")),
            ("CR", utf8(lines.joined(separator: "\r") + "\r")),
            ("BOM", Data([0xEF, 0xBB, 0xBF]) + utf8(lines.joined(separator: "\r\n") + "\r\n")),
            ("UTF-16LE", utf16(lines.joined(separator: "\r\n") + "\r\n", bigEndian: false, mark: true)),
            ("UTF-16BE", utf16(lines.joined(separator: "\n") + "\n", bigEndian: true, mark: true)),
            ("UTF-16LE without a mark", utf16(lines.joined(separator: "\n") + "\n", bigEndian: false, mark: false)),
        ]
        for (name, data) in variants {
            let parsed = RatingLines.parse(data, scale: Self.halfStars)
            #expect(parsed.entries == expected, "\(name)")
            #expect(parsed.problems.isEmpty, "\(name): \(parsed.problems)")
        }
        // A CRLF journal read by the explorer, then appended to: every rating is kept.
        let url = Fixtures.folder().appendingPathComponent("crlf.csv")
        try variants[1].1.write(to: url)
        let journal = RatingsJournal(url: url)
        try journal.append(movie: 7, rating: 2)
        #expect(try journal.load() == [1: 4, 2: 3.5, 7: 2])
    }

    @Test func valuesOffTheScaleOrNotPlainNumbersAreProblemsWithTheirLines() {
        let text = "movie,rating\n1,-5\n2,nan\n3,inf\n4,1000\n5,0x4\n6,1e3\n7,3.7\n8,4.5\n9,0\nToy Story\n,4\n"
        let parsed = RatingLines.parse(Data(text.utf8), scale: Self.halfStars)
        #expect(parsed.entries.map(\.movie) == ["8", "9"], "only the half-star rating and the clearing 0 are taken")
        #expect(parsed.problems.map(\.line) == [2, 3, 4, 5, 6, 7, 8, 11, 12])
        #expect(parsed.problems[0].message == "rating -5 is outside the scale 0.5–5 (0 clears a rating)")
        #expect(parsed.problems[1].message == "rating 'nan' is not a number")
        #expect(parsed.problems[4].message == "rating '0x4' is not a number")
        #expect(parsed.problems[6].message == "rating 3.7 is between the scale's steps of 0.5")
        // Without a scale (a ratings file read before its model is known) only the form is checked.
        #expect(RatingLines.parse(Data("1,1000\n".utf8), scale: nil).entries.count == 1)
    }

    @Test func aFileForAnotherCatalogueIsRefusedByRecommend() throws {
        let mine = Data((Self.identity.commentLine + "\nmovie,rating\n10,4\n").utf8)
        let parsed = try PersonalRatingsFile.parse(mine, file: "me.csv")
        #expect(parsed.identity == Self.identity)
        try PersonalRatingsFile.check(parsed, file: "me.csv", against: Self.identity)
        let other = CatalogIdentity(name: "ml-test", ids: [10, 20], title: { ["Ten (1990)", "Twenty (2001)"][$0] })
        #expect(other.fingerprint != Self.identity.fingerprint, "one title changed: another catalogue")
        #expect(CatalogIdentity(name: "x", ids: [20, 10], title: { ["Twenty (2000)", "Ten (1990)"][$0] }).fingerprint == Self.identity.fingerprint,
                "the order of the movies does not matter")
        #expect(throws: DataError.self) { try PersonalRatingsFile.check(parsed, file: "me.csv", against: other) }
    }

    @Test func aJournalThatIsNotAFileIsAnErrorNotAHang() throws {
        let folder = Fixtures.folder()
        let asFolder = RatingsJournal(url: folder)
        #expect(throws: DataError.self) { try asFolder.read(scale: nil) }
        #expect(throws: DataError.self) { try asFolder.append(movie: 1, rating: 4) }
        let fifo = folder.appendingPathComponent("fifo.csv")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let piped = RatingsJournal(url: fifo)
        do { _ = try piped.read(scale: nil); Issue.record("a FIFO was read") } catch let e as DataError {
            #expect(e.message.contains("pipe"))
        }
        #expect(throws: DataError.self) { try piped.append(movie: 1, rating: 4) }
    }

    @Test func movingTheJournalWritesEveryRatingThere() throws {
        let folder = Fixtures.folder()
        let journal = RatingsJournal(url: folder.appendingPathComponent("a.csv"))
        try journal.append(movie: 1, rating: 4)
        let target = folder.appendingPathComponent("b.csv")
        try journal.move(to: target, ratings: [(movie: 1, rating: 4), (movie: 2, rating: 5)], identity: Self.identity)
        #expect(journal.url == target)
        try journal.append(movie: 3, rating: 1)
        #expect(try RatingsJournal(url: target).load() == [1: 4, 2: 5, 3: 1])
        #expect(try RatingsJournal(url: target).read(scale: nil).identity == Self.identity)
    }

    @Test func eachDataSetHasItsOwnJournal() {
        let folder = Fixtures.folder()
        let a = RatingsJournal.forDataset(source: "/data/ml-100k", stateFolder: folder)
        let b = RatingsJournal.forDataset(source: "/other/ml-100k", stateFolder: folder)
        #expect(a.url != b.url)
        #expect(a.url.lastPathComponent.hasPrefix("my-ratings-ml-100k-"))
        #expect(a.url == RatingsJournal.forDataset(source: "/data/ml-100k", stateFolder: folder).url)
    }
}
