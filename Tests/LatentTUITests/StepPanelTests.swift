import Foundation
import Testing
@testable import LatentCore
@testable import LatentTUI

@Suite("The step panel and the tour")
struct StepPanelTests {
    /// A tiny model with known parameters: every number on the panel can be checked.
    func tinyModel() -> DotProductBias {
        let model = DotProductBias(users: 3, items: 2, config: ModelConfig(factors: 2, yRange: 0...5.5, useBias: true, initStd: 0.01))
        model.userFactors[1, 0] = 0.5; model.userFactors[1, 1] = -0.25
        model.itemFactors[0, 0] = 0.4; model.itemFactors[0, 1] = 0.8
        model.userBias.storage[1] = 0.1
        model.itemBias.storage[0] = -0.2
        return model
    }

    @Test func breakdownMatchesTheModel() {
        let model = tinyModel()
        let b = PredictionBreakdown(model: model, user: 1, item: 0)
        #expect(b.userFactors == [0.5, -0.25])
        #expect(b.oneHotTimesU == b.userFactors)
        #expect(b.lookupDifference == 0)
        #expect(abs(b.dot - 0.0) < 1e-7) // 0.5·0.4 − 0.25·0.8
        #expect(abs(b.score - (-0.1)) < 1e-6)
        #expect(b.prediction == model.predict(user: 1, item: 0))
        #expect(abs(b.prediction - 5.5 / (1 + exp(0.1))) < 1e-5)
    }

    @Test func panelShowsTheThreeStepsWithExactNumbers() throws {
        let context = try TUIFixtures.context()
        let model = tinyModel()
        var snap = TrainingSnapshot(hyper: .fastai)
        snap.step = 1
        snap.phase = .train
        snap.lastBatchLoss = 1.25
        var cell = CellReport(breakdown: PredictionBreakdown(model: model, user: 1, item: 0), actual: 4, heldOut: false)
        cell.lastStep = CellStep(inBatch: true, before: 2.612, after: 2.640, learningRate: 2e-4, userGradient: [0.1, 0.2], itemGradient: [0.2, 0.2])
        snap.cell = cell
        var canvas = Canvas(width: 40, height: 24)
        StepWidget(snapshot: snap, context: context).render(into: &canvas, canvas.bounds)
        let text = canvas.text
        #expect(text.contains("Step 1 · epoch 1/5"))
        #expect(text.contains("1 init N(0, 0.01) · seed 42"))
        #expect(text.contains("row 1 of 3"))
        #expect(text.contains("one-hot ·1·"), "the one-hot vector, its 1 at the user's row")
        #expect(text.contains("one-hot·U = 1·U[1] + 0·the rest"))
        // The proof shows its numbers: the product's first values above the lookup's, then the verdict.
        let product = try #require(canvas.find("1-hot·U")), lookup = try #require(canvas.find("U[u]   "))
        #expect(lookup.y == product.y + 1 && canvas.line(product.y).contains(" 0.500 -0.250") && canvas.line(lookup.y).contains(" 0.500 -0.250"))
        #expect(text.contains("✓ equal · O writes it out"))
        #expect(text.contains("cost: 6 multiply-adds"), "3 users × 2 factors for the product")
        #expect(text.contains("dot 0.000 + bᵤ(0.100) + bₘ(-0.200)"), "signs are the values', not operators")
        #expect(text.contains(String(format: "= %.2f", model.predict(user: 1, item: 0))), "the shown prediction is the model's")
        let err = model.predict(user: 1, item: 0) - 4
        #expect(text.contains(String(format: "err² %.3f", err * err)))
        #expect(text.contains("batch 1.2500"))
        #expect(text.contains("in the batch"))
        #expect(text.contains("2.612 → 2.640 (+0.028) toward 4"))
        // The phase the last key performed is highlighted: "2 pred" reversed after a step, "1 init" not.
        let pred = try #require(canvas.find("2 pred"))
        #expect(canvas[pred.x, pred.y].style.reverse)
        let initLabel = try #require(canvas.find("1 init"))
        #expect(!canvas[initLabel.x, initLabel.y].style.reverse)
    }

    /// A step too small for three decimals is shown with the digits that tell it apart; one too
    /// small for six is called unchanged, never "toward".
    @Test func aStepSaysOnlyWhatCanBeSeen() {
        let small = StepChange(before: 2.74612, after: 2.74631, actual: 3)
        #expect(small.decimals == 4 && small.values == "2.7461 → 2.7463" && small.delta == "+0.0002" && small.verdict == .toward)
        let none = StepChange(before: 2.746, after: 2.746, actual: 3)
        #expect(none.decimals == nil && none.verdict == .unchanged && none.words == ": unchanged at this learning rate")
        #expect(StepChange(before: 3.2, after: 3.25, actual: 3).verdict == .away)
        #expect(StepChange(before: 3.2, after: 3.25, actual: nil).words == "")
    }

