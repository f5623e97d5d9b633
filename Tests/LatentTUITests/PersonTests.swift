import Foundation
import Testing
@testable import LatentCore
@testable import LatentTUI

@Suite("Rating movies yourself")
struct PersonTests {
    @Test func ratingAddsTheYouRowAndUndoRestores() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        let firstUser = s.selectedUser
        var commands: [TrainingCommand]
        (s, commands) = Reducer.reduce(s, .rate(5), c)
        let a = s.selectedItem
        #expect(s.person == [a: 5])
        #expect(commands == [.setPersonRatings([PersonRating(item: a, rating: 5)])])
        #expect(s.rowOrder(c).first == c.personUser, "you appear in the grid")
        #expect(s.selectedUser == firstUser, "the selection stays on the same user")
        (s, _) = Reducer.reduce(s, .halfStar, c)
        #expect(s.person[a] == 5, "no half star above the top of the scale")
        (s, _) = Reducer.reduce(s, .move(rows: 0, columns: 1), c)
        (s, _) = Reducer.reduce(s, .rate(3), c)
        (s, _) = Reducer.reduce(s, .halfStar, c)
        let b = s.selectedItem
        #expect(s.person == [a: 5, b: 3.5])
        (s, commands) = Reducer.reduce(s, .undoRating, c)
        #expect(s.person == [a: 5, b: 3])
        (s, _) = Reducer.reduce(s, .undoRating, c)
        (s, _) = Reducer.reduce(s, .undoRating, c)
        #expect(s.person.isEmpty)
        #expect(s.rowOrder(c).first != c.personUser)
        #expect(commands.count == 1)
    }

    @Test func theScreenShowsYourRatingsAndRecommendations() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        (s, _) = Reducer.reduce(s, .rate(4), c)
        var snap = TUIFixtures.snapshot(for: s, c)
        snap.personRated = 1
        snap.recommendations = [Recommendation(item: 3, score: 4.25, because: Int(s.selectedItem))]
        s.snapshot = snap
        let canvas = Screen.render(s, c, journalPath: "~/.local/share/latentlab/my.csv")
        let title = c.dataset.movie(Int(s.selectedItem)).displayTitleWithYear
        #expect(canvas.contains("You · rated 1"))
        #expect(canvas.contains("★★★★"))
        #expect(canvas.contains(String(title.prefix(20))))
        #expect(canvas.contains("Recommended for you"))
        #expect(canvas.contains("4.25"))
        #expect(canvas.contains("because you liked"))
        #expect(canvas.contains("saved in ~/.local/share"))
        #expect(canvas.contains("you "), "the you row in the grid")
        // Small screens: tab shows the person's panels instead of the grid.
        var small = TUIFixtures.state(c, width: 80, height: 24)
        small.person = s.person
        small.snapshot = snap
        (small, _) = Reducer.reduce(small, .toggleView, c)
        #expect(Screen.render(small, c).contains("Recommended for you"))
    }

    @Test func recommendationsFollowRatingsAndUndo() throws {
        let data = try TUIFixtures.dataset()
        var h = Hyperparameters.fastai
        h.factors = 8
        let session = TrainingSession(dataset: data, split: Split.random(count: data.ratings.count, seed: 1), hyper: h)
        defer { session.shutdown() }
        session.send(.setSpeed(.max))
        session.send(.stepEpoch)
        #expect(eventually { session.snapshot.epochFraction >= 1 && !session.snapshot.running })
        let popular = session.snapshot.recommendations.map(\.item)
        #expect(!popular.isEmpty)
        let one = [PersonRating(item: 0, rating: 5)]
        let two = one + [PersonRating(item: 1, rating: 1)]
        session.send(.setPersonRatings(one))
        #expect(eventually { session.snapshot.personRated == 1 })
        let first = session.snapshot.recommendations.map(\.item)
        session.send(.setPersonRatings(two))
        #expect(eventually { session.snapshot.personRated == 2 })
        #expect(!session.snapshot.recommendations.contains { $0.item == 1 }, "a rated movie is not recommended")
        session.send(.setPersonRatings(one))
        #expect(eventually { session.snapshot.personRated == 1 })
        #expect(session.snapshot.recommendations.map(\.item) == first, "undo restores the previous list")
    }
}

@Suite("Your ratings on disk: nothing counts that was not saved")
struct PersonStoreTests {
    static func store(_ c: AppContext) -> (PersonStore, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("latentlab-store-\(UUID().uuidString)")
        return (PersonStore(folder: StateFolder(folder), dataset: c.dataset), folder)
    }

