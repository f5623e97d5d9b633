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
