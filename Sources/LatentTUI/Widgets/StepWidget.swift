import Foundation
import LatentCore

/// The step panel: the book's loop on the selected cell. 1 initialize (how the parameters
/// were drawn), 2 predict (one-hot lookup, factor strips, dot, biases, squashing), 3 loss,
/// and what the last step did (learning rate, gradient, prediction before and after), with
/// the phase the last key performed highlighted.
public struct StepWidget {
    public let snapshot: TrainingSnapshot?
    public let context: AppContext

    public init(snapshot: TrainingSnapshot?, context: AppContext) { self.snapshot = snapshot; self.context = context }

    public func render(into canvas: inout Canvas, _ rect: Rect) {
        guard let s = snapshot else {
            canvas.box(rect, title: "Step", style: Theme.border, titleStyle: Theme.title)
            return
        }
        // A sampled model's steps are the parts of a Gibbs sweep: a panel of their own.
        if s.hyper.sampled { return GibbsStepWidget(snapshot: s, context: context).render(into: &canvas, rect) }
        // Least squares solves whole sides: its steps are half-steps, not mini-batches.
        if s.hyper.optimizer == .als { return LeastSquaresStepWidget(snapshot: s, context: context).render(into: &canvas, rect) }
        // The neural network: the layers between the lookups and the prediction.
        if s.hyper.neural { return NeuralStepWidget(snapshot: s, context: context).render(into: &canvas, rect) }
        let elsewhere = context.capabilities.trainedElsewhere
        // The epoch goes in the title when it fits whole (the status line always has it).
        let full = elsewhere == nil ? "Step \(s.step.grouped) · \(s.epochText)" : "Prediction · factors only"
        canvas.box(rect, title: Canvas.displayWidth(full) + 4 <= rect.width ? full : "Step \(s.step.grouped)", style: Theme.border, titleStyle: Theme.title)
        var w = Writer(canvas: canvas, area: rect.inner.inset(dx: 1, dy: 0))
        defer { canvas = w.canvas }
        let h = s.hyper
        // On a short panel (small terminals) the lines the status bar or the strips already say are left out.
        let compact = w.area.height < 16
        let scale = context.dataset.scale
        // Where the run stands: the learning rate is the last step's, the same figure the step line shows.
        let state = s.runningText
        if let elsewhere {
            // Trained elsewhere: step 1 happened there, and steps 2 and 3 are what can be shown here.
            w.flow([("1 init ", label(false)), ("done where it was trained: \(TerminalText.safe(elsewhere.on))", .plain)], indent: 7)
            if !compact { w.flow([("  ", .plain), ("\(h.factors) factors, biases \(h.useBias ? "on" : "off")", Theme.label)]) }
        } else if !compact { w.flow([("\(state)  ", s.running ? Theme.good : Theme.warn),
                ("lr ", Theme.label), (String(format: "%.1e", s.learningRate), .plain),
                ("  ", .plain), (String(format: "epoch %.0f%%", s.epochFraction * 100), Theme.label)]) }
        let initOn = s.phase == .initialize, trainOn = s.phase == .train
        // 1 initialize
        if elsewhere == nil { w.flow([("1 init ", label(initOn)), (String(format: compact ? "N(0,%g) seed %llu" : "N(0, %g) · seed %llu", h.initStd, h.seed), .plain)], indent: 7)
        if !compact { w.flow([("  ", .plain), ("\(h.factors) factors, biases \(h.useBias ? "on" : "off"), wd \(formatRating(h.weightDecay))", Theme.label)]) }
        }
        guard let cell = s.cell else {
            w.flow([("select a cell of the grid", Theme.label)])
            return
        }
        let b = cell.breakdown
        let who = context.userName(Int32(b.user))
        // 2 predict
        let rows = compact ? "" : "\u{A0}of\u{A0}\(b.userCount.grouped)"
        w.flow([("2 pred ", label(trainOn)), ("\(who) → row\u{A0}\(b.user.grouped)\(rows)", .plain)], indent: 7)
        if !compact { oneHot(&w, b) }
        // The user's row shows as numbers in the proof (`U[u]`), the movie's as a strip.
        if compact { proof(&w, b, compact: true) }
        Self.strip(&w, "M[m] ", b.itemFactors)
        // Signs belong to the values (`bᵤ(-0.008)`), never read as operators.
        if !compact { w.flow([("  ", .plain), (String(format: "dot %.3f + bᵤ(%.3f) + bₘ(%.3f)", b.dot, b.userBias, b.itemBias), .plain)], indent: 6) }
        let shown = scale.clip(b.prediction)
        let clipped = shown != b.prediction ? String(format: " (shown %@: the scale tops out there)", formatRating(shown)) : ""
        if compact {
            w.flow([("  ", .plain), (String(format: "z %.3f → %@ ", b.score, b.yRange == nil ? "+μ =" : "σ →"), .plain),
                    (String(format: "%.2f", b.prediction), Theme.header), (clipped, Theme.label)], indent: 4)
        } else if let r = b.yRange {
            w.flow([("  ", .plain), (String(format: "z %.3f → %g+%g·σ(z) = ", b.score, r.lowerBound, r.upperBound - r.lowerBound), .plain),
                    (String(format: "%.2f", b.prediction), Theme.header), (clipped, Theme.label)], indent: 4)
        } else {
            w.flow([("  ", .plain), (String(format: "μ %.2f + … = ", b.mean), .plain), (String(format: "%.2f", b.prediction), Theme.header),
                    (clipped, Theme.label)], indent: 4)
        }
        // 3 loss
        if elsewhere != nil {
            w.flow([("3 loss ", label(false)), ("needs the rating, and the ratings are not loaded (--data PATH)", Theme.label)], indent: 7)
            return
        }
        if let actual = cell.actual {
            let err = b.prediction - actual
            if compact {
                w.flow([("3 loss ", label(trainOn)), (String(format: "(%.2f−%@)² = %.3f", b.prediction, formatRating(actual), err * err),
                        Theme.known(error: s.step > 0 ? err : nil))], indent: 7)
            } else {
                w.flow([("3 loss ", label(trainOn)), ("actual \(formatRating(actual))\(cell.heldOut ? " (held out)" : "")", .plain),
                        (String(format: " · err² %.3f", err * err), Theme.known(error: s.step > 0 ? err : nil))], indent: 7)
            }
        } else {
            w.flow([("3 loss ", label(trainOn)), ("no rating: prediction only", Theme.label)], indent: 7)
        }
        if !compact { w.flow([("       ", .plain), ("batch ", Theme.label), (s.lastBatchLoss.map { String(format: "%.4f", $0) } ?? "–", Theme.train),
                ("  valid ", Theme.label), (s.lastValid.map { String(format: "%.4f", $0.mse) } ?? "–", Theme.valid)], indent: 7) }
        // step
        if let step = cell.lastStep {
            let change = StepChange(before: step.before, after: step.after, actual: cell.actual)
            let style: Style = change.verdict == .toward ? Theme.good : (change.verdict == .away ? Theme.warn : Theme.label)
            var moved: [(String, Style)] = [(compact ? "  step " : "  ", compact ? label(trainOn) : .plain)]
            if compact && change.verdict == .unchanged {
                moved.append((String(format: "unchanged at lr %.0e", step.learningRate), Theme.label))
            } else {
                moved.append((compact ? "Δ " + change.delta : change.values, Theme.header))
                if !compact && change.verdict != .unchanged { moved.append((" (\(change.delta))", Theme.label)) }
                moved.append((change.words, style))
            }
            if !compact {
                w.flow([("  step ", label(trainOn)), (String(format: "lr %.1e · ", step.learningRate), .plain),
                        (step.inBatch ? "in the batch" : "not in the batch", step.inBatch ? Theme.good : Theme.label)], indent: 7)
                if let gu = step.userGradient, let gm = step.itemGradient {
                    w.flow([("  ", .plain), (String(format: "|∇U[u]| %.2e  |∇M[m]| %.2e", norm(gu), norm(gm)), .plain)], indent: 4)
                } else if step.inBatch, let gm = step.itemGradient {
                    w.flow([("  ", .plain), (String(format: "|∇M[m]| %.2e (your row is folded in, not trained)", norm(gm)), .plain)], indent: 4)
                }
            }
            w.flow(moved, indent: 4)
        } else {
            w.flow([("  step ", label(trainOn)), (compact ? "s: watch this cell move" : "s takes one: watch this cell move", Theme.label)], indent: 7)
        }
        Self.sparkline(&w, cell)
    }

