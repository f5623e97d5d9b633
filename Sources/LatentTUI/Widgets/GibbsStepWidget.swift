import Foundation
import LatentCore

/// The step panel of a sampled model (the `bayes` preset): the Gibbs sweep in its own three
/// steps, 1 sample the hyperparameters → 2 each user's row given the movies → 3 each movie's
/// row given the users, then average; and for the selected cell this sample's prediction beside
/// the posterior's mean and spread (`predicted 4.1 ± 0.6`), what the last part did to both, and
/// both over the steps.
struct GibbsStepWidget {
    let snapshot: TrainingSnapshot
    let context: AppContext

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let s = snapshot, h = s.hyper
        var w = StepWidget.frame(&canvas, rect, s)
        defer { canvas = w.canvas }
        // Short panels leave out the strips and the sums; narrow ones say each step in a few words.
        let compact = w.area.height < 16, narrow = w.area.width < 48
        let last = s.step > 0 ? s.gibbs?.part : nil
        let d = h.factors + 1
        if !compact {
            w.flow([("\(s.runningText)  ", s.running ? Theme.good : Theme.warn),
                    (narrow ? "Gibbs sampling" : "Gibbs sampling: each step draws one part given the rest", Theme.label)], indent: 0)
        }
        // The sweep's three steps, the last one drawn highlighted.
        let tiny = w.area.width < 32
        let noise = s.gibbs.map { String(format: tiny ? "σ %.2f" : "noise σ %.2f", $0.noiseSD) } ?? "noise"
        w.flow([("1 hyper  ", label(last == .hyperparameters)), (narrow ? "\(noise), priors" : "\(noise) · each factor's prior mean and precision", .plain)], indent: 9)
        w.flow([("2 users  ", label(last == .users)),
                (narrow ? "[bᵤ,U[u]] | movies" : "each user's [bᵤ, U[u]] given the movies: a \(d)×\(d) Gaussian", .plain)], indent: 9)
        w.flow([("3 movies ", label(last == .movies)),
                (narrow ? "[bₘ,M[m]] | users" + (h.implicit ? " +implicit" : "") : "each movie's [bₘ, M[m]] given the users" + (h.implicit ? ", then the implicit rows" : ""), .plain)], indent: 9)
        w.flow([("  then   ", Theme.header), (averagingText(narrow: narrow), Theme.label)], indent: 9)
        guard let cell = s.cell else {
            w.flow([("select a cell of the grid", Theme.label)])
            return
        }
        let b = cell.breakdown
        let who = context.userName(Int32(b.user))
        if !compact {
            let room = max(4, w.area.width - 7 - Canvas.displayWidth("\(who) · "))
            w.line([("cell   ", Theme.header), ("\(who) · ", .plain), (TitleFit.fit(context.dataset.movie(b.item), width: room).fitted(room), .plain)])
            if !narrow {
                StepWidget.strip(&w, "U[u] ", b.userFactors)
                StepWidget.strip(&w, "M[m] ", b.itemFactors)
            }
        }
        let scale = context.dataset.scale
        let sample = scale.clip(b.prediction)
        if compact || narrow {
            w.flow([("sample ", Theme.label), (String(format: "%.2f", sample), Theme.train)] + posteriorPieces(cell, compact: true), indent: 7)
        } else {
            w.flow([("sample ", Theme.label), (String(format: "μ %.2f + bᵤ(%.2f) + bₘ(%.2f) + dot %.2f = ", b.mean, b.userBias, b.itemBias, b.dot), .plain),
                    (String(format: "%.2f", sample), Theme.train)], indent: 7)
            w.flow([("predicted ", Theme.label)] + posteriorPieces(cell, compact: false), indent: 7)
        }
        if let step = cell.lastStep {
            var pieces: [(String, Style)] = [("step   ", Theme.header), (String(format: "sample %.2f → %.2f", scale.clip(step.before), scale.clip(step.after)), Theme.train)]
            if let a = step.meanBefore, let z = step.meanAfter {
                pieces.append((String(format: " · mean %.2f → %.2f", a, z), Theme.averaged))
            } else if let z = step.meanAfter {
                pieces.append((String(format: " · mean %.2f", z), Theme.averaged))
            }
            if last == .hyperparameters { pieces.append((" (rows unchanged)", Theme.label)) }
            w.flow(pieces, indent: 7)
        } else {
            w.flow([("step   ", Theme.header), ("s draws the next part: watch the sample jump and the mean settle", Theme.label)], indent: 7)
        }
        if let actual = cell.actual {
            let mean = cell.posterior?.mean ?? sample
            let e1 = sample - actual, e2 = mean - actual
            w.flow([("actual \(formatRating(actual))\(cell.heldOut ? " (held out)" : "") ", Theme.label),
                    (String(format: "err² sample %.2f", e1 * e1), Theme.known(error: s.step > 0 ? e1 : nil)),
                    (cell.posterior == nil ? "" : String(format: " · mean %.2f", e2 * e2), Theme.known(error: e2))], indent: 7)
        }
        if let v = s.lastValid, v.count > 0 {
            var pieces: [(String, Style)] = [(compact ? "held out " : "held-out RMSE ", Theme.label), (String(format: "sample %.3f", v.rmse), Theme.valid)]
            if let a = v.averagedMSE { pieces.append((String(format: " · average %.3f", a.squareRoot()), Theme.averaged)) }
            w.flow(pieces, indent: 7)
        }
        sparkline(&w, cell)
    }

    /// `average of 14 sweeps since the burn-in (sweep 10)`, or how long the burn-in has left.
    private func averagingText(narrow: Bool) -> String {
        guard let g = snapshot.gibbs else { return "average the samples after a burn-in" }
        if g.averaged == 0 {
            return narrow ? "average after sweep \(g.burnInEnds)" : "average the samples after the burn-in (sweep \(g.burnInEnds)): the first ones still remember the random start"
        }
        return narrow ? "average of \(g.averaged) sweeps" : "average of \(g.averaged) sweep\(g.averaged == 1 ? "" : "s") since the burn-in (sweep \(g.burnInEnds)), \(g.samplesKept) kept whole for the spread"
    }

    /// `4.12 ± 0.38 (14 samples)`, or why there is no spread yet.
    private func posteriorPieces(_ cell: CellReport, compact: Bool) -> [(String, Style)] {
        guard let p = cell.posterior else {
            return [(compact ? " · no mean yet" : "this sample's alone: no spread until samples are kept after the burn-in", Theme.label)]
        }
        if p.samples < 2 { return [((compact ? " · predicted " : "") + String(format: "%.2f", p.mean), Theme.averaged), (" (one sample: no spread yet)", Theme.label)] }
        return [((compact ? " · predicted " : "") + String(format: "%.2f ± %.2f", p.mean, p.spread), Theme.averaged),
                (compact ? "" : " (\(p.samples) samples)", Theme.label)]
    }

    private func label(_ on: Bool) -> Style { on ? Theme.header.reversed : Theme.header }

    /// The cell's sample after each step (it jumps) and its posterior mean (it settles), with the actual rating as a line.
    private func sparkline(_ w: inout Writer, _ cell: CellReport) {
        guard w.area.maxY - w.y >= 2 else { return }
        let width = w.area.width - 2
        let samples = cell.history.resampled(to: width * 2).map(\.mean)
        let means = cell.meanHistory.resampled(to: width * 2).map(\.mean)
        guard samples.count > 1 else { return }
        let rows = min(3, w.area.maxY - w.y)
        var grid = BrailleGrid(columns: width, rows: rows)
        let values = samples + means + (cell.actual.map { [$0] } ?? [])
        let lo = values.min() ?? 0, hi = max(values.max() ?? 1, lo + 0.1)
        func y(_ v: Float) -> Int { Int(((hi - v) / (hi - lo) * Float(grid.dotHeight - 1)).rounded()) }
        if let a = cell.actual { for x in Swift.stride(from: 0, to: grid.dotWidth, by: 2) { grid.set(x, y(a), series: 1) } }
        for (series, points) in [(0, samples), (2, means)] where points.count > 1 {
            // The means start later (after the burn-in): they end where the samples end.
            let offset = samples.count - points.count
            func x(_ i: Int) -> Int { (i + offset) * (grid.dotWidth - 1) / max(1, samples.count - 1) }
            for (i, p) in points.enumerated() {
                grid.set(x(i), y(p), series: series)
                if i > 0 { grid.line(x(i - 1), y(points[i - 1]), x(i), y(p), series: series) }
            }
        }
        grid.draw(into: &w.canvas, x: w.area.x + 1, y: w.y, styles: [Theme.train, Theme.valid, Theme.averaged])
        w.y += rows
    }
}
