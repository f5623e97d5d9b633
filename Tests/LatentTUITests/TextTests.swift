import CNcurses
import Foundation
import Testing
@testable import LatentCore
@testable import LatentTUI

/// The rows of `rect` as trimmed text, joined by spaces: what a person reads in a box.
func reading(_ canvas: Canvas, _ rect: Rect) -> String {
    (rect.y..<rect.maxY).map { y -> String in
        var line = String.UnicodeScalarView()
        for x in rect.x..<rect.maxX where !canvas[x, y].isContinuation { line.append(canvas[x, y].scalar) }
        return String(line).trimmingCharacters(in: .whitespaces)
    }.filter { !$0.isEmpty }.joined(separator: " ")
}

@Suite("Text that fits: wrapping, wide characters, ASCII")
struct TextTests {
    static let sizes = [(80, 24), (120, 40)]

    @Test func wideCharactersTakeTwoColumns() {
        var c = Canvas(width: 12, height: 2)
        let used = c.text(0, 0, "千と千尋 (2001)")
        #expect(used == 12, "four wide characters (8 columns), then ' (2' and the ellipsis")
        #expect(c[1, 0].isContinuation && c[3, 0].isContinuation)
        #expect(c.line(0) == "千と千尋 (2…")
        c.put(1, 0, "x")
        #expect(c[0, 0].scalar == " ", "overwriting half of a wide character blanks the other half")
        // A wide character that does not fit before the limit gives way to the ellipsis.
        var d = Canvas(width: 10, height: 1)
        d.text(0, 0, "ab千と千尋", width: 6)
        #expect(d.line(0).hasPrefix("ab千…"))
        #expect(Canvas.displayWidth("Amélie 🎬") == 9)
        #expect("千と千尋".fitted(5) == "千と…")
    }

    /// Every character the C library measures (in a UTF-8 locale) gets the same width here.
    @Test func widthsMatchTheCLibrary() throws {
        let previous = setlocale(LC_CTYPE, nil).map { String(cString: $0) } ?? "C"
        guard setlocale(LC_CTYPE, "C.UTF-8") != nil else { Issue.record("no C.UTF-8 locale"); return }
        defer { setlocale(LC_CTYPE, previous) }
        var compared = 0, wrong: [String] = []
        for v in UInt32(0x20)..<0x40000 {
            guard let s = Unicode.Scalar(v), !Canvas.displayScalars(String(s)).isEmpty else { continue }
            let c = ll_wcwidth(wchar_t(v))
            guard c == 1 || c == 2 else { continue }
            compared += 1
            if Int(c) != CharacterWidth.columns(s) && wrong.count < 10 { wrong.append(String(v, radix: 16)) }
        }
        #expect(compared > 100_000)
        #expect(wrong.isEmpty, "widths differ for U+\(wrong.joined(separator: ", U+"))")
    }

    @Test func wrappingNeverLosesAWord() {
        let text = "Validation rose in cycle 2: the schedule warms the learning rate up again to 0.005 and shakes the model out."
        for width in [10, 17, 33, 80] {
            let lines = Canvas.wrap(text, width: width)
            #expect(lines.allSatisfy { Canvas.displayWidth($0) <= width })
            #expect(lines.joined(separator: " ") == text)
        }
        #expect(Canvas.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"], "a word longer than a line is broken, not dropped")
    }