    /// The one-hot lesson: the vector itself (its lit cell among the users around it), the product
    /// written out for a few rows, and what each path costs, measured.
    private func oneHot(_ w: inout Writer, _ b: PredictionBreakdown) {
        let u = b.user, n = b.userCount
        let width = max(8, min(n, w.area.width - 16))
        let first = max(0, min(u - width / 2, n - width))
        var cells = first > 0 ? "…" : ""
        for i in first..<min(n, first + width) { cells += i == u ? "1" : "·" }
        if first + width < n { cells += "…" }
        w.line([("  one-hot ", Theme.label), (cells, .plain)])
        let row = "U[\(u)]"
        w.flow([("  one-hot·U = ", Theme.label), ("1·\(row) + 0·the rest", .plain)], indent: 4)
        proof(&w, b, compact: false)
        let madds = (n * b.userFactors.count).grouped
        let product = b.productNanos.map { " (\(Self.duration($0)))" } ?? ""
        w.flow([("  cost: ", Theme.label), ("\(madds) multiply-adds\(product)", .plain), (" vs copying ", Theme.label),
                ("\(b.userFactors.count) (\(Self.duration(b.lookupNanos)))", .plain)], indent: 4)
    }

    /// The proof's two results one above the other: the first values of the product with the
    /// one-hot vector and of the row looked up (at least three, whatever the panel's width), and
    /// whether they are equal. A short panel says the claim first and labels the rows `prod`
    /// and `look` (the product, the lookup).
    private func proof(_ w: inout Writer, _ b: PredictionBreakdown, compact: Bool) {
        let verdict: (String, Style)? = switch b.lookupDifference {
        case .some(0): ("✓ equal", Theme.good)
        case .some(let d): (String(format: "✗ off by %.2g", d), Theme.bad)
        case .none: nil
        }
        let labels = compact ? ("prod", "look") : ("  1-hot·U ", "  U[u]    ")
        let room = (w.area.width - Canvas.displayWidth(labels.0)) / 7
        let count = min(b.userFactors.count, max(3, min(compact ? 3 : 4, room)))
        func numbers(_ v: [Float]) -> String { v.prefix(count).map { String(format: compact ? " %.3f" : " %6.3f", $0) }.joined() }
        if compact { w.line([("one-hot·U = U[u] ", Theme.label)] + (verdict.map { [$0] } ?? [])) }
        // On a big table the product is computed at most twice a second: until then it says so.
        w.line([(labels.0, Theme.label), b.oneHotTimesU.isEmpty ? (" (computing)", Theme.label) : (numbers(b.oneHotTimesU), .plain)])
        w.line([(labels.1, Theme.label), (numbers(b.userFactors), .plain)])
        if !compact, let verdict { w.flow([("  " + verdict.0, verdict.1), (" · O writes it out", Theme.label)], indent: 4) }
    }

