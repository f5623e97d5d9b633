import Foundation
import LatentCore

/// The loss panel: the training loss per step (smoothed as fastai does, one point per dot
/// column, with the column's minimum beneath once the history is longer than the panel) and
/// the validation loss, as braille lines on a linear or log axis, with markers where a
/// setting changed. The curves differ without colour too: training solid, validation
/// dashed, the previous run's validation sparsely dotted and labelled at its end.
public struct LossChartWidget {
    public let snapshot: TrainingSnapshot?
    public let logScale: Bool
    /// Set when the model was opened without its ratings: there is no loss to draw.
    public let trainedElsewhere: (model: String, on: String)?

    public init(snapshot: TrainingSnapshot?, logScale: Bool, trainedElsewhere: (model: String, on: String)? = nil) {
        self.snapshot = snapshot; self.logScale = logScale; self.trainedElsewhere = trainedElsewhere
    }

    public func render(into canvas: inout Canvas, _ rect: Rect) {
        canvas.box(rect, title: "Loss · ", style: Theme.border, titleStyle: Theme.title)
        // Legend in the title bar, each name in its series' colour.
        var x = rect.x + 9
        x += canvas.text(x, rect.y, "train ━ ", Theme.train.bolded, width: rect.maxX - x - 1)
        // A sampled model: the held-out error of each sample, and of their running average.
        let sampled = snapshot?.hyper.sampled == true
        x += canvas.text(x, rect.y, sampled ? "sample ┄ " : "valid ┄ ", Theme.valid.bolded, width: rect.maxX - x - 1)
        if sampled {
            let word = x + Canvas.displayWidth("average ━ ") <= rect.maxX - 1 ? "average ━ " : "avg ━ "
            x += canvas.text(x, rect.y, word, Theme.averaged.bolded, width: rect.maxX - x - 1)
        }
        // The axis's scale in the title when it fits whole; else under the y axis's ticks.
        let scaleWord = logScale ? "log " : "linear "
        let scaleInTitle = x + Canvas.displayWidth(scaleWord) <= rect.maxX - 1
        if scaleInTitle { canvas.text(x, rect.y, scaleWord, Theme.label, width: rect.maxX - x - 1) }
        // (The previous run's curve carries its own label at its end.)
        let inner = rect.inner
        if let trainedElsewhere {
            var w = Writer(canvas: canvas, area: inner.inset(dx: 1, dy: 0))
            w.flow([("No loss curve: the loss compares predictions with ratings, and the ratings are not loaded.", Theme.label)])
            w.flow([("Trained by ", Theme.label), (TerminalText.safe(trainedElsewhere.on), .plain)])
            w.flow([("--data PATH loads them: then space trains on.", Theme.label)])
            canvas = w.canvas
            return
        }
        guard inner.width > 10, inner.height > 3 else { return }
        let axisWidth = 7
        // On a generated sample a line more, under the axis: how much of the planted tastes the factors found.
        let plantedLine = snapshot?.insight.planted != nil && inner.height > 6 ? 1 : 0
        let plot = Rect(x: inner.x + axisWidth, y: inner.y, width: inner.width - axisWidth, height: inner.height - 2 - plantedLine)
        guard let snap = snapshot, snap.train.total > 0 || !snap.valid.isEmpty else {
            canvas.text(inner.x + 1, inner.y + inner.height / 2 - 1, "No steps yet.", Theme.label, width: inner.width - 2)
            canvas.text(inner.x + 1, inner.y + inner.height / 2, "space trains, s takes one step", Theme.label, width: inner.width - 2)
            drawValues(&canvas, inner, snapshot)
            return
        }
        var grid = BrailleGrid(columns: plot.width, rows: plot.height)
        let points = snap.train.resampled(to: grid.dotWidth)
        // The axis spans the run being trained (one epoch at least, so a fresh run has room): the
        // last run's curve is drawn as far as this one has come, step for step, never squashing
        // this one into a corner after a long run.
        let totalSteps = max(1, snap.train.total, snap.valid.last?.step ?? 0, snap.stepsPerEpoch)
        let previousShown = snap.previousValid.filter { $0.step <= totalSteps }
        var values = points.flatMap { [$0.mean, $0.min] } + snap.valid.map(\.mse) + snap.averaged.map(\.mse) + previousShown.map(\.mse)
            + (snap.reference.map { [$0.mse] } ?? [])
        values = values.filter { $0.isFinite && (!logScale || $0 > 0) }
        guard var lo = values.min(), var hi = values.max() else { return }
        if hi - lo < 1e-6 { hi += 0.5; lo = max(logScale ? 1e-6 : -.infinity, lo - 0.5) }
        let transform: (Float) -> Double = { logScale ? log10(Double(max($0, 1e-9))) : Double($0) }
        let tlo = transform(lo), thi = transform(hi)
        func dotY(_ v: Float) -> Int {
            let t = (transform(v) - tlo) / max(1e-12, thi - tlo)
            return Int(((1 - t) * Double(grid.dotHeight - 1)).rounded())
        }
        func dotX(step: Int) -> Int { Int((Double(step) / Double(totalSteps) * Double(grid.dotWidth - 1)).rounded()) }

        // Markers first, so the curves draw over them.
        for marker in snap.markers where marker.step > 0 {
            let mx = dotX(step: marker.step)
            for y in Swift.stride(from: 0, to: grid.dotHeight, by: 3) { grid.set(mx, y, series: 2) }
        }
        let trainWidth = points.count
        let stairs = snap.hyper.optimizer == .als && snap.train.stepsPerBucket <= 1
        var previous: (Int, Int)?
        for (i, p) in points.enumerated() {
            // The history covers `train.total` steps; spread its points over that share of the axis.
            let px = Int(Double(i) / Double(max(1, trainWidth - 1)) * Double(dotX(step: snap.train.total)))
            let py = dotY(p.mean)
            if let (qx, qy) = previous, stairs {
                // Least squares: each half-step holds its loss until the next one drops it.
                grid.line(qx, qy, px, qy, series: 0)
                grid.vline(px, qy, py, series: 0)
            } else if let (qx, qy) = previous { grid.line(qx, qy, px, py, series: 0) } else { grid.set(px, py, series: 0) }
            // Compressed history: show how low the loss went within the column too.
            if snap.train.stepsPerBucket > 1 || snap.train.total > grid.dotWidth { grid.vline(px, py, dotY(p.min), series: 0) }
            previous = (px, py)
        }
        // The run before the last change of settings, sparsely dotted and dim, to compare with;
        // then the validation curve, dashed.
        let previousDots = previousShown.map { (dotX(step: $0.step), dotY($0.mse)) }
        grid.dotted(previousDots, every: 4, series: 3)
        let validDots = snap.valid.map { (dotX(step: $0.step), dotY($0.mse)) }
        grid.dashed(validDots, on: 3, off: 2, series: 1)
        // The running average, solid: it falls below the samples' own error as the samples add up.
        let averaged = snap.averaged.map { (dotX(step: $0.step), dotY($0.mse)) }
        for (a, b) in zip(averaged, averaged.dropFirst()) { grid.line(a.0, a.1, b.0, b.1, series: 4) }
        if averaged.count == 1, let only = averaged.first { grid.set(only.0, only.1, series: 4) }
        grid.draw(into: &canvas, x: plot.x, y: plot.y, styles: [Theme.train, Theme.valid, Theme.marker, Theme.ghost, Theme.averaged])
        // Two labels in the plot: the previous run's at the end of its curve (left of the end when
        // the end is at the edge), and the categories' reference line's at its left end; the
        // reference label moves a row up or down rather than run into the other.
        let referenceY = snap.reference.map { plot.y + min(plot.height - 1, max(0, dotY($0.mse) / 4)) }
        if let ry = referenceY {
            for x in Swift.stride(from: plot.x, to: plot.maxX, by: 2) where canvas[x, ry].scalar == " " { canvas.put(x, ry, "·", Theme.ghost) }
        }
        var taken: LabelPlacement.Box?
        if let label = snap.previousLabel, let end = previousDots.last {
            let text = "◂ " + label
            let cy = plot.y + min(plot.height - 1, max(0, end.1 / 4))
            var cx = plot.x + end.0 / 2 + 1
            if cx + Canvas.displayWidth(text) > plot.maxX { cx = max(plot.x, plot.maxX - Canvas.displayWidth(text)) }
            let used = canvas.text(cx, cy, text, Theme.ghost, width: plot.maxX - cx)
            taken = LabelPlacement.Box(x: Double(cx), y: Double(cy), width: Double(used), height: 1)
        }
        if let reference = snap.reference, let ry = referenceY {
            // With a learned run to compare, the line says both figures and the gap, as much as fits.
            let short = String(format: "%@ %.3f", reference.label, reference.mse)
            let learned = snap.runs.filter { !$0.hyper.genreFactors }.compactMap(\.validBest).min()
            let long = learned.map { CategoriesVersusLearned(categories: reference.mse, learned: $0).figures }
            let text = long.flatMap { Canvas.displayWidth($0) <= plot.width ? $0 : nil } ?? short
            let free = [ry, ry - 1, ry + 1].first { y in
                y >= plot.y && y < plot.maxY
                    && !(taken?.intersects(LabelPlacement.Box(x: Double(plot.x), y: Double(y), width: Double(Canvas.displayWidth(text)), height: 1)) ?? false)
            }
            if let y = free { canvas.text(plot.x, y, text, Theme.ghost, width: plot.width) }
        }

        // Y axis: top, middle and bottom ticks.
        let mid: Float = logScale ? Float(pow(10, (tlo + thi) / 2)) : (lo + hi) / 2
        for (value, y) in [(hi, plot.y), (mid, plot.y + plot.height / 2), (lo, plot.maxY - 1)] {
            canvas.text(inner.x, y, Self.tick(value).leftPadded(axisWidth - 1), Theme.label, width: axisWidth - 1)
            canvas.put(inner.x + axisWidth - 1, y, "┤", Theme.border)
        }
        // X axis: steps (and epochs).
        let epochs = Double(totalSteps) / Double(max(1, snap.stepsPerEpoch))
        let xLabel = "0" + String(repeating: " ", count: max(1, plot.width - 1 - "step \(totalSteps)".count)) + "step \(totalSteps)"
        canvas.text(plot.x, plot.maxY, xLabel, Theme.label, width: plot.width)
        if !scaleInTitle { canvas.text(inner.x, plot.maxY, (logScale ? "log" : "linear").leftPadded(axisWidth - 1), Theme.label, width: axisWidth - 1) }
        if plot.width > 30 { canvas.text(plot.x + plot.width / 2 - 6, plot.maxY, String(format: "%.2f epochs", epochs), Theme.label) }
        drawValues(&canvas, inner, snap)
    }

