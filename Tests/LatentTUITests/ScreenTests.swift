import Foundation
import Testing
@testable import LatentCore
@testable import LatentTUI

@Suite("Screens rendered into a canvas")
struct ScreenTests {
    /// `p` switches the preset while the explorer runs: the status line follows the snapshot.
    @Test func statusLineNamesThePresetInForce() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        s.snapshot = TUIFixtures.snapshot(for: s, c)
        #expect(Screen.render(s, c).line(38).contains("fastai"))
        s.snapshot?.hyper = .funkSVD
        let line = Screen.render(s, c).line(38)
        #expect(line.contains("funk-svd") && !line.contains("fastai"))
    }

    @Test func gridShowsTitlesKnownRatingsAndDimmedPredictions() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        s.snapshot = TUIFixtures.snapshot(for: s, c)
        let canvas = Screen.render(s, c)
        #expect(canvas.contains("Cross-tab"))
        let firstMovie = c.dataset.movie(Int(c.byActivity.columnOrder[0]))
        let header = ColumnHeader.lines(firstMovie, width: 6).title
        #expect(canvas.contains(header))
        // A known rating is bold, an empty cell shows the prediction dimmed with a dot.
        let (users, items) = c.byActivity.window(rows: s.visibleRows, columns: s.visibleColumns)
        var sawKnown = false, sawPrediction = false
        for (r, u) in users.enumerated() {
            for (col, m) in items.enumerated() {
                let g = GridGeometry(Layout.compute(width: 120, height: 40).grid)
                let x = g.cellX(col) + 1, y = g.firstRowY + r
                if r == 0 && col == 0 { continue } // the selected cell is reversed
                if c.dataset.ratings.rating(user: Int(u), item: Int(m)) != nil {
                    #expect(canvas[x, y].style.bold)
                    sawKnown = true
                } else {
                    #expect(canvas[x, y].style.dim)
                    #expect(canvas.line(y).contains("3.25·"))
                    sawPrediction = true
                }
            }
        }
        #expect(sawKnown && sawPrediction)
        #expect(canvas.contains("Random parameters, nothing trained yet"))
    }

    @Test func selectionDetailsAndTitleBar() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        (s, _) = Reducer.reduce(s, .move(rows: 2, columns: 1), c)
        s.snapshot = TUIFixtures.snapshot(for: s, c, step: 5)
        let canvas = Screen.render(s, c)
        let user = c.dataset.userIds[Int(c.byActivity.rowOrder[2])]
        let movie = c.dataset.movie(Int(c.byActivity.columnOrder[1])).displayTitleWithYear
        #expect(canvas.contains("user \(user) · actual"))
        #expect(canvas.contains("predicted 3.25"))
        #expect(canvas.line(0).contains(String(movie.prefix(20))))
        #expect(canvas.contains("predicted 3.25"))
    }

    @Test func layoutsFromWideToTooSmall() throws {
        let c = try TUIFixtures.context()
        let wide = Layout.compute(width: 120, height: 40)
        #expect(!wide.tooSmall && wide.you != nil && wide.recommended != nil)
        let small = Layout.compute(width: 80, height: 24)
        #expect(!small.tooSmall && small.you == nil)
        #expect(GridGeometry(small.grid).columns >= 4 && GridGeometry(small.grid).rows >= 10)
        var s = TUIFixtures.state(c, width: 80, height: 24)
        s.snapshot = TUIFixtures.snapshot(for: s, c)
        let compact = Screen.render(s, c)
        #expect(compact.contains("Cross-tab") && compact.contains("Loss") && compact.contains("Step 0"))
        let tiny = Screen.render(TUIFixtures.state(c, width: 60, height: 20), c)
        #expect(tiny.contains("needs at least 80×24"))
        #expect(tiny.contains("60×20"))
    }

    @Test func lossChartDrawsBothCurvesAndValues() {
        var snap = TrainingSnapshot(hyper: .fastai)
        for i in 0..<300 { snap.train.append(2 / Float(i + 1) + 0.5) }
        snap.step = 300
        snap.stepsPerEpoch = 100
        snap.valid = [ValidPoint(step: 0, mse: 1.9), ValidPoint(step: 100, mse: 0.9), ValidPoint(step: 200, mse: 0.8)]
        snap.lastValid = ValidationMetrics(mse: 0.8, rmse: 0.894, mae: 0.7, count: 10, unseen: 0)
        var canvas = Canvas(width: 40, height: 14)
        LossChartWidget(snapshot: snap, logScale: true).render(into: &canvas, canvas.bounds)
        let text = canvas.text
        #expect(text.unicodeScalars.contains { $0.value > 0x2800 && $0.value <= 0x28FF })
        #expect(text.contains("log"))
        #expect(text.contains("valid 0.8000"))
        #expect(text.contains("step 300"))
        #expect(canvas[0, 0].scalar == "┌")
        // Both series' colours appear among the braille cells.
        let styles = canvas.cells.filter { $0.scalar.value > 0x2800 && $0.scalar.value <= 0x28FF }.map(\.style.foreground)
        #expect(styles.contains(Theme.train.foreground) && styles.contains(Theme.valid.foreground))
        var linear = Canvas(width: 40, height: 14)
        LossChartWidget(snapshot: snap, logScale: false).render(into: &linear, linear.bounds)
        #expect(linear.text.contains("linear"))
    }

    /// After a long run the next one is not squashed into a corner: the axis spans the run being
    /// trained, and the last run's curve is drawn as far as this one has come.
    @Test func aShortRunAfterALongOneFillsTheChart() {
        var snap = TrainingSnapshot(hyper: .fastai)
        for i in 0..<200 { snap.train.append(1 / Float(i + 1) + 0.5) }
        snap.step = 200
        snap.stepsPerEpoch = 100
        snap.valid = [ValidPoint(step: 100, mse: 0.9), ValidPoint(step: 200, mse: 0.8)]
        snap.previousValid = stride(from: 100, through: 118_400, by: 100).map { ValidPoint(step: $0, mse: 0.7 + 100 / Float($0)) }
        snap.previousLabel = "funk-svd"
        var canvas = Canvas(width: 40, height: 14)
        LossChartWidget(snapshot: snap, logScale: false).render(into: &canvas, canvas.bounds)
        #expect(canvas.text.contains("step 200") && !canvas.text.contains("118400"))
        // The training curve reaches the right half of the plot.
        let trainColumns = Set((0..<canvas.cells.count).filter { i in
            let cell = canvas.cells[i]
            return cell.scalar.value > 0x2800 && cell.scalar.value <= 0x28FF && cell.style.foreground == Theme.train.foreground
        }.map { $0 % canvas.width })
        #expect((trainColumns.max() ?? 0) > canvas.width * 3 / 4, "the curve spans the chart (rightmost column \(trainColumns.max() ?? 0))")
        #expect(canvas.text.contains("◂ funk-svd"))
    }

    /// At 80×24 nothing is cut: the linear scale moves under the axis when the title has no
    /// room for it, and a message too long for one line waits while the find prompt is open.
    @Test func smallScreensCutNoWords() throws {
        var snap = TrainingSnapshot(hyper: .fastai)
        for i in 0..<50 { snap.train.append(1 / Float(i + 1) + 0.5) }
        snap.step = 50
        snap.stepsPerEpoch = 100
        var canvas = Canvas(width: 30, height: 11)
        LossChartWidget(snapshot: snap, logScale: false).render(into: &canvas, canvas.bounds)
        #expect(!canvas.line(0).contains("…") && canvas.text.contains("linear"))
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c, width: 80, height: 24)
        s.snapshot = TUIFixtures.snapshot(for: s, c)
        s.snapshot?.message = .cannotTrainCell(.emptyCell)
        (s, _) = Reducer.reduce(s, .startFind, c)
        let screen = Screen.render(s, c)
        for y in 22..<24 { #expect(!screen.line(y).contains("…"), "status line \(y): \(screen.line(y))") }
        #expect(screen.line(23).contains("find movie:"))
    }

    @Test func helpListsEveryKeyOfTheStatusLine() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        (s, _) = Reducer.reduce(s, .toggleHelp, c)
        let canvas = Screen.render(s, c)
        #expect(canvas.contains("Keys"))
        for (key, _) in HelpOverlay.lines.prefix(10) { #expect(canvas.contains(key)) }
    }
}

