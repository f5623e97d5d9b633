import Foundation
import Testing
@testable import LatentCore
@testable import LatentTUI

/// The views of what the model learned: the map, neighbours, biases, categories against
/// learned factors, and the step panel's one-hot lesson with `x`.
@Suite("Views of what the model learned")
struct ViewsTests {
    /// An engine on the small fixture, trained two epochs, with the views' data for `view`.
    func trained(_ view: MainView, data: Dataset? = nil) throws -> (TrainingEngine, AppContext, AppState) {
        var fixture = try data ?? TUIFixtures.dataset()
        fixture.source = "SampleFixture"
        var h = Hyperparameters.fastai
        h.factors = 8; h.learningRate = 2e-2
        var setup = EngineSetup(dataset: fixture, split: Split.random(count: fixture.ratings.count, seed: 1), hyper: h)
        setup.splitSource = (1, 0.2)
        let e = try TrainingEngine(setup)
        for _ in 0..<2 {
            e.apply(.stepEpoch)
            while e.currentSnapshot().running { _ = e.work() }
        }
        let c = AppContext(dataset: fixture, preset: "fastai")
        var s = AppState(width: 120, height: 40, context: c, settings: h)
        s.view = view
        e.apply(.setViewport(s.viewport(c)))
        e.apply(.setInsight(s.insightRequest(c)))
        s.snapshot = e.currentSnapshot()
        return (e, c, s)
    }