    @Test func aRatingThatCannotBeSavedDoesNotCountAndTheAlertOffersAnotherPlace() throws {
        let c = try TUIFixtures.context()
        let (store, _) = Self.store(c)
        // The journal's path is a folder: nothing can be appended to it.
        try FileManager.default.createDirectory(at: store.journal.url, withIntermediateDirectories: true)
        var s = TUIFixtures.state(c)
        let commands = ExplorerApp.apply(.rate(4), to: &s, c, store: store)
        #expect(s.person.isEmpty, "the rating does not count")
        #expect(commands.isEmpty, "nothing reaches the trainer")
        let alert = try #require(s.alert)
        #expect(alert.lines.joined(separator: " ").contains("is a folder"), "the whole reason is shown")
        guard case .saveElsewhere(let path, let pending)? = alert.offer else { Issue.record("no other place offered"); return }
        #expect(pending == .rate(4))
        // Any other key closes it and nothing changes; `a` keeps the ratings elsewhere and applies the rating.
        var closed = s
        _ = ExplorerApp.apply(Keymap.action(for: .char("x"), in: closed) ?? .quit, to: &closed, c, store: store)
        #expect(closed.alert == nil && closed.person.isEmpty)
        let moved = ExplorerApp.apply(.acceptAlertOffer, to: &s, c, store: store)
        #expect(s.alert == nil)
        #expect(s.person == [s.selectedItem: 4])
        #expect(moved == [.setPersonRatings([PersonRating(item: s.selectedItem, rating: 4)])])
        #expect(store.journal.url.path == path)
        #expect(try RatingsJournal(url: URL(fileURLWithPath: path)).load() == [c.dataset.itemIds[Int(s.selectedItem)]: 4])
        #expect(store.quitNotice?.contains("could not be saved") == false, "the rating counted in the end")
        #expect(store.quitNotice?.contains("your ratings were kept in") == true, "quitting says where they are")
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The You list comes back in the order it was left: newest change first, from the journal.
    @Test func theYouListKeepsItsOrderAcrossARestart() throws {
        let c = try TUIFixtures.context()
        let (store, _) = Self.store(c)
        var s = TUIFixtures.state(c)
        for (item, stars) in [(Int32(5), Float(4)), (2, 3), (7, 5), (5, 2)] {
            s.selectedItem = item
            _ = ExplorerApp.apply(.rate(stars), to: &s, c, store: store)
        }
        #expect(s.recent == [2, 7, 5], "5 was rated again last")
        let opened = store.open(search: c.search)
        #expect(opened.recent == s.recent)
        var again = TUIFixtures.state(c)
        again.person = opened.ratings
        again.recent = opened.recent
        var canvas = Canvas(width: 90, height: 8)
        YouWidget(state: again, context: c, journalPath: nil).render(into: &canvas, canvas.bounds)
        let titles = [5, 7, 2].map { c.dataset.movie($0).displayTitle.prefix(26) }
        let rows = titles.compactMap { canvas.find(String($0))?.y }
        #expect(rows.count == 3 && rows == rows.sorted(), "newest first: \(rows)")
    }

    @Test func badLinesAreListedInAnAlertAndTheRestIsLoaded() throws {
        let c = try TUIFixtures.context()
        let (store, _) = Self.store(c)
        let id = c.dataset.itemIds[0], other = c.dataset.itemIds[1]
        try FileManager.default.createDirectory(at: store.journal.url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("movie,rating\r\n\(id),-5\r\n\(other),4\r\n\(id),nan\r\nNo Such Movie,3\r\n".utf8).write(to: store.journal.url)
        let opened = store.open(search: c.search)
        #expect(opened.ratings == [1: 4])
        let alert = try #require(opened.alert)
        #expect(alert.title == "3 lines of your ratings file were ignored")
        #expect(alert.lines.contains("  line 2: rating -5 is outside the scale 0.5–5 (0 clears a rating)"))
        #expect(alert.lines.contains("  line 4: rating 'nan' is not a number"))
        // The explorer shows it over the screen, whole, until a key is pressed.
        var s = TUIFixtures.state(c)
        s.alert = alert
        let text = Screen.render(s, c).text
        #expect(text.contains("3 lines of your ratings file were ignored"))
        #expect(text.contains("line 4: rating 'nan' is not a number"))
        #expect(Keymap.action(for: .char("j"), in: s) == .dismissAlert)
        // An old journal without an identity line now has one.
        #expect(try store.journal.read(scale: nil).identity == c.dataset.catalogIdentity)
    }

    @Test func aJournalOfAnotherDataSetIsSetAsideNotApplied() throws {
        let c = try TUIFixtures.context()
        let (store, folder) = Self.store(c)
        let foreign = CatalogIdentity(name: "ml-other", fingerprint: "0123456789abcdef")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data((foreign.commentLine + "\nmovie,rating\n\(c.dataset.itemIds[0]),5\n").utf8).write(to: store.journal.url)
        let opened = store.open(search: c.search)
        #expect(opened.ratings.isEmpty)
        #expect(opened.alert?.title == "Your ratings file is for other movies")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(names.contains { $0.contains(".other-0123456789abcdef") }, "kept aside, not deleted")
        // The next rating starts a journal of this data set.
        try store.save(item: 2, rating: 3)
        #expect(try store.journal.read(scale: nil).identity == c.dataset.catalogIdentity)
    }
}
