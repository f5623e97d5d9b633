import Testing
@testable import LatentCore
@testable import LatentTUI

/// The cross-tab's keys do what a person expects of them.
@Suite("The cross-tab's keys")
struct GridKeysTests {
    func go(to raw: Int64, _ s: inout AppState, _ c: AppContext) {
        (s, _) = Reducer.reduce(s, .startGotoUser, c)
        for ch in String(raw) { (s, _) = Reducer.reduce(s, .type(ch), c) }
        (s, _) = Reducer.reduce(s, .accept, c)
    }

    /// `you` stays pinned at the top however far the other rows scroll.
    @Test func yourRowStaysPinned() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c, width: 80, height: 24)
        (s, _) = Reducer.reduce(s, .rate(3), c)
        #expect(s.rowOrder(c).first == c.personUser)
        let far = try #require(c.byActivity.rowOrder.last)
        go(to: c.dataset.userIds[Int(far)], &s, c)
        var v = s.gridView(c)
        #expect(s.selectedUser == far && v.users.contains(far))
        #expect(v.users.first == c.personUser, "you, pinned above the scrolled rows")
        (s, _) = Reducer.reduce(s, .pageRows(-1), c)
        v = s.gridView(c)
        #expect(v.users.first == c.personUser && v.users.contains(s.selectedUser))
        #expect(v.users.count == s.visibleRows, "the page is full")
        // Selecting the pinned row keeps the others where they are.
        let before = v.users
        s.selectedUser = c.personUser
        #expect(s.gridView(c).users == before)
    }

    /// `o` reads the new order from its top: the first movie is selected and shown.
    @Test func anOrderStartsAtItsTop() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        (s, _) = Reducer.reduce(s, .pageColumns(1), c)
        #expect(s.left > 0)
        (s, _) = Reducer.reduce(s, .cycleOrder, c)
        #expect(s.order == .id && s.selectedItem == c.byId.columnOrder.first && s.left == 0)
        (s, _) = Reducer.reduce(s, .cycleOrder, c)
        #expect(s.order == .predicted && s.toTopWhenRanked)
        // The ranking arrives: its top movie is selected.
        var snap = TrainingSnapshot(hyper: .fastai)
        snap.rankingUser = s.selectedUser
        snap.ranking = (0..<Int32(c.dataset.itemCount)).reversed()
        (s, _) = Reducer.reduce(s, .snapshot(snap), c)
        #expect(s.selectedItem == Int32(c.dataset.itemCount - 1) && s.left == 0 && !s.toTopWhenRanked)
    }

    /// enter on the grid opens the selected movie's neighbours (it used to say it does nothing).
    @Test func enterOpensTheSelectedMovie() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        #expect(Keymap.action(for: .enter, in: s) == .openMovie)
        let movie = s.selectedItem
        (s, _) = Reducer.reduce(s, .openMovie, c)
        #expect(s.view == .neighbours && s.insightRequest(c).focus == movie)
        #expect(Keymap.action(for: .enter, in: s) == .neighbourSelect, "in the neighbours view enter is the view's own")
    }
}

/// Titles cut so that neighbouring ones still tell apart.
@Suite("Titles in a narrow column")
struct TitleFitTests {
    func movie(_ title: String) -> Movie { Movie(rawId: 1, title: title, year: TitleText.year(in: title)) }

    @Test func aCutKeepsTheSequelNumberOrSubtitleAndTheYear() {
        let first = TitleFit.fit(movie("Jurassic Park (1993)"), width: 14), third = TitleFit.fit(movie("Jurassic Park III (2001)"), width: 14)
        #expect(first != third, "\(first) / \(third)")
        #expect(third.contains("III") && Canvas.displayWidth(third) <= 14)
        let hope = TitleFit.fit(movie("Star Wars: Episode IV - A New Hope (1977)"), width: 16)
        #expect(hope.contains("IV") && Canvas.displayWidth(hope) <= 16, "\(hope)")
        let birdman = TitleFit.fit(movie("Birdman: Or (The Unexpected Virtue of Ignorance) (2014)"), width: 20)
        #expect(birdman == "Birdman (2014)", "no dangling parenthesis: \(birdman)")
        #expect(TitleFit.fit(movie("Toy Story (1995)"), width: 30) == "Toy Story (1995)", "what fits is left whole")
        for width in 8...40 {
            for title in ["Jurassic Park III (2001)", "Star Wars: Episode IV - A New Hope (1977)", "Birdman: Or (The Unexpected Virtue of Ignorance) (2014)"] {
                #expect(Canvas.displayWidth(TitleFit.fit(movie(title), width: width)) <= width, "\(title) at \(width)")
            }
        }
    }
}
