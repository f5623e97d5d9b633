/// The guided tour (`t`): from random parameters to a trained model, one screen at a time,
/// each saying which key to press. The explorer keeps working underneath; a page that asks
/// for a key pauses training, so flat-out training never runs ahead of the text.
public enum Tour {
    public struct Page: Sendable {
        public var title: String
        /// The page's text, wrapped to the box when drawn.
        public var text: String
        /// Whether the page asks for a key (opening it pauses training).
        public var asksForKey: Bool
    }

    public static let pages: [Page] = [
        Page(title: "The loop every recommender runs", text: """
            The grid: users × movies. Bold numbers are ratings people gave; dim numbers with a dot are what the model \
            predicts. Training repeats: 1 initialize the parameters at random, 2 predict, 3 measure the loss, then step \
            them a little. Press i to start from fresh random parameters.
            """, asksForKey: true),
        Page(title: "1 · Initialize", text: """
            Every user and every movie gets a row of random numbers (its factors, drawn from N(0, 0.01)) and a bias. The \
            step panel shows the selected cell's two rows as strips. Every prediction is about 2.75: the middle of \
            0–5.5. Press s to take one step.
            """, asksForKey: true),
        Page(title: "2 · Predict  3 · Loss  and step", text: """
            Predict: look up row u of U (the same as multiplying a one-hot vector by U; the panel checks it), dot it \
            with row m of M, add two biases, squash into 0–5.5 with a sigmoid. Loss: the mean squared error over a \
            batch of 64 ratings. Step: move every parameter a little against its gradient. Press x for a step on a \
            batch that holds the selected cell's rating and watch "before → after" move toward it.
            """, asksForKey: true),
        Page(title: "Hundreds of steps", text: """
            Press > to go faster (10, 100, 1,000 steps a second, then flat out) and space to run. The loss curve falls \
            and the dim predictions in the grid change as the factors learn who likes what. Space pauses.
            """, asksForKey: true),
        Page(title: "An epoch", text: """
            Press S to train to the end of the epoch: every training rating seen once, in a random order. The dashed \
            magenta curve is the validation loss, on ratings the model never trains on: the honest score.
            """, asksForKey: true),
        Page(title: "Why weight decay matters", text: """
            Press w to turn weight decay off (the model restarts), then S five times. The training loss keeps falling \
            but the validation loss turns up: the model memorises (overfits). Press w again and S five times: decay \
            keeps the factors small and validation keeps falling. The last run's curve stays on the chart, dotted. \
            Press e for the runs table: one row per setting, with the best validation loss and its epoch.
            """, asksForKey: true),
        Page(title: "What the model learned", text: """
            Press v: the movie map lays the movies out on the two directions their factors vary most; movies that \
            sit together were liked by the same people. v again: a movie's nearest neighbours, then the biases (loved \
            or hated whatever the taste). Rate a few movies and watch you (★) move on the map. Can categories do as \
            well? p until the genres preset fixes each movie's factors to its genres: train it, then compare its \
            validation loss with learned factors.
            """, asksForKey: true),
        Page(title: "That is the whole loop", text: """
            Try f (factors), + and - (learning rate), b (biases) and p (the other preset). Rate movies yourself with \
            / and 1–5. ? lists every key. t closes the tour.
            """, asksForKey: false),
    ]

    /// The box for a page inside `area`: as tall as its wrapped text needs.
    static func box(page: Page, in area: Rect) -> (box: Rect, lines: [String]) {
        let width = min(area.width - 2, 64)
        let lines = Canvas.wrap(page.text, width: max(10, width - 4))
        let height = min(area.height, lines.count + 4)
        return (Rect(x: area.x + max(0, (area.width - width) / 2), y: area.maxY - height, width: width, height: height), lines)
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