    /// The panel's box, titled `Step 1,204 · epoch 2/5` (the step alone when that does not fit),
    /// and a writer inside it: how every step panel begins.
    static func frame(_ canvas: inout Canvas, _ rect: Rect, _ s: TrainingSnapshot) -> Writer {
        let full = "Step \(s.step.grouped) · \(s.epochText)"
        canvas.box(rect, title: Canvas.displayWidth(full) + 4 <= rect.width ? full : "Step \(s.step.grouped)", style: Theme.border, titleStyle: Theme.title)
        return Writer(canvas: canvas, area: rect.inner.inset(dx: 1, dy: 0))
    }

    /// `41 µs`, `0.1 µs`, `2.3 ms`.
    static func duration(_ nanos: Double) -> String {
        // A no-break space keeps the number with its unit when the line wraps.
        if nanos >= 1e6 { return String(format: "%.1f\u{A0}ms", nanos / 1e6) }
        if nanos >= 1e3 { return String(format: "%.0f\u{A0}µs", nanos / 1e3) }
        return String(format: "%.2f\u{A0}µs", nanos / 1e3)
    }

    private func label(_ on: Bool) -> Style { on ? Theme.header.reversed : Theme.header }

    private func norm(_ v: [Float]) -> Float { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    /// A factor row as one coloured cell per factor (colour by sign, shade by size).
    static func strip(_ w: inout Writer, _ name: String, _ values: [Float]) {
        guard w.hasRoom else { return }
        let room = w.area.width - name.count - 2
        let width = max(4, values.count <= room ? values.count : room - 1)
        let scale = max(1e-6, values.filter(\.isFinite).map(abs).max() ?? 1)
        let shades: [Unicode.Scalar] = ["░", "▒", "▓", "█"]
        var x = w.area.x
        x += w.canvas.text(x, w.y, "  " + name, Theme.label)
        for v in values.prefix(width) {
            let level = v.isFinite ? min(3, max(0, Int(abs(v) / scale * 3.999))) : 0
            w.canvas.put(x, w.y, shades[level], v >= 0 ? Theme.positive : Theme.negative)
            x += 1
        }
        if values.count > width { w.canvas.put(x, w.y, "…", Theme.label) }
        w.y += 1
    }

    /// The cell's prediction after each step, with the actual rating as a line.
    static func sparkline(_ w: inout Writer, _ cell: CellReport) {
        guard w.area.maxY - w.y >= 2 else { return }
        let width = w.area.width - 2
        let points = cell.history.resampled(to: width * 2).map(\.mean)
        guard points.count > 1 else { return }
        let rows = min(3, w.area.maxY - w.y)
        var grid = BrailleGrid(columns: width, rows: rows)
        var values = points
        if let a = cell.actual { values.append(a) }
        let lo = values.min() ?? 0, hi = max((values.max() ?? 1), lo + 0.1)
        func y(_ v: Float) -> Int { Int(((hi - v) / (hi - lo) * Float(grid.dotHeight - 1)).rounded()) }
        if let a = cell.actual { for x in Swift.stride(from: 0, to: grid.dotWidth, by: 2) { grid.set(x, y(a), series: 1) } }
        for (i, p) in points.enumerated() {
            let x = i * (grid.dotWidth - 1) / max(1, points.count - 1)
            grid.set(x, y(p), series: 0)
            if i > 0 { grid.line((i - 1) * (grid.dotWidth - 1) / max(1, points.count - 1), y(points[i - 1]), x, y(p), series: 0) }
        }
        grid.draw(into: &w.canvas, x: w.area.x + 1, y: w.y, styles: [Theme.train, Theme.valid])
        w.y += rows
    }
}
