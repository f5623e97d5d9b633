import Foundation
import LatentCore

/// The step panel of alternating least squares (the `als` preset): the loop in its own steps,
/// 1 initialize → 2 fix the movies, solve each user (a system of k unknowns, or k + 1 with the
/// bias) → 3 fix the users, solve each movie, with the half-step just taken highlighted; the
/// unobserved weight w₀ and what it does; and for the selected cell its factor rows, its
/// prediction, what the last half-step did to it and its path over the steps.
struct LeastSquaresStepWidget {
    let snapshot: TrainingSnapshot
    let context: AppContext

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let s = snapshot, h = s.hyper
        var w = StepWidget.frame(&canvas, rect, s)
        defer { canvas = w.canvas }
        let compact = w.area.height < 16, narrow = w.area.width < 48
        let last = s.step > 0 ? s.als?.half : nil
        let d = h.factors + (h.useBias ? 1 : 0)
        if !compact {
            w.flow([("\(s.runningText)  ", s.running ? Theme.good : Theme.warn),
                    (narrow ? "least squares" : "Alternating least squares: each step solves one side exactly", Theme.label)], indent: 0)
        }
        let unknowns = h.useBias ? "[bᵤ, U[u]]" : "U[u]", movieUnknowns = h.useBias ? "[bₘ, M[m]]" : "M[m]"
        w.flow([("1 init   ", label(s.step == 0)), (String(format: "N(0, %g) · seed %llu", h.initStd, h.seed), .plain)], indent: 9)
        // (Down to 32 columns the short form still says which side is fixed.)
        let fixes = w.area.width >= 32
        w.flow([("2 users  ", label(last == .users)),
                (narrow ? (fixes ? "fix M, " : "") + "solve \(unknowns.replacingOccurrences(of: " ", with: ""))" : "fix the movies, solve each user's \(unknowns): a \(d)×\(d) system", .plain)], indent: 9)
        w.flow([("3 movies ", label(last == .movies)),
                (narrow ? (fixes ? "fix U, " : "") + "solve \(movieUnknowns.replacingOccurrences(of: " ", with: ""))" : "fix the users, solve each movie's \(movieUnknowns): a \(d)×\(d) system", .plain)], indent: 9)
        if !compact {
            if narrow { w.flow([("  rows   ", Theme.header), ("a \(d)×\(d) system each", Theme.label)], indent: 9) }
            w.flow([("  loss   ", Theme.header), (narrow ? "falls in stairs" : "falls in stairs: a solved row is the best it can be with the other side fixed", Theme.label)], indent: 9)
        }
        w.flow([("  w₀ ", Theme.header), (formatRating(h.unobservedWeight) + " ", .plain), (weightText(h.unobservedWeight, narrow: narrow || compact), Theme.label)], indent: 7)
        guard let cell = s.cell else {
            w.flow([("select a cell of the grid", Theme.label)])
            return
        }
        let b = cell.breakdown
        let who = context.userName(Int32(b.user))
        if !compact {
            let room = max(4, w.area.width - 7 - Canvas.displayWidth("\(who) · "))
            w.line([("cell   ", Theme.header), ("\(who) · ", .plain), (TitleFit.fit(context.dataset.movie(b.item), width: room).fitted(room), .plain)])
            StepWidget.strip(&w, "U[u] ", b.userFactors)
            StepWidget.strip(&w, "M[m] ", b.itemFactors)
        }
        let scale = context.dataset.scale
        let shown = scale.clip(b.prediction)
        if compact || narrow {
            w.flow([("predict ", Theme.label), (String(format: "%.2f", shown), Theme.header)], indent: 8)
        } else {
            w.flow([("predict ", Theme.label), (String(format: "μ %.2f + bᵤ(%.2f) + bₘ(%.2f) + dot %.2f = ", b.mean, b.userBias, b.itemBias, b.dot), .plain),
                    (String(format: "%.2f", shown), Theme.header)], indent: 8)
        }
        if let actual = cell.actual {
            let err = b.prediction - actual
            w.flow([("actual \(formatRating(actual))\(cell.heldOut ? " (held out)" : "") ", Theme.label),
                    (String(format: "err² %.3f", err * err), Theme.known(error: s.step > 0 ? err : nil))], indent: 7)
        }
        if let step = cell.lastStep, let last {
            let change = StepChange(before: step.before, after: step.after, actual: cell.actual)
            let style: Style = change.verdict == .toward ? Theme.good : (change.verdict == .away ? Theme.warn : Theme.label)
            let solved = last == .users ? (step.inBatch ? "its user's row solved" : "your row is folded in, not solved") : "its movie's row solved"
            w.flow([("step   ", Theme.header), (change.values, .plain), (" \(change.words)", style), (compact ? "" : " · \(solved)", Theme.label)], indent: 7)
        } else {
            w.flow([("step   ", Theme.header), ("s solves the next side: watch the loss drop a stair", Theme.label)], indent: 7)
        }
        if let v = s.lastValid, v.count > 0 {
            w.flow([(compact ? "held out " : "held-out ", Theme.label), (String(format: "MSE %.4f · RMSE %.3f", v.mse, v.rmse), Theme.valid)], indent: 7)
        }
        StepWidget.sparkline(&w, cell)
    }

    /// What w₀ does, in words.
    private func weightText(_ w0: Float, narrow: Bool) -> String {
        if w0 > 0 {
            return narrow ? "unrated pairs → 0" : "the pairs nobody rated are pulled toward 0: no folding, better top 10, worse RMSE (w toggles)"
        }
        return narrow ? "ratings alone" : "the ratings alone: unrelated movies may fold together (w sets 0.1)"
    }

    private func label(_ on: Bool) -> Style { on ? Theme.header.reversed : Theme.header }
}
