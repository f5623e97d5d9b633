import Foundation
import Testing
@testable import LatentCore
@testable import LatentTUI

/// The state holds what the person asked for and every command carries an absolute value,
/// so keys pressed within one frame (before a new snapshot) all take effect, and the
/// selection is an identity that no re-sort can move.
@Suite("One owner per fact: requests, commands, selection")
struct OneOwnerTests {
    /// Reduces several actions in a row with no snapshot in between (one frame).
    func press(_ actions: [Action], _ s: AppState, _ c: AppContext) -> (AppState, [TrainingCommand]) {
        var state = s, all: [TrainingCommand] = []
        for a in actions {
            let (next, commands) = Reducer.reduce(state, a, c)
            state = next
            all += commands
        }
        return (state, all)
    }

    func hyper(_ commands: [TrainingCommand]) -> [Hyperparameters] {
        commands.compactMap { if case .setHyperparameters(let h, _) = $0 { return h } else { return nil } }
    }

    @Test func twoPlusesInOneFrameDoubleTwice() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        s.snapshot = TrainingSnapshot(hyper: .fastai) // stale: it never sees the first +
        let (after, commands) = press([.change(.learningRate(up: true)), .change(.learningRate(up: true))], s, c)
        #expect(hyper(commands).map(\.learningRate) == [0.01, 0.02])
        #expect(after.settings.learningRate == 0.02)
        let (_, down) = press([.change(.learningRate(up: false)), .change(.learningRate(up: false))], after, c)
        #expect(hyper(down).last?.learningRate == 0.005)
    }

    @Test func weightDecayThenFactorsKeepsBoth() throws {
        let c = try TUIFixtures.context()
        let s = TUIFixtures.state(c)
        let (_, commands) = press([.change(.weightDecay), .change(.factors)], s, c)
        let last = try #require(hyper(commands).last)
        #expect(last.weightDecay == 0, "the factors key does not send the old weight decay back")
        #expect(last.factors == 100)
    }

    @Test func speedAndSeedAreRequestsToo() throws {
        let c = try TUIFixtures.context()
        let s = TUIFixtures.state(c)
        let (fast, commands) = press([.faster, .faster, .faster, .faster], s, c)
        #expect(commands == [.setSpeed(.thousand), .setSpeed(.tenThousand), .setSpeed(.max), .setSpeed(.max)])
        #expect(fast.speed == .max)
        let (_, slow) = press([.slower, .slower], fast, c)
        #expect(slow == [.setSpeed(.tenThousand), .setSpeed(.thousand)])
        let (seeded, resets) = press([.reset(newSeed: true), .reset(newSeed: true), .reset(newSeed: false)], s, c)
        #expect(resets == [.reset(seed: 43), .reset(seed: 44), .reset(seed: 44)])
        #expect(seeded.settings.seed == 44)
    }

    /// In the predicted order the columns re-sort as training runs: the selected movie stays
    /// the same movie, wherever it moves.
    @Test func theSelectionSurvivesARanking() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        (s, _) = Reducer.reduce(s, .cycleOrder, c)
        (s, _) = Reducer.reduce(s, .cycleOrder, c)
        #expect(s.order == .predicted)
        #expect(!s.rankingReady(c))
        let user = s.selectedUser
        let items = Int32(c.dataset.itemCount)
        var snap = TUIFixtures.snapshot(for: s, c)
        snap.rankingUser = user
        snap.ranking = Array(0..<items)
        (s, _) = Reducer.reduce(s, .snapshot(snap), c)
        #expect(s.rankingReady(c) && s.columnOrder(c) == Array(0..<items))
        s.selectedItem = 0
        (s, _) = Reducer.reduce(s, .move(rows: 0, columns: 3), c)
        #expect(s.selectedItem == 3)
        // A new ranking moves movie 3 to the end: it is still the selection.
        snap.ranking = Array(0..<items).filter { $0 != 3 } + [3]
        (s, _) = Reducer.reduce(s, .snapshot(snap), c)
        #expect(s.selectedItem == 3)
        #expect(s.selectionPosition(c).column == Int(items) - 1)
        let view = s.gridView(c)
        #expect(view.items.contains(3), "the scroll follows it")
        let screen = Screen.render(s, c)
        #expect(screen.contains("movies by predicted rating for user \(c.userLabel(user))"))
    }

    /// `g 42` in the predicted order: the order is requested for that user and the title
    /// says so honestly until the ranking arrives.
    @Test func goingToAUserAsksForTheirRanking() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        (s, _) = Reducer.reduce(s, .cycleOrder, c)
        (s, _) = Reducer.reduce(s, .cycleOrder, c)
        var snap = TUIFixtures.snapshot(for: s, c)
        snap.rankingUser = s.selectedUser
        snap.ranking = Array(0..<Int32(c.dataset.itemCount)).reversed()
        (s, _) = Reducer.reduce(s, .snapshot(snap), c)
        let target = c.byActivity.rowOrder[20]
        (s, _) = Reducer.reduce(s, .startGotoUser, c)
        for ch in String(c.dataset.userIds[Int(target)]) { (s, _) = Reducer.reduce(s, .type(ch), c) }
        (s, _) = Reducer.reduce(s, .accept, c)
        #expect(s.selectedUser == target)
        #expect(s.rankingRequest == target)
        #expect(EngineRequests(s, c).commands(since: nil).contains(.rank(user: target)))
        #expect(!s.rankingReady(c), "the old ranking was for someone else")
        let title = Screen.render(s, c).line(0)
        #expect(title.contains("ranking movies for user \(c.userLabel(target))"))
        #expect(!title.contains("predicted rating for"))
    }

    @Test func theViewportIsSentOnlyWhenItChanges() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        let first = EngineRequests(s, c)
        #expect(first.commands(since: nil).count == 3, "the viewport, the ranking and the views' request")
        #expect(first.commands(since: first).isEmpty)
        (s, _) = Reducer.reduce(s, .move(rows: 1, columns: 0), c)
        let moved = EngineRequests(s, c)
        #expect(moved.commands(since: first) == [.setViewport(moved.viewport)])
    }

    /// A tour page that asks for a key pauses training: at flat-out speed the text stays on its page.
    @Test func theTourPausesTrainingOnPagesThatAskForAKey() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        var commands: [TrainingCommand]
        (s, commands) = press([.faster, .faster, .faster, .train(.run)], s, c)
        #expect(commands.last == .run)
        (s, commands) = Reducer.reduce(s, .tour(.toggle), c)
        #expect(commands == [.pause])
        var running = TUIFixtures.snapshot(for: s, c, step: 500)
        running.running = true
        running.speed = .max
        for step in [600, 700, 800] {
            running.step = step
            (s, _) = Reducer.reduce(s, .snapshot(running), c)
        }
        #expect(s.tourPage == 0, "snapshots never turn the page")
        (s, commands) = Reducer.reduce(s, .tour(.next), c)
        #expect(s.tourPage == 1 && commands == [.pause])
        (s, commands) = Reducer.reduce(s, .train(.step), c)
        #expect(s.tourPage == 1 && commands == [.step])
        // The last page asks for nothing: training is left as it is.
        s.tourPage = Tour.pages.count - 2
        (s, commands) = Reducer.reduce(s, .tour(.next), c)
        #expect(commands.isEmpty)
    }

    @Test func anUnknownKeySaysWhereTheKeysAre() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        let action = try #require(Keymap.action(for: .char("Y"), in: s))
        (s, _) = Reducer.reduce(s, action, c)
        #expect(s.status == "Y does nothing here: press ? for keys")
        let ctrl = try #require(Keymap.action(for: .char("\u{1}"), in: s))
        #expect(ctrl == .unknownKey("ctrl-A"))
    }

    @Test func halfAStarOnAWholeStarScaleSaysWhy() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        (s, _) = Reducer.reduce(s, .halfStar, c)
        #expect(s.status == "Rate a movie first (1–5); . then adds half a star")
        // The same data on a whole-star scale.
        var whole = c.dataset
        whole.scale = RatingScale(min: 1, max: 5, step: 1)
        let wc = AppContext(dataset: whole, preset: "fastai")
        var w = TUIFixtures.state(wc)
        (w, _) = Reducer.reduce(w, .rate(3), wc)
        (w, _) = Reducer.reduce(w, .halfStar, wc)
        #expect(w.person[w.selectedItem] == 3)
        #expect(w.status == "This data set rates in whole stars (1–5): no half stars")
    }

    /// A movie's count is one figure everywhere: the `m` filter, search, the find list and saved models.
    @Test func perMovieCountsHaveOneDefinition() throws {
        let c = try TUIFixtures.context()
        let table = c.dataset.ratings
        #expect(c.counts == (0..<table.itemCount).map { Int32(table.ratings(ofItem: $0).count) })
        let trainer = try Trainer(data: TrainingData(dataset: c.dataset, split: Split.random(count: table.count, seed: 1)), hyper: {
            var h = Hyperparameters.fastai; h.factors = 4; return h }())
        #expect(ModelFile.Contents(trainer: trainer, dataset: c.dataset, history: []).itemCounts == c.counts,
                "the saved model's counts are the data set's (not the training split's)")
        let setup = EngineSetup(dataset: c.dataset, split: Split.random(count: table.count, seed: 1), hyper: .fastai)
        #expect(setup.counts == c.counts)
    }

    /// Predictions beyond the scale are shown clipped, with the raw value where it matters.
    @Test func predictionsAreClippedToTheScale() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        // An empty cell (no known rating) selected, predicted above the top of the scale.
        let users = c.byActivity.rowOrder, items = c.byActivity.columnOrder
        let empty = try #require(users.lazy.flatMap { u in items.map { (u, $0) } }.first { s.known(user: $0.0, item: $0.1, c) == nil })
        s.selectedUser = empty.0
        s.selectedItem = empty.1
        (s, _) = Reducer.reduce(s, .move(rows: 0, columns: 0), c) // the scroll follows the selection
        s.snapshot = TUIFixtures.snapshot(for: s, c, step: 5, value: 5.43)
        let screen = Screen.render(s, c)
        #expect(screen.contains("5.00·"))
        #expect(!screen.contains("5.43·"))
        #expect(screen.contains("predicted 5.00 (raw 5.43)"))
    }
}