@Suite("Column headers")
struct ColumnHeaderTests {
    @Test func headersKeepTheYearAndTheSequelNumber() {
        func header(_ title: String) -> (String, String) {
            let h = ColumnHeader.lines(Movie(rawId: 1, title: title), width: 6)
            return (h.title, h.year)
        }
        #expect(header("Star Wars: Episode IV - A New Hope (1977)") == ("Sta…IV", "1977"))
        #expect(header("Star Wars: Episode I - The Phantom Menace (1999)") == ("Star…I", "1999"))
        #expect(header("Toy Story 2 (1999)") == ("Toy…2", "1999"))
        #expect(header("Back to the Future (1985)") == ("Back…", "1985"), "no space before the ellipsis")
        #expect(header("Strangers on a Train (1951)") == ("Stran…", "1951"), "a long word is cut with an ellipsis")
        #expect(header("Heat (1995)") == ("Heat", "1995"))
        #expect(header("Godfather, The (1972)") == ("Godfa…", "1972"), "the article is dropped first")
        // Side by side, the Star Wars columns differ.
        let episodes = ["IV - A New Hope (1977)", "V - The Empire Strikes Back (1980)", "VI - Return of the Jedi (1983)"]
            .map { header("Star Wars: Episode " + $0) }
        #expect(Set(episodes.map(\.0)).count == 3)
    }
}

