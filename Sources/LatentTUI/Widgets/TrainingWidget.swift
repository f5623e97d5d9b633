import Foundation
import LatentCore

/// The training panel: where the run stands (step, epoch, schedule) and how it is set up.
public struct TrainingWidget {
    public let snapshot: TrainingSnapshot?

    public init(snapshot: TrainingSnapshot?) { self.snapshot = snapshot }

    public func render(into canvas: inout Canvas, _ rect: Rect) {
        guard let s = snapshot else {
            canvas.box(rect, title: "Training", style: Theme.border, titleStyle: Theme.title)
            return
        }
        let epochText = s.epochText
        canvas.box(rect, title: "Step \(s.step.grouped) · \(epochText)", style: Theme.border, titleStyle: Theme.title)
        let inner = rect.inner.inset(dx: 1, dy: 0)
        var y = inner.y
        func line(_ label: String, _ value: String, _ style: Style = .plain) {
            guard y < inner.maxY else { return }
            let used = canvas.text(inner.x, y, label, Theme.label, width: inner.width)
            canvas.text(inner.x + used, y, value, style, width: inner.width - used)
            y += 1
        }
        let barWidth = max(4, inner.width - 14)
        let filled = Int(s.epochFraction * Double(barWidth))
        line("epoch  ", String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled) + String(format: " %3.0f%%", s.epochFraction * 100), Theme.train)
        line("state  ", s.running ? "▶ running" : "⏸ paused", s.running ? Theme.good : Theme.warn)
        line("speed  ", "\(s.speed.label)" + (s.running && s.stepsPerSecond > 0 ? String(format: " (%.0f steps/s)", s.stepsPerSecond) : ""))
        line("lr     ", String(format: "%.2e", s.learningRate) + " (\(s.hyper.schedule.rawValue))")
        line("batch  ", s.lastBatchLoss.map { String(format: "loss %.4f", $0) } ?? "–")
        if let v = s.lastValid {
            line("valid  ", String(format: "mse %.4f  rmse %.4f", v.mse, v.rmse))
        }
        y += 1
        let h = s.hyper
        line("preset ", "\(h.preset): \(h.factors) factors, \(h.optimizer.rawValue)")
        line("       ", "wd \(h.weightDecay), batch \(h.batchSize), seed \(h.seed)")
        line("       ", "\(s.stepsPerEpoch.grouped) steps an epoch")
        if let m = s.markers.last { line("last   ", m.label, Theme.marker) }
    }
}

extension Int {
    var grouped: String {
        let digits = String(abs(self))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return self < 0 ? "-" + out : out
    }
}