    @Test func vCyclesTheViewsAndEachNamesItself() throws {
        let (e, c, start) = try trained(.grid)
        var s = start
        var names: [String] = []
        for _ in 0..<4 {
            (s, _) = Reducer.reduce(s, .cycleView, c)
            e.apply(.setInsight(s.insightRequest(c)))
            s.snapshot = e.currentSnapshot()
            let screen = Screen.render(s, c)
            #expect(screen.line(0).contains(s.view.rawValue), "the title bar names \(s.view.rawValue)")
            if s.view != .grid { #expect(screen.line(38).contains(s.view.rawValue), "and the status line") }
            names.append(s.view.rawValue)
        }
        #expect(names == ["Movie map", "Neighbours", "Biases", "Cross-tab"])
    }

    /// The engine computes only what the view on screen asks for.
    @Test func onlyTheViewShownIsComputed() throws {
        let (e, _, _) = try trained(.grid)
        var snap = e.currentSnapshot()
        #expect(snap.insight.map == nil && snap.insight.neighbours.isEmpty && snap.insight.highestMovies.isEmpty)
        e.apply(.setInsight(InsightRequest(view: .biases)))
        snap = e.currentSnapshot()
        #expect(snap.insight.map == nil && !snap.insight.highestMovies.isEmpty && !snap.insight.lowestUsers.isEmpty)
        e.apply(.setInsight(InsightRequest(view: .map, focus: 0, neighbours: 5)))
        snap = e.currentSnapshot()
        #expect(snap.insight.map?.points.isEmpty == false && snap.insight.neighbours.count == 5 && snap.insight.focus == 0)
    }

    @Test func theMapCursorMovesToTheNearestMovieThatWay() throws {
        let (_, c, start) = try trained(.map)
        var s = start
        let map = try #require(s.snapshot?.insight.map)
        let here = try #require(s.mapCursorItem)
        func x(_ item: Int32?) -> Float { map.points.first { Int32($0.item) == item }?.coordinates[0] ?? .nan }
        (s, _) = Reducer.reduce(s, .mapMove(dx: 1, dy: 0), c)
        let right = s.mapCursorItem
        #expect(right != here && x(right) > x(here), "right means a larger first component")
        (s, _) = Reducer.reduce(s, .mapMove(dx: -1, dy: 0), c)
        #expect(x(s.mapCursorItem) < x(right))
        // enter selects the cursor's movie for the other views; 1–5 rates it.
        (s, _) = Reducer.reduce(s, .mapSelect, c)
        #expect(s.selectedItem == s.mapCursorItem)
        (s, _) = Reducer.reduce(s, .mapMove(dx: 0, dy: 1), c)
        let cursor = try #require(s.mapCursorItem)
        let commands: [TrainingCommand]
        (s, commands) = Reducer.reduce(s, .rate(5), c)
        #expect(s.person[cursor] == 5 && s.selectedItem == cursor)
        #expect(commands.count == 1)
        // Zoom centres on the cursor; a, the components.
        (s, _) = Reducer.reduce(s, .mapZoom(in: true), c)
        #expect(s.mapZoom == 2 && s.mapCenter[0] == map.points.first { Int32($0.item) == cursor }?.coordinates[0])
        (s, _) = Reducer.reduce(s, .cycleAxes, c)
        #expect(s.mapAxes == .firstThird && s.mapZoom == 1)
    }

    /// A monochrome terminal tells the genres apart by glyph instead of colour.
    @Test func aMonochromeMapUsesGlyphs() throws {
        let (_, c, start) = try trained(.map)
        var s = start
        s.monochrome = true
        let layout = Layout.compute(width: 120, height: 40)
        let canvas = Screen.render(s, c)
        let area = layout.grid.inner
        let scalars = (area.y..<area.maxY).flatMap { y in (area.x..<area.maxX).map { canvas[$0, y].scalar } }
        #expect(!scalars.contains { $0.value > 0x2800 && $0.value <= 0x28FF }, "no braille dots")
        #expect(scalars.contains("o") && scalars.contains("+"), "genre glyphs")
        let legend = try #require((area.y..<area.maxY).map { canvas.line($0) }.first { $0.contains("o Sci-Fi") || $0.contains("o Fantasy") })
        #expect(legend.contains("+ "), "the legend names each glyph's genre")
        s.monochrome = false
        let colour = Screen.render(s, c)
        #expect((area.y..<area.maxY).contains { y in (area.x..<area.maxX).contains { colour[$0, y].scalar.value > 0x2800 && colour[$0, y].scalar.value <= 0x28FF } })
    }

    /// Rating movies moves you on the map toward them (five animated films, on the sample).
    @Test func ratingMovesYouTowardTheMoviesYouLiked() throws {
        let data = try DatasetLoader.load(EngineTests.sampleData)
        var h = Hyperparameters.fastai
        h.factors = 16; h.batchSize = 256; h.epochs = 3; h.learningRate = 1e-2
        let e = try TrainingEngine(EngineSetup(dataset: data, split: Split.random(count: data.ratings.count, seed: 42), hyper: h))
        for _ in 0..<3 { e.apply(.stepEpoch); while e.currentSnapshot().running { _ = e.work() } }
        let you = Int32(data.userCount)
        e.apply(.setInsight(InsightRequest(view: .map, focus: 0, neighbours: 5, people: [you])))
        let map = try #require(e.currentSnapshot().insight.map)
        let films = map.points.filter { data.movie($0.item).genres.contains("Animation") }.prefix(5)
        let centre = (0..<2).map { c in films.map { $0.coordinates[c] }.reduce(0, +) / Float(films.count) }
        func distance(_ p: [Float]) -> Float { ((p[0] - centre[0]) * (p[0] - centre[0]) + (p[1] - centre[1]) * (p[1] - centre[1])).squareRoot() }
        let before = try #require(e.currentSnapshot().insight.people.first).coordinates
        e.apply(.setPersonRatings(films.map { PersonRating(item: Int32($0.item), rating: 5) }))
        let after = try #require(e.currentSnapshot().insight.people.first).coordinates
        #expect(distance(after) < distance(before) * 0.7, "you moved toward the animated films (\(before) → \(after), films at \(centre))")
    }

    /// A movie whose ratings were all held out keeps random factors: it is not on the map, nobody's
    /// neighbour, never recommended.
    @Test func aMovieWithOnlyHeldOutRatingsIsLeftOut() throws {
        let data = try TUIFixtures.dataset()
        let hidden = 3
        let all = Split.random(count: data.ratings.count, seed: 1)
        let mine = Set(data.ratings.ratings(ofItem: hidden))
        let split = Split(train: all.train.filter { !mine.contains($0) }, valid: all.valid + all.train.filter { mine.contains($0) })
        var h = Hyperparameters.fastai
        h.factors = 8; h.epochs = 1
        let e = try TrainingEngine(EngineSetup(dataset: data, split: split, hyper: h))
        e.apply(.stepEpoch)
        while e.currentSnapshot().running { _ = e.work() }
        e.apply(.setInsight(InsightRequest(view: .map, focus: 0, neighbours: 39)))
        let insight = e.currentSnapshot().insight
        #expect(!(insight.map?.points.contains { $0.item == hidden } ?? true), "not on the map")
        #expect(!insight.neighbours.isEmpty && !insight.neighbours.contains { $0.item == hidden }, "nobody's neighbour")
        e.apply(.setPersonRatings([PersonRating(item: 0, rating: 5), PersonRating(item: 1, rating: 1)]))
        let recommended = e.currentSnapshot().recommendations
        #expect(!recommended.isEmpty && !recommended.contains { $0.item == hidden }, "never recommended")
    }

    @Test func neighboursFollowTheSelectionAndTheMetric() throws {
        let (e, c, start) = try trained(.neighbours)
        var s = start
        let insight = try #require(s.snapshot?.insight)
        #expect(insight.focus == s.selectedItem && insight.neighbours.count == 12)
        #expect(insight.neighbours.map(\.cosine) == insight.neighbours.map(\.cosine).sorted(by: >))
        #expect(insight.neighbourRows.count == 12 && insight.focusRow.count == 8)
        (s, _) = Reducer.reduce(s, .neighbourMove(1), c)
        (s, _) = Reducer.reduce(s, .neighbourSelect, c)
        #expect(s.selectedItem == Int32(insight.neighbours[1].item))
        (s, _) = Reducer.reduce(s, .toggleMetric, c)
        e.apply(.setInsight(s.insightRequest(c)))
        let byDistance = e.currentSnapshot().insight
        #expect(byDistance.metric == .euclidean && byDistance.focus == s.selectedItem)
        #expect(byDistance.neighbours.map(\.distance) == byDistance.neighbours.map(\.distance).sorted())
    }

    /// Embedding arithmetic from the keys: `a` adds the selected movie, `A` takes one away, the
    /// engine answers with the sum's neighbours (the query's movies left out), again drops it.
    @Test func arithmeticFromTheKeys() throws {
        let (e, c, start) = try trained(.neighbours)
        var s = start
        let first = s.selectedItem
        (s, _) = Reducer.reduce(s, .pinMovie(plus: true), c)
        #expect(s.queryPlus == [first])
        let second = Int32(try #require(s.snapshot?.insight.neighbours.last).item)
        s.selectedItem = second
        (s, _) = Reducer.reduce(s, .pinMovie(plus: false), c)
        #expect(s.queryMinus == [second])
        let third = Int32(try #require(s.snapshot?.insight.neighbours.first).item)
        s.selectedItem = third
        e.apply(.setInsight(s.insightRequest(c)))
        let insight = e.currentSnapshot().insight
        #expect(insight.query == NeighboursQuery(plus: [first], minus: [second]) && insight.focus == third)
        #expect(!insight.neighbours.isEmpty && !insight.neighbours.contains { [first, second, third].contains(Int32($0.item)) })
        #expect(insight.neighbours.map(\.cosine) == insight.neighbours.map(\.cosine).sorted(by: >))
        s.selectedItem = first
        (s, _) = Reducer.reduce(s, .pinMovie(plus: false), c)
        #expect(s.queryPlus.isEmpty && s.queryMinus == [second], "a movie of the sum is dropped, whichever key")
    }

    /// The highlighted neighbour is a movie, not a row: when training re-ranks the list under
    /// it, `enter` still selects the movie that was highlighted.
    @Test func theHighlightedNeighbourSurvivesARanking() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        s.view = .neighbours
        func snapshot(_ items: [Int]) -> TrainingSnapshot {
            var snap = TUIFixtures.snapshot(for: s, c)
            snap.insight.neighbours = items.map { Similarity.Neighbour(item: $0, cosine: 0.5, distance: 1) }
            return snap
        }
        (s, _) = Reducer.reduce(s, .snapshot(snapshot([7, 8, 9])), c)
        #expect(s.neighbourInFocus == 7, "the first at the start")
        (s, _) = Reducer.reduce(s, .neighbourMove(1), c)
        #expect(s.neighbourInFocus == 8)
        (s, _) = Reducer.reduce(s, .snapshot(snapshot([8, 9, 7])), c)
        #expect(s.neighbourInFocus == 8, "the same movie, now first")
        (s, _) = Reducer.reduce(s, .neighbourMove(1), c)
        #expect(s.neighbourInFocus == 9, "one down from where it stands now")
        (s, _) = Reducer.reduce(s, .snapshot(snapshot([3, 4])), c)
        #expect(s.neighbourInFocus == 3, "gone from the list: the first")
        (s, _) = Reducer.reduce(s, .neighbourSelect, c)
        #expect(s.selectedItem == 3)
    }

    /// The categories' best validation stays on the loss chart after switching back to learned factors.
    @Test func categoriesLeaveAReferenceLine() throws {
        let data = try TUIFixtures.dataset()
        var h = Hyperparameters.genres
        h.epochs = 1
        let e = try TrainingEngine(EngineSetup(dataset: data, split: Split.random(count: data.ratings.count, seed: 1), hyper: h))
        #expect(e.trainer.hyper.genreFactors && e.trainer.hyper.factors == GenreMatrix(dataset: data)?.count)
        e.apply(.stepEpoch)
        while e.currentSnapshot().running { _ = e.work() }
        let best = try #require(e.currentSnapshot().runs.last?.validBest)
        var learned = Hyperparameters.fastai
        learned.epochs = 1
        e.apply(.setHyperparameters(learned, reason: .preset("fastai")))
        let reference = try #require(e.currentSnapshot().reference)
        #expect(reference.mse == best && reference.label == "categories")
        e.apply(.stepEpoch)
        while e.currentSnapshot().running { _ = e.work() }
        var canvas = Canvas(width: 40, height: 14)
        LossChartWidget(snapshot: e.currentSnapshot(), logScale: false).render(into: &canvas, canvas.bounds)
        #expect(canvas.contains(String(format: "categories %.3f", best)), "\(canvas)")
        // p cycles the presets through genres, bayes, als and nn.
        let c = AppContext(dataset: data, preset: "fastai")
        var s = AppState(width: 120, height: 40, context: c, settings: .fastai)
        var presets: [String] = []
        for _ in 0..<6 {
            let commands: [TrainingCommand]
            (s, commands) = Reducer.reduce(s, .change(.preset), c)
            if case .setHyperparameters(let h, _) = commands.first { presets.append(h.preset) }
        }
        #expect(presets == ["funk-svd", "genres", "bayes", "als", "nn", "fastai"])
    }

    /// `x`: a step on a batch that holds the selected cell's rating, so it always moves; a cell
    /// without a training rating says why.
    @Test func xStepsOnTheSelectedCell() throws {
        let data = try TUIFixtures.dataset()
        var h = Hyperparameters.fastai
        h.factors = 8
        let split = Split.random(count: data.ratings.count, seed: 1)
        let e = try TrainingEngine(EngineSetup(dataset: data, split: split, hyper: h))
        let train = Int(try #require(split.train.first)), held = Int(try #require(split.valid.first))
        let (tu, tm) = (data.ratings.users[train], data.ratings.items[train])
        e.apply(.setViewport(Viewport(users: [tu], items: [tm], selectedUser: tu, selectedItem: tm)))
        e.apply(.stepCell)
        let step = try #require(e.currentSnapshot().cell?.lastStep)
        #expect(step.inBatch && step.before != step.after && step.userGradient != nil)
        #expect(e.currentSnapshot().step == 1)
        let (hu, hm) = (data.ratings.users[held], data.ratings.items[held])
        e.apply(.setViewport(Viewport(users: [hu], items: [hm], selectedUser: hu, selectedItem: hm)))
        e.apply(.stepCell)
        #expect(e.currentSnapshot().step == 1, "no step on a held-out rating")
        #expect(e.currentSnapshot().message?.text.contains("held out for validation") == true)
        #expect(Keymap.action(for: .char("x"), in: TUIFixtures.state(AppContext(dataset: data, preset: "fastai"))) == .train(.stepCell))
    }

    @Test func theStepPanelTeachesTheOneHotProduct() throws {
        let (_, c, start) = try trained(.grid)
        var s = start
        s.width = 140; s.height = 50
        s.fitGrid()
        let canvas = Screen.render(s, c)
        let layout = Layout.compute(width: 140, height: 50)
        let panel = reading(canvas, layout.step.inner)
        let cell = try #require(s.snapshot?.cell)
        let u = cell.breakdown.user
        #expect(panel.contains("one-hot·U = 1·U[\(u)] + 0·the rest"))
        let values = cell.breakdown.userFactors.prefix(3).map { String(format: "%6.3f", $0) }.joined(separator: " ")
        #expect(panel.contains("1-hot·U  " + values) && panel.contains("U[u]     " + values), "both paths' first values, one above the other")
        #expect(panel.contains("✓ equal · O writes it out"))
        #expect(panel.contains("\((c.dataset.userCount + 1) * 8) multiply-adds"), "users × factors")
        #expect(panel.contains("vs copying 8"))
        #expect(cell.breakdown.productNanos != nil && cell.breakdown.lookupNanos > 0)
    }

    /// Every view at both sizes, compared with the committed text.
    @Test(arguments: TextTests.sizes)
    func goldenViews(size: (Int, Int)) throws {
        for view in [MainView.map, .neighbours, .biases] {
            let (_, c, start) = try trained(view)
            var s = start
            s.width = size.0; s.height = size.1
            s.fitGrid()
            s.snapshot?.settleTimings()
            try GoldenScreenTests().check(Screen.render(s, c), "\(view)-\(size.0)x\(size.1)")
        }
    }
}

/// Labels never overlap each other, the reserved areas or the edges, whatever the points.
@Suite("Label placement")
struct LabelPlacementTests {
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func labelsNeverOverlap(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        let bounds = LabelPlacement.Box(x: 0, y: 0, width: 80, height: 24)
        let reserved = [LabelPlacement.Box(x: 0, y: 0, width: 80, height: 1), LabelPlacement.Box(x: 30, y: 10, width: 6, height: 3)]
        let labels = (0..<200).map { _ in
            LabelPlacement.Label(x: Double(rng.nextIndex(below: 80)), y: Double(rng.nextIndex(below: 24)),
                                 width: Double(3 + rng.nextIndex(below: 16)), height: 1)
        }
        let placed = LabelPlacement.place(labels, bounds: bounds, reserved: reserved).compactMap { $0 }
        #expect(placed.count > 10, "a crowded plot still gets labels")
        for (i, a) in placed.enumerated() {
            #expect(a.inside(bounds))
            #expect(!reserved.contains { $0.intersects(a) })
            for b in placed[(i + 1)...] { #expect(!a.intersects(b)) }
        }
    }
}