    @Test func anUnchangedCellIsCalledUnchanged() throws {
        let context = try TUIFixtures.context()
        var snap = TrainingSnapshot(hyper: .fastai)
        snap.step = 1
        var cell = CellReport(breakdown: PredictionBreakdown(model: tinyModel(), user: 1, item: 0), actual: 3, heldOut: false)
        cell.lastStep = CellStep(inBatch: true, before: 2.7460001, after: 2.7460002, learningRate: 2e-4, userGradient: nil, itemGradient: nil)
        snap.cell = cell
        for height in [24, 12] {
            var canvas = Canvas(width: 40, height: height)
            StepWidget(snapshot: snap, context: context).render(into: &canvas, canvas.bounds)
            #expect(canvas.text.contains("unchanged"), "height \(height)")
            #expect(!canvas.text.contains("toward"), "height \(height)")
        }
    }

    /// `O`: the product written out for the rows around the user's, the sum beside the lookup.
    @Test func theProductIsWrittenOut() throws {
        let context = try TUIFixtures.context()
        let b = PredictionBreakdown(model: tinyModel(), user: 1, item: 0)
        #expect(b.rowsAround.map(\.index) == [0, 1, 2])
        var canvas = Canvas(width: 90, height: 24)
        OneHotOverlay(cell: CellReport(breakdown: b, actual: nil, heldOut: false), context: context).render(into: &canvas, in: canvas.bounds)
        let text = canvas.text
        #expect(text.contains("0·U[0]   = 0·( 0.000  0.000)  zeros"))
        #expect(text.contains("1·U[1]   = 1·( 0.500 -0.250)"))
        let sum = try #require(canvas.find("sum of the 3 products")), looked = try #require(canvas.find("U[1] looked up"))
        #expect(looked.y == sum.y + 1, "the sum above the row looked up")
        #expect(canvas.line(sum.y).range(of: "( 0.500 -0.250)")?.lowerBound.utf16Offset(in: canvas.line(sum.y))
                == canvas.line(looked.y).range(of: "( 0.500 -0.250)")?.lowerBound.utf16Offset(in: canvas.line(looked.y)), "aligned, value under value")
        #expect(text.contains("✓ the same, value for value"))
        #expect(text.contains("6 multiply-adds"))
    }

    @Test func oOpensTheProductAndEscClosesIt() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        #expect(Keymap.action(for: .char("O"), in: s) == .toggleProduct)
        (s, _) = Reducer.reduce(s, .toggleProduct, c)
        #expect(Screen.render(s, c).contains("one-hot · U, written out"))
        #expect(Keymap.action(for: .escape, in: s) == .toggleProduct)
        (s, _) = Reducer.reduce(s, .cancel, c)
        #expect(!s.showProduct && !Screen.render(s, c).contains("one-hot · U, written out"))
    }

    @Test func emptyCellShowsThePredictionOnly() throws {
        let context = try TUIFixtures.context()
        var snap = TrainingSnapshot(hyper: .fastai)
        snap.cell = CellReport(breakdown: PredictionBreakdown(model: tinyModel(), user: 0, item: 1), actual: nil, heldOut: false)
        var canvas = Canvas(width: 40, height: 24)
        StepWidget(snapshot: snap, context: context).render(into: &canvas, canvas.bounds)
        #expect(canvas.contains("no rating: prediction only"))
        let initLabel = try #require(canvas.find("1 init"))
        #expect(canvas[initLabel.x, initLabel.y].style.reverse, "after a reset the init phase is highlighted")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func tourPagesRender(size: (Int, Int)) throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c, width: size.0, height: size.1)
        (s, _) = Reducer.reduce(s, .tour(.toggle), c)
        for (i, page) in Tour.pages.enumerated() {
            #expect(s.tourPage == i)
            let canvas = Screen.render(s, c)
            #expect(canvas.contains("Tour \(i + 1)/\(Tour.pages.count)"))
            #expect(canvas.contains(String(page.text.prefix(20))), "page \(i + 1) at \(size)")
            (s, _) = Reducer.reduce(s, .tour(.next), c)
        }
        (s, _) = Reducer.reduce(s, .tour(.toggle), c)
        #expect(s.tourPage == nil)
    }

    /// The tour docks in a band of its own: on every page, at both sizes, it covers none of the
    /// panels the page points to (the runs table too, opened on the page that asks for it).
    @Test(arguments: [(80, 24), (120, 40)])
    func theTourNeverHidesWhatItPointsTo(size: (Int, Int)) throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c, width: size.0, height: size.1)
        (s, _) = Reducer.reduce(s, .tour(.toggle), c)
        for (i, page) in Tour.pages.enumerated() {
            let layout = Layout.compute(width: size.0, height: size.1, tour: i)
            let band = try #require(layout.tour)
            let canvas = Screen.render(s, c)
            #expect(canvas.line(band.y).contains("Tour \(i + 1)/"), "page \(i + 1) is drawn in its band at \(size)")
            for target in page.targets {
                let rects: [Rect]
                switch target {
                case .grid, .mainView: rects = [layout.grid]
                case .lossChart: rects = [layout.loss]
                case .stepPanel: rects = [layout.step]
                case .runsTable:
                    var open = s
                    open.snapshot = TrainingSnapshot(hyper: .fastai)
                    (open, _) = Reducer.reduce(open, .toggleRuns, c)
                    let shown = Screen.render(open, c)
                    let title = try #require(shown.find("Runs · "), "the runs table shows beside page \(i + 1) at \(size)")
                    rects = [Rect(x: title.x, y: title.y, width: 1, height: 1)]
                }
                for r in rects {
                    #expect(!(r.x < band.maxX && band.x < r.maxX && r.y < band.maxY && band.y < r.maxY), "page \(i + 1) covers its \(target) at \(size)")
                }
            }
            #expect(layout.grid.height >= 6, "the grid keeps a few rows at \(size)")
            (s, _) = Reducer.reduce(s, .tour(.next), c)
        }
        (s, _) = Reducer.reduce(s, .tour(.toggle), c)
        #expect(Layout.compute(width: size.0, height: size.1, tour: s.tourPage).tour == nil && s.visibleRows == TUIFixtures.state(c, width: size.0, height: size.1).visibleRows,
                "closed, the grid has its rows back")
    }

    /// The speed ladder's page starts at its first rung: `>` climbs from 10 steps a second.
    @Test func theSpeedPageStartsAtTenStepsASecond() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        var commands: [TrainingCommand] = []
        (s, _) = Reducer.reduce(s, .tour(.toggle), c)
        let ladder = try #require(Tour.pages.firstIndex { $0.speed != nil })
        for _ in 0..<ladder { (s, commands) = Reducer.reduce(s, .tour(.next), c) }
        #expect(s.speed == .ten && commands.contains(.setSpeed(.ten)) && commands.contains(.pause))
        (s, commands) = Reducer.reduce(s, .faster, c)
        #expect(s.speed == .hundred)
    }

    @Test func settingKeysRestartWithNewHyperparameters() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        s.snapshot = TrainingSnapshot(hyper: .fastai)
        var commands: [TrainingCommand]
        (s, commands) = Reducer.reduce(s, .change(.weightDecay), c)
        guard case .setHyperparameters(let h, let reason) = commands.first else { Issue.record("no command"); return }
        #expect(h.weightDecay == 0 && reason == .weightDecay(0) && reason.label == "weight decay 0")
        (s, commands) = Reducer.reduce(s, .change(.factors), c)
        if case .setHyperparameters(let h, _) = commands.first { #expect(h.factors == 100) }
        (s, commands) = Reducer.reduce(s, .change(.learningRate(up: false)), c)
        if case .setHyperparameters(let h, _) = commands.first { #expect(h.learningRate == 2.5e-3) }
        (s, commands) = Reducer.reduce(s, .change(.preset), c)
        if case .setHyperparameters(let h, _) = commands.first { #expect(h.preset == "funk-svd" && h.seed == 42) }
        #expect(s.status?.contains("starts again") == true)
    }
}

@Suite("What a step does to a cell")
struct CellStepTests {
    @Test func aStepMovesACellInTheBatchTowardItsRating() throws {
        let data = try TUIFixtures.dataset()
        var h = Hyperparameters.fastai
        h.factors = 8; h.optimizer = .sgd; h.schedule = .constant; h.learningRate = 0.05; h.weightDecay = 0
        // A batch of one: then nothing else in the batch can pull the cell the other way, and a
        // small gradient step must bring its prediction closer (a sign error would not).
        h.batchSize = 1
        let trainer = try Trainer(data: TrainingData(dataset: data, split: Split.random(count: data.ratings.count, seed: 1)), hyper: h)
        let first = trainer.epochRatings[0]
        let before = trainer.predict(user: Int(first.user), item: Int(first.item))
        try trainer.trainStep()
        #expect(trainer.cursor == 1, "the batch was the epoch's first rating")
        let after = trainer.predict(user: Int(first.user), item: Int(first.item))
        #expect(abs(after - first.value) < abs(before - first.value))
    }

    @Test func theSessionReportsTheSelectedCellAfterAStep() throws {
        let data = try TUIFixtures.dataset()
        var h = Hyperparameters.fastai
        h.factors = 8
        let session = TrainingSession(dataset: data, split: Split.random(count: data.ratings.count, seed: 1), hyper: h)
        defer { session.shutdown() }
        session.send(.setViewport(Viewport(users: [0], items: [0], selectedUser: 0, selectedItem: 0)))
        #expect(eventually { session.snapshot.cell != nil })
        let cell = try #require(session.snapshot.cell)
        #expect(cell.breakdown.user == 0 && cell.breakdown.item == 0)
        #expect(cell.breakdown.lookupDifference == 0)
        #expect(session.snapshot.phase == .initialize)
        session.send(.step)
        #expect(eventually { session.snapshot.cell?.lastStep != nil })
        #expect(session.snapshot.phase == .train)
        #expect(session.snapshot.cell?.history.total == 2)
    }
}