    /// A screen with every panel filled: a trained cell, runs, recommendations, a long message.
    func fullState(_ c: AppContext, width: Int, height: Int) -> AppState {
        var s = TUIFixtures.state(c, width: width, height: height)
        (s, _) = Reducer.reduce(s, .rate(4), c)
        var snap = TUIFixtures.snapshot(for: s, c, step: 1_204, value: 3.5)
        snap.phase = .train
        snap.running = true
        snap.speed = .thousand
        snap.learningRate = 4.5e-3
        snap.lastBatchLoss = 0.4922
        snap.lastValid = ValidationMetrics(mse: 0.5496, rmse: 0.7413, mae: 0.58, count: 400, unseen: 0)
        for i in 0..<300 { snap.train.append(2 / Float(i + 1) + 0.5) }
        snap.valid = [ValidPoint(step: 0, mse: 1.8), ValidPoint(step: 600, mse: 0.7), ValidPoint(step: 1_200, mse: 0.55)]
        snap.previousValid = [ValidPoint(step: 0, mse: 1.9), ValidPoint(step: 600, mse: 0.8), ValidPoint(step: 1_200, mse: 0.75)]
        snap.previousLabel = "weight decay 0"
        let model = DotProductBias(users: c.dataset.userCount + 1, items: c.dataset.itemCount, config: ModelConfig(factors: 50))
        model.initialize(seed: 7)
        var cell = CellReport(breakdown: PredictionBreakdown(model: model, user: Int(s.selectedUser), item: Int(s.selectedItem)),
                              actual: 4, heldOut: true)
        cell.lastStep = CellStep(inBatch: false, before: 3.41, after: 3.42, learningRate: 4.5e-3)
        for i in 0..<40 { cell.history.append(3 + Float(i) / 80) }
        snap.cell = cell
        snap.settleTimings()
        snap.personRated = 1
        snap.recommendations = (0..<6).map { Recommendation(item: $0, score: 4.5 - Float($0) / 10, because: Int(s.selectedItem)) }
        var runs = RunLog()
        runs.start(label: "weight decay 0", hyper: .fastai, step: 0)
        runs.recordTraining(steps: 5_000, seconds: 12.5, epochs: 5)
        for (e, v) in [0.55, 0.51, 0.49, 0.50, 0.51].enumerated() { runs.recordEpoch(e + 1, trainLoss: 0.5 - Float(e) / 20, validMSE: Float(v)) }
        runs.start(label: "weight decay 0.1", hyper: .fastai, step: 0)
        runs.recordTraining(steps: 1_204, seconds: 3, epochs: 1.2)
        runs.recordEpoch(1, trainLoss: 0.56, validMSE: 0.55)
        snap.runs = runs.trainedRuns
        s.snapshot = snap
        return s
    }

