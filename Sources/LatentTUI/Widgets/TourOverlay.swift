/// The guided tour (`t`): from random parameters to a trained model, one screen at a time,
/// each saying which key to press. It docks in a band below the grid (`Layout.tour`), so the
/// panels its pages point to stay in sight; the explorer keeps working; a page that asks for a
/// key pauses training, so flat-out training never runs ahead of the text.
public enum Tour {
    public struct Page: Sendable {
        public var title: String
        /// The page's text, wrapped to the box when drawn.
        public var text: String
        /// Whether the page asks for a key (opening it pauses training).
        public var asksForKey: Bool
        /// The speed the page sets when it opens (the ladder's first rung), if any.
        public var speed: Speed? = nil
        /// What the page points to: these stay in sight while it is open (`Layout.tour`).
        public var targets: [Target] = []
    }

    /// The panels a page talks about.
    public enum Target: Sendable, Equatable { case grid, lossChart, stepPanel, runsTable, mainView }

    public static let pages: [Page] = [
        Page(title: "The loop every recommender runs", text: """
            The grid: users × movies. Bold numbers are ratings people gave; dim numbers with a dot are what the model \
            predicts. Training repeats: 1 initialize the parameters at random, 2 predict, 3 measure the loss, then step \
            them a little. Press i to start from fresh random parameters.
            """, asksForKey: true, targets: [.grid, .stepPanel]),
        Page(title: "1 · Initialize", text: """
            Every user and every movie gets a row of random numbers (its factors, drawn from N(0, 0.01)) and a bias. The \
            step panel shows the selected cell's two rows as strips. Every prediction is about 2.75: the middle of \
            0–5.5. Press s to take one step.
            """, asksForKey: true, targets: [.grid, .stepPanel]),
        Page(title: "2 · Predict  3 · Loss  and step", text: """
            Predict: look up row u of U (the same as multiplying a one-hot vector by U; the panel checks it), dot it \
            with row m of M, add two biases, squash into 0–5.5 with a sigmoid. Loss: the mean squared error over a \
            batch of 64 ratings. Step: move every parameter a little against its gradient. Press x for a step on a \
            batch that holds the selected cell's rating and watch "before → after" move toward it.
            """, asksForKey: true, targets: [.stepPanel]),
        Page(title: "Hundreds of steps", text: """
            Training is set to 10 steps a second. Press space to run, then > to go faster (100, 1,000, 10,000 a \
            second, then flat out). The loss curve falls and the dim predictions in the grid change as the factors \
            learn who likes what. Space pauses.
            """, asksForKey: true, speed: .ten, targets: [.grid, .lossChart]),
        Page(title: "An epoch", text: """
            Press S to train to the end of the epoch: every training rating seen once, in a random order. The dashed \
            magenta curve is the validation loss, on ratings the model never trains on: the honest score.
            """, asksForKey: true, targets: [.lossChart]),
        Page(title: "Why weight decay matters", text: """
            Press w (weight decay off; the model restarts), then S five times: training loss keeps falling, \
            validation turns up: the model memorises (overfits). w again and S five times: decay keeps the factors \
            small and validation falling. The last run stays on the chart, dotted. e opens the runs table: one row \
            per setting, its best validation loss and epoch.
            """, asksForKey: true, targets: [.lossChart, .runsTable]),
        Page(title: "What the model learned", text: """
            Press v: the movie map lays the movies out on the two directions their factors vary most; movies that \
            sit together were liked by the same people. v again: a movie's nearest neighbours, then the biases (loved \
            or hated whatever the taste). Rate a few movies and watch you (★) move on the map. Can categories do as \
            well? p until the genres preset fixes each movie's factors to its genres: train it, then compare its \
            validation loss with learned factors.
            """, asksForKey: true, targets: [.mainView, .lossChart]),
        Page(title: "That is the whole loop", text: """
            Try f (factors), + and - (learning rate), b (biases) and p (the other preset). Rate movies yourself with \
            / and 1–5. ? lists every key. t closes the tour.
            """, asksForKey: false),
    ]

    /// The band the tour docks in, for a left column this wide: as tall as the page needs (the
    /// grid above gives back what a short page does not use).
    static func bandHeight(page: Int, width: Int) -> Int {
        guard page >= 0 && page < pages.count else { return 0 }
        return Canvas.wrap(pages[page].text, width: max(10, width - 4)).count + 4
    }

    /// The box for a page: the whole band, its text wrapped to it.
    static func box(page: Page, in area: Rect) -> (box: Rect, lines: [String]) {
        (area, Canvas.wrap(page.text, width: max(10, area.width - 4)))
    }

    public static func render(page index: Int, into canvas: inout Canvas, in area: Rect) {
        guard index >= 0 && index < pages.count else { return }
        let page = pages[index]
        let (box, lines) = box(page: page, in: area)
        guard box.width > 20, box.height > 3 else { return }
        canvas.fill(box)
        canvas.box(box, title: "Tour \(index + 1)/\(pages.count) · \(page.title)", style: Theme.message, titleStyle: Theme.message)
        for (i, line) in lines.prefix(box.height - 3).enumerated() {
            canvas.text(box.x + 2, box.y + 1 + i, line, .plain, width: box.width - 4)
        }
        let nav = index + 1 < pages.count ? "enter next · backspace back · t close" : "backspace back · t close"
        canvas.text(box.x + 2, box.maxY - 2, nav, Theme.label, width: box.width - 4)
    }
}
