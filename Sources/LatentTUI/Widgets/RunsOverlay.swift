import Foundation
import LatentCore

/// The runs table (`e`): one row per change of settings, with what changed, how long it
/// trained, its best and final losses and the epoch of its best validation loss, so two
/// settings compare as numbers (the book's weight-decay lesson without writing anything down).
public struct RunsOverlay {
    public let runs: [RunRecord]
    /// Beside the tour, in a narrow area: the note on how to read the table is left out (the
    /// comparison of categories and learned factors stays).
    public let brief: Bool

    public init(runs: [RunRecord], brief: Bool = false) { self.runs = runs; self.brief = brief }

    /// Where the table goes in `area`: full width up to 96 columns, as tall as its rows, at the bottom.
    func frame(in area: Rect) -> (box: Rect, note: [String]) {
        let width = min(area.width, 96)
        // The categories against learned factors first, when both have trained: the app's first question answered.
        let verdict = CategoriesVersusLearned(runs).map { Canvas.wrap($0.sentence, width: width - 4) } ?? []
        let note = verdict + (brief ? [] : Canvas.wrap(noteText, width: width - 4))
        let height = min(area.height, max(runs.count, 1) + 4 + note.count)
        return (Rect(x: area.x + (area.width - width) / 2, y: area.maxY - height, width: width, height: height), note)
    }

    /// The table's columns, as many as the width holds: both training figures when there is
    /// room, the final one otherwise; in a narrow box (beside the tour) no training loss or time.
    enum Column: CaseIterable { case number, label, epochs, train, valid, bestAt, ranking, time }

    static func columns(width: Int) -> (kinds: [Column], titles: [String], widths: [Int], bothTrain: Bool) {
        let bothTrain = width >= 90
        let narrow = width < 64
        let kinds: [Column] = narrow ? [.number, .label, .epochs, .valid, .bestAt] : Column.allCases.filter {
            // Below 90 columns the ranking figures take the time's place.
            ($0 != .ranking || width >= 64) && ($0 != .time || width >= 90)
        }
        func fixed(_ c: Column) -> Int {
            switch c {
            case .number: return 3
            case .label: return 0
            case .epochs: return 7
            case .train: return bothTrain ? 17 : 8
            case .valid: return 18
            case .bestAt: return 10
            case .ranking: return 12
            case .time: return 7
            }
        }
        func title(_ c: Column) -> String {
            switch c {
            case .number: return "#"
            case .label: return "what changed"
            case .epochs: return "epochs"
            case .train: return bothTrain ? "train best/final" : "train"
            case .valid: return "valid best/final"
            case .bestAt: return "best at"
            case .ranking: return "p@10/ndcg"
            case .time: return "time"
            }
        }
        let rest = kinds.map(fixed).reduce(0, +)
        let widths = kinds.map { $0 == .label ? max(8, width - rest) : fixed($0) }
        return (kinds, kinds.map(title), widths, bothTrain)
    }

    public func render(into canvas: inout Canvas, in area: Rect) {
        let (box, noteLines) = frame(in: area)
        guard box.width > 40, box.height > 4 else { return }
        canvas.fill(box)
        let title = box.width >= 60 ? "Runs · one row per change of settings · e closes" : "Runs · e closes"
        canvas.box(box, title: title, style: Theme.border, titleStyle: Theme.title)
        let inner = box.inner.inset(dx: 1, dy: 0)
        let (kinds, titles, widths, bothTrain) = Self.columns(width: inner.width)
        let validColumn = kinds.firstIndex(of: .valid)
        func row(_ cells: [String], _ y: Int, _ style: Style, highlight: Int? = nil, highlightStyle: Style = .plain) {
            var x = inner.x
            for (i, cell) in cells.enumerated() where i < widths.count {
                let text = kinds[i] == .label ? cell.fitted(widths[i] - 1) : (kinds[i] == .number ? cell : cell.leftPadded(widths[i] - 1))
                canvas.text(x, y, text, i == highlight ? highlightStyle : style, width: widths[i] - 1)
                x += widths[i]
            }
        }
        row(titles, inner.y, Theme.label)
        let shown = runs.suffix(max(1, inner.height - 1 - noteLines.count))
        if runs.isEmpty {
            canvas.text(inner.x, inner.y + 1, "No training yet: space or S trains, and each change of settings starts a new row.", Theme.label, width: inner.width)
        }
        for (i, run) in shown.enumerated() {
            let number = runs.count - shown.count + i + 1
            let current = number == runs.count
            let overshot = run.overshot
            let cells = kinds.map { kind -> String in
                switch kind {
                case .number: return String(number)
                case .label: return run.label
                case .epochs: return String(format: "%.1f", run.epochs)
                case .train: return bothTrain ? Self.pair(run.trainBest, run.trainFinal) : (run.trainFinal.map { String(format: "%.4f", $0) } ?? "–")
                case .valid: return Self.pair(run.validBest, run.validFinal) + (overshot ? "↑" : " ")
                case .bestAt: return run.bestEpoch.map { "epoch \($0)" } ?? "–"
                case .ranking:
                    guard let p = run.precisionAtK, let n = run.ndcgAtK else { return "–" }
                    return String(format: "%.3f/%.3f", p, n)
                case .time: return Self.time(run.seconds)
                }
            }
            row(cells, inner.y + 1 + i, current ? Theme.header : .plain, highlight: validColumn,
                highlightStyle: overshot ? Theme.warn : (current ? Theme.header : .plain))
        }
        let verdictLines = noteLines.count - (brief ? 0 : Canvas.wrap(noteText, width: box.width - 4).count)
        for (i, line) in noteLines.enumerated() {
            canvas.text(inner.x, box.maxY - 1 - noteLines.count + i, line, i < verdictLines ? Theme.good : Theme.label, width: inner.width)
        }
    }

    /// The note, with a word on sampled runs when there are any.
    var noteText: String {
        runs.contains { $0.hyper.sampled } ? Self.note + " bayes: sweeps for epochs, the validation of the running average (the chart has each sample's too)." : Self.note
    }

    static let note = "Losses are MSE; best/final validation at epoch ends. ↑: validation ended above its best (it went past its best epoch). "
        + "p@10/ndcg: precision and NDCG of each held-out user's top 10 (their held-out ratings of 4 and up are the hits) at the last epoch end."

    static func pair(_ best: Float?, _ final: Float?) -> String {
        guard let best, let final else { return "–" }
        return String(format: "%.4f/%.4f", best, final)
    }

    static func time(_ seconds: Double) -> String {
        if seconds < 60 { return String(format: "%.1fs", seconds) }
        let s = Int(seconds.rounded())
        return s < 3600 ? String(format: "%d:%02d", s / 60, s % 60) : String(format: "%dh%02d", s / 3600, (s / 60) % 60)
    }
}