@Suite("Keys and the reducer")
struct ReducerTests {
    @Test func keysMapToActions() throws {
        let c = try TUIFixtures.context()
        let s = TUIFixtures.state(c)
        #expect(Keymap.action(for: .char(" "), in: s) == .train(.toggleRun))
        #expect(Keymap.action(for: .char("s"), in: s) == .train(.step))
        #expect(Keymap.action(for: .char("j"), in: s) == .move(rows: 1, columns: 0))
        #expect(Keymap.action(for: .pageDown, in: s) == .pageRows(1))
        #expect(Keymap.action(for: .char("q"), in: s) == .quit)
        var typing = s
        typing.mode = .findMovie(query: "", selected: 0)
        #expect(Keymap.action(for: .char("q"), in: typing) == .type("q"), "q is a letter while typing")
    }

    @Test func movingClampsAndPagingReachesEveryUser() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        (s, _) = Reducer.reduce(s, .move(rows: -3, columns: -3), c)
        #expect(s.selectionPosition(c).row == 0 && s.selectionPosition(c).column == 0)
        for _ in 0..<50 { (s, _) = Reducer.reduce(s, .pageRows(1), c) }
        #expect(s.selectionPosition(c).row == c.dataset.userCount - 1)
        #expect(s.top + s.visibleRows > s.selectionPosition(c).row && s.top <= s.selectionPosition(c).row, "the selection stays on screen")
        for _ in 0..<50 { (s, _) = Reducer.reduce(s, .pageColumns(1), c) }
        #expect(s.selectionPosition(c).column == c.dataset.itemCount - 1)
        (s, _) = Reducer.reduce(s, .firstRow, c)
        #expect(s.selectionPosition(c).row == 0 && s.top == 0)
    }

    @Test func findAMovieByTitle() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        let target = c.dataset.movie(Int(c.byActivity.columnOrder[7]))
        (s, _) = Reducer.reduce(s, .startFind, c)
        for ch in target.displayTitle.lowercased() { (s, _) = Reducer.reduce(s, .type(ch), c) }
        (s, _) = Reducer.reduce(s, .accept, c)
        #expect(s.mode == .browse)
        #expect(s.selectedItem == c.byActivity.columnOrder[7])
        #expect(s.status?.contains(target.displayTitle) == true)
    }

    @Test func goToAUserId() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        let raw = c.dataset.userIds[Int(c.byActivity.rowOrder[20])]
        (s, _) = Reducer.reduce(s, .startGotoUser, c)
        for ch in String(raw) { (s, _) = Reducer.reduce(s, .type(ch), c) }
        (s, _) = Reducer.reduce(s, .accept, c)
        #expect(s.selectedUser == c.byActivity.rowOrder[20])
        (s, _) = Reducer.reduce(s, .startGotoUser, c)
        for ch in "999999" { (s, _) = Reducer.reduce(s, .type(ch), c) }
        (s, _) = Reducer.reduce(s, .accept, c)
        #expect(s.status == "No user 999999 in this data set")
    }

    @Test func orderCyclesAndKeepsTheSelectedUser() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        (s, _) = Reducer.reduce(s, .move(rows: 5, columns: 0), c)
        let user = s.selectedUser
        var commands: [TrainingCommand]
        (s, commands) = Reducer.reduce(s, .cycleOrder, c)
        #expect(s.order == .id && s.selectedUser == user)
        (s, commands) = Reducer.reduce(s, .cycleOrder, c)
        #expect(s.order == .predicted)
        #expect(s.rankingRequest == user, "the engine is asked to rank for the selected user")
        #expect(commands.isEmpty)
        (s, _) = Reducer.reduce(s, .cycleOrder, c)
        #expect(s.order == .activity)
    }

    @Test func trainingKeysBecomeCommandsAndQuitEnds() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        var commands: [TrainingCommand]
        (s, commands) = Reducer.reduce(s, .train(.step), c)
        #expect(commands == [.step])
        (s, commands) = Reducer.reduce(s, .faster, c)
        #expect(commands == [.setSpeed(.thousand)], "the ladder: 100 → 1,000 steps a second")
        (s, _) = Reducer.reduce(s, .quit, c)
        #expect(s.quit)
    }

    @Test func clickSelectsACell() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        let g = GridGeometry(Layout.compute(width: 120, height: 40).grid)
        (s, _) = Reducer.reduce(s, .click(x: g.cellX(3) + 2, y: g.firstRowY + 4), c)
        #expect(s.selectionPosition(c).row == 4 && s.selectionPosition(c).column == 3)
    }
}