    @Test(arguments: sizes)
    func tourPagesAreNeverCut(size: (Int, Int)) throws {
        let c = try TUIFixtures.context()
        var s = fullState(c, width: size.0, height: size.1)
        (s, _) = Reducer.reduce(s, .tour(.toggle), c)
        for (i, page) in Tour.pages.enumerated() {
            let canvas = Screen.render(s, c)
            let area = try #require(Layout.compute(width: size.0, height: size.1, tour: i).tour)
            let (box, _) = Tour.box(page: page, in: area)
            let text = reading(canvas, Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 3))
            #expect(text == page.text, "page “\(page.title)” at \(size)")
            (s, _) = Reducer.reduce(s, .tour(.next), c)
        }
    }

    /// The help scrolls instead of cutting: every explanation can be read whole.
    @Test(arguments: sizes)
    func theHelpScrollsAndShowsEveryLine(size: (Int, Int)) throws {
        let c = try TUIFixtures.context()
        var s = fullState(c, width: size.0, height: size.1)
        (s, _) = Reducer.reduce(s, .toggleHelp, c)
        var seen = Set<String>()
        let screen = Rect(x: 0, y: 0, width: size.0, height: size.1)
        let limit = HelpOverlay.maxScroll(in: screen)
        let box = HelpOverlay.frame(in: screen).box
        for scroll in 0...limit {
            s.helpScroll = scroll
            let canvas = Screen.render(s, c)
            for y in box.y..<box.maxY { seen.insert(String(canvas.line(y).dropFirst(box.x).prefix(box.width))) }
        }
        let all = seen.joined(separator: "\n")
        let width = min(size.0 - 4, 76) - 4
        for (key, what) in HelpOverlay.lines {
            for part in Canvas.wrap(what, width: max(10, width - HelpOverlay.keyWidth)) {
                #expect(all.contains(part), "“\(part)” (\(key)) at \(size)")
            }
        }
        let cut = seen.filter { $0.contains("…") }
        #expect(cut.isEmpty, "cut in the help: \(cut)")
    }

    /// The step panel, the status line, your panel and the runs table at both sizes: the
    /// sentences and figures that teach are whole (only titles and strips may end in `…`).
    @Test(arguments: sizes)
    func panelsSayWholeSentences(size: (Int, Int)) throws {
        let c = try TUIFixtures.context()
        var s = fullState(c, width: size.0, height: size.1)
        let layout = Layout.compute(width: size.0, height: size.1)
        var canvas = Screen.render(s, c)
        let step = reading(canvas, layout.step.inner)
        #expect(step.contains(size.1 >= 34 ? "→ row \(Int(s.selectedUser)) of \((c.dataset.userCount + 1).grouped)" : "→ row \(Int(s.selectedUser))"))
        #expect(step.contains("✓ equal"))
        #expect(step.contains("3 loss"), "the three steps all show, at \(size)")
        #expect(step.contains(size.1 >= 34 ? "3.410 → 3.420 (+0.010) toward 4" : "step Δ +0.010 toward 4"))
        if size.1 >= 34 { #expect(step.contains("not in the batch") && step.contains("actual 4 (held out)")) }
        for y in layout.step.inner.y..<layout.step.inner.maxY {
            let line = canvas.line(y)
            let inside = String(line.dropFirst(layout.step.x + 1).prefix(layout.step.width - 2))
            // Strips (factor rows, the one-hot vector) may end in `…`; sentences may not.
            if inside.contains("U[u]") || inside.contains("M[m]") || inside.range(of: #"one-hot [·…1]"#, options: .regularExpression) != nil { continue }
            #expect(!inside.contains("…"), "step panel line cut at \(size): \(inside)")
        }
        // A long message takes both status lines rather than being cut.
        let message = "Validation rose in cycle 2: the schedule warms the learning rate up again to 0.005 and shakes the model out of where cycle 1 settled."
        s.status = message
        canvas = Screen.render(s, c)
        #expect(reading(canvas, layout.status).contains(message), "at \(size)")
        // The opening hint, on a fresh screen.
        var fresh = TUIFixtures.state(c, width: size.0, height: size.1)
        fresh.snapshot = TUIFixtures.snapshot(for: fresh, c)
        canvas = Screen.render(fresh, c)
        #expect(reading(canvas, Rect(x: 0, y: 0, width: size.0, height: size.1)).contains(Screen.openingHint(fresh, c) ?? "?")
                || canvas.contains(Screen.openingHint(fresh, c) ?? "?"))
        // The runs table: every figure whole.
        s.status = nil
        s.showRuns = true
        canvas = Screen.render(s, c)
        let overlay = RunsOverlay(runs: s.snapshot?.runs ?? [])
        let box = overlay.frame(in: Rect(x: 0, y: layout.grid.y, width: size.0, height: layout.status.y - layout.grid.y)).box
        let rows = reading(canvas, box.inner.inset(dx: 1, dy: 0))
        #expect(rows.contains("weight decay 0 ") && rows.contains("weight decay 0.1 "), "labels whole at \(size)")
        // Below 90 columns the top-k figures take the time's place.
        #expect(rows.contains("0.4900/0.5100↑") && rows.contains("epoch 3") && rows.contains(size.0 >= 90 ? "12.5s" : "p@10/ndcg"))
        #expect(rows.contains("valid best/final") && rows.contains("best at"))
        #expect(rows.contains(RunsOverlay.note), "at \(size)")
        #expect(!rows.contains("…"))
    }

    /// Every symbol the explorer draws has an ASCII stand-in for a non-UTF-8 locale.
    @Test func everySymbolHasAnAsciiStandIn() throws {
        let c = try TUIFixtures.context()
        var screens: [Canvas] = []
        for (w, h) in Self.sizes {
            var s = fullState(c, width: w, height: h)
            screens.append(Screen.render(s, c))
            s.showRuns = true
            screens.append(Screen.render(s, c))
            s.showRuns = false
            (s, _) = Reducer.reduce(s, .toggleHelp, c)
            screens.append(Screen.render(s, c))
            (s, _) = Reducer.reduce(s, .toggleHelp, c)
            (s, _) = Reducer.reduce(s, .toggleView, c)
            screens.append(Screen.render(s, c))
        }
        var unmapped = Set<String>()
        for canvas in screens {
            for cell in canvas.cells where !cell.isContinuation {
                let ascii = AsciiFallback.map(cell.scalar)
                if !ascii.isASCII || (ascii == "?" && cell.scalar != "?") { unmapped.insert(String(cell.scalar)) }
            }
        }
        #expect(unmapped.isEmpty, "no ASCII stand-in for \(unmapped.sorted())")
        #expect(AsciiFallback.map("é") == "e" && AsciiFallback.map("→") == ">" && AsciiFallback.map("✓") == "v")
        #expect(AsciiFallback.map("千") == "?", "no stand-in for a CJK character")
    }
}

