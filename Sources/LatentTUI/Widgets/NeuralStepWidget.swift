import Foundation
import LatentCore

/// The step panel of the book's neural network (the `nn` preset): the same three steps, with
/// the network in the middle of step 2. For the selected cell: the two one-hot lookups (a user
/// row, a movie row, each its own size), their concatenation, each layer's activations after
/// its ReLU as a strip (how many units fire), and the output squashed by sigmoid_range; then the
/// loss, and what the last mini-batch did to the cell.
struct NeuralStepWidget {
    let snapshot: TrainingSnapshot
    let context: AppContext

    func render(into canvas: inout Canvas, _ rect: Rect) {
        let s = snapshot, h = s.hyper
        var w = StepWidget.frame(&canvas, rect, s)
        defer { canvas = w.canvas }
        let compact = w.area.height < 16, narrow = w.area.width < 48
        let trainOn = s.phase == .train
        if !compact {
            w.flow([("\(s.runningText)  ", s.running ? Theme.good : Theme.warn), ("lr ", Theme.label), (String(format: "%.1e", s.learningRate), .plain),
                    ("  AdamW, one-cycle", Theme.label)])
        }
        w.flow([("1 init ", label(s.phase == .initialize)),
                (String(format: w.area.width < 30 ? "random · seed %llu" : narrow ? "emb N(0,0.01) · seed %llu" : "N(0, 0.01) embeddings, layers ±1/√in · seed %llu", h.seed), .plain)], indent: 7)
        guard let cell = s.cell, let net = cell.network else {
            w.flow([("select a cell of the grid", Theme.label)])
            return
        }
        let b = cell.breakdown
        let who = context.userName(Int32(b.user))
        let input = net.layers.first ?? []
        let hidden = Array(net.layers.dropFirst())
        let userSize = input.count - b.itemFactors.count
        // 2 predict: two lookups, the concatenation, the layers, the squashing.
        w.flow([("2 pred ", label(trainOn)), (narrow ? "lookups U[\(b.user.grouped)], M[\(b.item.grouped)]"
                                                : "\(who) → U[\(b.user.grouped)], movie → M[\(b.item.grouped)]: two one-hot lookups", .plain)], indent: 7)
        StepWidget.strip(&w, "U[u] ", Array(input.prefix(max(0, userSize))))
        StepWidget.strip(&w, "M[m] ", b.itemFactors)
        if !compact {
            w.flow([("  ", .plain), (narrow ? "x = [U[u], M[m]]: \(input.count)" : "concatenated: [U[u], M[m]], \(input.count) values (no dot product)", Theme.label)], indent: 4)
            StepWidget.strip(&w, "x    ", input)
        }
        for (l, a) in hidden.enumerated() {
            let firing = a.filter { $0 > 0 }.count
            let from = l == 0 ? input.count : hidden[l - 1].count
            if !compact {
                w.flow([("  ", .plain), (narrow ? "\(from)→\(a.count) ReLU: \(firing) fire" : "Linear \(from)→\(a.count), ReLU: \(firing) of \(a.count) fire", Theme.label)], indent: 4)
            }
            StepWidget.strip(&w, "h\(l + 1)   ", a)
        }
        let shown = context.dataset.scale.clip(net.prediction)
        let range = context.dataset.scale.yRange
        w.flow([("  ", .plain), (narrow ? String(format: "z %.3f → σ range ", net.output)
                                 : String(format: "Linear→1: z %.3f → %g+%g·σ(z) = ", net.output, range.lowerBound, range.upperBound - range.lowerBound), .plain),
                (String(format: "%.2f", shown), Theme.header)], indent: 4)
        // 3 loss
        if let actual = cell.actual {
            let err = net.prediction - actual
            w.flow([("3 loss ", label(trainOn)), ("actual \(formatRating(actual))\(cell.heldOut && !narrow ? " (held out)" : "")", .plain),
                    (String(format: narrow ? " err² %.2f" : " · err² %.3f", err * err), Theme.known(error: s.step > 0 ? err : nil))], indent: 7)
        } else {
            w.flow([("3 loss ", label(trainOn)), ("no rating: prediction only", Theme.label)], indent: 7)
        }
        if let step = cell.lastStep {
            let change = StepChange(before: step.before, after: step.after, actual: cell.actual)
            let style: Style = change.verdict == .toward ? Theme.good : (change.verdict == .away ? Theme.warn : Theme.label)
            w.flow([("  step ", label(trainOn)), (change.values, Theme.header), (" \(change.words)", style),
                    (compact || narrow ? "" : step.inBatch ? " · in the batch" : " · not in the batch (the shared layers moved it)", Theme.label)], indent: 7)
        } else {
            w.flow([("  step ", label(trainOn)), ("s takes one mini-batch: every layer moves, and with them every cell", Theme.label)], indent: 7)
        }
        StepWidget.sparkline(&w, cell)
    }

    private func label(_ on: Bool) -> Style { on ? Theme.header.reversed : Theme.header }
}