    private func drawValues(_ canvas: inout Canvas, _ inner: Rect, _ snap: TrainingSnapshot?) {
        let y = inner.maxY - 1
        var x = inner.x
        let train = snap?.train.last.map { String(format: "%.4f", $0) } ?? "–"
        let valid = snap?.lastValid.map { String(format: "%.4f", $0.mse) } ?? "–"
        x += canvas.text(x, y, "train ", Theme.label, width: inner.maxX - x)
        x += canvas.text(x, y, train, Theme.train.bolded, width: inner.maxX - x)
        x += canvas.text(x, y, snap?.hyper.sampled == true ? "  sample " : "  valid ", Theme.label, width: inner.maxX - x)
        x += canvas.text(x, y, valid, Theme.valid.bolded, width: inner.maxX - x)
        if let averaged = snap?.lastValid?.averagedMSE {
            x += canvas.text(x, y, "  avg ", Theme.label, width: inner.maxX - x)
            x += canvas.text(x, y, String(format: "%.4f", averaged), Theme.averaged.bolded, width: inner.maxX - x)
        }
        if let rmse = snap?.lastValid.map({ $0.averagedMSE?.squareRoot() ?? $0.rmse }) {
            let text = String(format: "  rmse %.3f", rmse)
            if x + text.count <= inner.maxX { x += canvas.text(x, y, text, Theme.label, width: inner.maxX - x) }
        }
        if let planted = snap?.insight.planted, inner.height > 6 { drawPlanted(&canvas, inner, planted) }
    }

    /// On a generated sample: how much of its planted tastes a linear map of the movie factors
    /// predicts (R² on movies it was not fitted on), the genres apart from the tastes no category names.
    private func drawPlanted(_ canvas: inout Canvas, _ inner: Rect, _ planted: PlantedRecovery.Report) {
        let y = inner.maxY - 2
        func r2(_ v: Float?) -> String { v.map { String(format: "%.2f", $0) } ?? "–" }
        // Short: no leading zero (`.82`, `-.11`).
        func brief(_ v: Float?) -> String { r2(v).replacingOccurrences(of: "0.", with: ".") }
        let long = "planted R²: genres \(r2(planted.genres)) · unnamed tastes \(r2(planted.unnamed))"
        let short = "R² genres \(brief(planted.genres)) unnamed \(brief(planted.unnamed))"
        let text = Canvas.displayWidth(long) <= inner.width ? long : short
        canvas.text(inner.x, y, text, Theme.good, width: inner.width)
    }

    static func tick(_ v: Float) -> String {
        if v >= 100 { return String(format: "%.0f", v) }
        if v >= 10 { return String(format: "%.1f", v) }
        if v >= 0.01 { return String(format: "%.3f", v) }
        return String(format: "%.1e", v)
    }
}
