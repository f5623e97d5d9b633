/// The guided tour (`t`): from random parameters to a trained model, one screen at a time,
/// each saying which key to press. The explorer keeps working underneath.
public enum Tour {
    public struct Page: Sendable {
        public var title: String
        public var lines: [String]
    }

    public static let pages: [Page] = [
        Page(title: "The loop every recommender runs", lines: [
            "The grid: users × movies. Bold numbers are ratings people",
            "gave; dim numbers with a dot are what the model predicts.",
            "Training repeats: 1 initialize the parameters at random,",
            "2 predict, 3 measure the loss, then step them a little.",
            "Press i to start from fresh random parameters.",
        ]),
        Page(title: "1 · Initialize", lines: [
            "Every user and every movie gets a row of random numbers",
            "(its factors, drawn from N(0, 0.01)) and a bias. The step",
            "panel shows the selected cell's two rows as strips.",
            "Every prediction is about 2.75: the middle of 0–5.5.",
            "Press s to take one step.",
        ]),
        Page(title: "2 · Predict  3 · Loss  and step", lines: [
            "Predict: look up row u of U (the same as multiplying a",
            "one-hot vector by U; the panel checks it), dot it with row",
            "m of M, add two biases, squash into 0–5.5 with a sigmoid.",
            "Loss: mean squared error over a batch of 64 ratings. Step:",
            "move every parameter a little against its gradient.",
            "Press s a few times and watch 'before → after'.",
        ]),
        Page(title: "Hundreds of steps", lines: [
            "Press > to go faster, then space to run. The loss curve",
            "falls and the dim predictions in the grid change as the",
            "factors learn who likes what. Space pauses.",
        ]),
        Page(title: "An epoch", lines: [
            "Press S to train to the end of the epoch: every training",
            "rating seen once, in a random order. The magenta curve is",
            "the validation loss, on ratings the model never trains on:",
            "the honest score.",
        ]),
        Page(title: "Why weight decay matters", lines: [
            "Press w to turn weight decay off (the model restarts), then",
            "S five times. The training loss keeps falling but the",
            "validation loss turns up: the model memorises (overfits).",
            "Press w again and S five times: decay keeps the factors",
            "small and validation keeps falling. The last run's curve",
            "stays on the chart, dimmed, to compare.",
        ]),
        Page(title: "That is the whole loop", lines: [
            "Try f (factors), + and - (learning rate), b (biases) and",
            "p (the other preset). ? lists every key. t closes the tour.",
        ]),
    ]

    public static func render(page index: Int, into canvas: inout Canvas, in area: Rect) {
        guard index >= 0 && index < pages.count else { return }
        let page = pages[index]
        let width = min(area.width - 2, 64)
        let height = min(area.height, page.lines.count + 4)
        guard width > 20, height > 3 else { return }
        let box = Rect(x: area.x + max(0, (area.width - width) / 2), y: area.maxY - height, width: width, height: height)
        canvas.fill(box)
        canvas.box(box, title: "Tour \(index + 1)/\(pages.count) · \(page.title)", style: Theme.message, titleStyle: Theme.message)
        for (i, line) in page.lines.prefix(height - 3).enumerated() {
            canvas.text(box.x + 2, box.y + 1 + i, line, .plain, width: width - 4)
        }
        let nav = index + 1 < pages.count ? "enter next · backspace back · t close" : "backspace back · t close"
        canvas.text(box.x + 2, box.maxY - 2, nav, Theme.label, width: width - 4)
    }
}