/// Whole screens compared with the text committed in `Golden/`: any change to what a person
/// sees shows up as a diff to review. `LATENTLAB_UPDATE_GOLDEN=1 swift test` rewrites them.
@Suite("Golden screens")
struct GoldenScreenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func check(_ canvas: Canvas, _ name: String) throws {
        let url = Self.folder.appendingPathComponent("\(name).txt")
        let text = canvas.text + "\n"
        if ProcessInfo.processInfo.environment["LATENTLAB_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("no golden screen \(name).txt: run LATENTLAB_UPDATE_GOLDEN=1 swift test and review it")
            return
        }
        let got = text.split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDifference = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(got == want, "\(name): first difference on line \((firstDifference?.offset ?? min(got.count, want.count)) + 1):\n got: \(firstDifference.map { String($0.element.0) } ?? "")\nwant: \(firstDifference.map { String($0.element.1) } ?? "")")
    }

    @Test(arguments: TextTests.sizes)
    func screens(size: (Int, Int)) throws {
        var data = try TUIFixtures.dataset()
        data.source = "SampleFixture"
        let c = AppContext(dataset: data, preset: "fastai")
        let tag = "\(size.0)x\(size.1)"
        var s = TextTests().fullState(c, width: size.0, height: size.1)
        try check(Screen.render(s, c), "main-\(tag)")
        s.showRuns = true
        try check(Screen.render(s, c), "runs-\(tag)")
        s.showRuns = false
        (s, _) = Reducer.reduce(s, .toggleHelp, c)
        try check(Screen.render(s, c), "help-\(tag)")
        (s, _) = Reducer.reduce(s, .toggleHelp, c)
        s.tourPage = 5
        try check(Screen.render(s, c), "tour-\(tag)")
        s.tourPage = nil
        (s, _) = Reducer.reduce(s, .toggleView, c)
        try check(Screen.render(s, c), "panels-\(tag)")
    }

    /// The bayes preset: the step panel teaches the sweep, the chart shows the samples' error and
    /// the average's, the selected cell and the recommendations carry their spread.
    @Test(arguments: TextTests.sizes)
    func bayesScreens(size: (Int, Int)) throws {
        var data = try TUIFixtures.dataset()
        data.source = "SampleFixture"
        let c = AppContext(dataset: data, preset: "bayes")
        var s = TextTests().fullState(c, width: size.0, height: size.1)
        s.settings = .bayes
        (s, _) = Reducer.reduce(s, .toggleScoring, c)
        #expect(s.sureBets && s.settings.sampled)
        var snap = try #require(s.snapshot)
        snap.hyper = s.settings
        snap.step = 38
        snap.completedEpochs = 12
        snap.cycleEpochs = 12
        snap.epochFraction = 2.0 / 3
        snap.stepsPerEpoch = 3
        snap.gibbs = GibbsStep(part: .users, sweep: 13, averaged: 2, burnInEnds: 10, samplesKept: 2, noiseSD: 0.71)
        snap.lastValid?.averagedMSE = 0.5212
        snap.averaged = [ValidPoint(step: 33, mse: 0.58), ValidPoint(step: 36, mse: 0.53)]
        snap.cell?.lastStep = CellStep(inBatch: true, before: 2.65, after: 2.31, learningRate: 0)
        snap.cell?.lastStep?.meanBefore = 2.61
        snap.cell?.lastStep?.meanAfter = 2.62
        snap.cell?.posterior = CellPosterior(mean: 2.62, spread: 0.41, samples: 2)
        for i in 0..<12 { snap.cell?.meanHistory.append(2.9 - Float(i) / 40) }
        snap.recommendations = (0..<6).map { Recommendation(item: $0, score: 4.5 - Float($0) / 10, because: Int(s.selectedItem), spread: 0.2 + Float($0) / 20) }
        s.snapshot = snap
        try check(Screen.render(s, c), "bayes-\(size.0)x\(size.1)")
    }

    /// The als preset: the step panel says which side the last half-step solved (highlighted),
    /// the size of each row's system and what w₀ does; the loss is drawn in stairs.
    @Test(arguments: TextTests.sizes)
    func leastSquaresScreens(size: (Int, Int)) throws {
        var data = try TUIFixtures.dataset()
        data.source = "SampleFixture"
        let c = AppContext(dataset: data, preset: "als")
        var s = TextTests().fullState(c, width: size.0, height: size.1)
        s.settings = .als
        s.settings.unobservedWeight = 0.1
        var snap = try #require(s.snapshot)
        snap.hyper = s.settings
        snap.step = 7
        snap.completedEpochs = 3
        snap.cycleEpochs = 3
        snap.epochFraction = 0.5
        snap.stepsPerEpoch = 2
        snap.als = ALSStep(half: .users, factors: 20, useBias: true, unobservedWeight: 0.1, rows: 62)
        snap.train = LossHistory()
        for loss: Float in [1.1, 0.8, 0.66, 0.6, 0.57, 0.55, 0.545] { snap.train.append(loss) }
        snap.valid = [ValidPoint(step: 2, mse: 0.9), ValidPoint(step: 4, mse: 0.71), ValidPoint(step: 6, mse: 0.66)]
        snap.markers = []
        snap.cell?.lastStep = CellStep(inBatch: true, before: 2.65, after: 3.31, learningRate: 0)
        s.snapshot = snap
        try check(Screen.render(s, c), "als-\(size.0)x\(size.1)")
    }

    /// The nn preset: the step panel draws the two lookups, their concatenation and each layer's
    /// activations as strips, the output through sigmoid_range; the biases view says there are none.
    @Test(arguments: TextTests.sizes)
    func networkScreens(size: (Int, Int)) throws {
        var data = try TUIFixtures.dataset()
        data.source = "SampleFixture"
        let c = AppContext(dataset: data, preset: "nn")
        var s = TextTests().fullState(c, width: size.0, height: size.1)
        s.settings = .nn
        var snap = try #require(s.snapshot)
        snap.hyper = s.settings
        snap.hyper.factors = 8
        snap.hyper.useBias = false
        snap.step = 40
        // Fixed activations: 6 user values and the movie's 8 (the breakdown's), two hidden layers.
        let item = snap.cell?.breakdown.itemFactors ?? []
        let input = (0..<6).map { Float($0 % 3) / 10 - 0.1 } + item
        snap.cell?.network = CollabNN.Activations(layers: [input, (0..<24).map { $0 % 3 == 0 ? 0 : Float($0) / 24 }, (0..<10).map { Float($0) / 10 }],
                                                  output: 0.42, prediction: 3.32)
        snap.cell?.lastStep = CellStep(inBatch: false, before: 3.20, after: 3.32, learningRate: 0.001)
        s.snapshot = snap
        try check(Screen.render(s, c), "nn-\(size.0)x\(size.1)")
        s.view = .biases
        let biases = Screen.render(s, c)
        #expect(biases.contains("The neural network has no biases"))
    }
}

extension TrainingSnapshot {
    /// Fixed stand-ins for the measured costs of the one-hot product and the lookup, so a golden
    /// screen does not depend on the machine's speed.
    mutating func settleTimings() {
        cell?.breakdown.productNanos = 12_000
        cell?.breakdown.lookupNanos = 50
    }
}
