import Foundation
import Testing
@testable import LatentCore

@Suite("The person's ratings journal")
struct JournalTests {
    @Test func appendsSurviveAndLastLineWins() throws {
        let journal = RatingsJournal(url: Fixtures.folder().appendingPathComponent("me.csv"))
        try journal.append(movie: 10, rating: 4)
        try journal.append(movie: 20, rating: 3.5)
        try journal.append(movie: 10, rating: 5)
        try journal.append(movie: 20, rating: 0)
        #expect(journal.load() == [10: 5])
        #expect(journal.notice == nil)
        // The same file is a ratings file for `recommend --ratings`.
        let entries = try PersonalRatingsFile.read(journal.url)
        let resolved = try PersonalRatingsFile.resolve(entries, file: "me.csv", itemIndex: { Int($0) }, search: MovieSearch(movies: [], popularity: []),
                                                       title: { "\($0)" }, scale: RatingScale(min: 0.5, max: 5, step: 0.5))
        #expect(resolved.map(\.item) == [10] && resolved.map(\.rating) == [5])
    }

    @Test func aTornLastLineIsIgnoredWithANotice() throws {
        let url = Fixtures.folder().appendingPathComponent("me.csv")
        let journal = RatingsJournal(url: url)
        try journal.append(movie: 1, rating: 4)
        try journal.append(movie: 2, rating: 5)
        // A crash in the middle of a write: half a line, no newline.
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("3,4.".utf8))
        try handle.close()
        let reread = RatingsJournal(url: url)
        #expect(reread.load() == [1: 4, 2: 5])
        #expect(reread.notice?.contains("1 damaged line") == true)
        // The next change starts on a line of its own, so nothing else is lost.
        try reread.append(movie: 4, rating: 3)
        #expect(RatingsJournal(url: url).load() == [1: 4, 2: 5, 4: 3])
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
