/// Every key, over the screen (`?`). Each explanation wraps to the box; when the list is
/// longer than the screen it scrolls (↑↓, PgUp PgDn) instead of being cut.
public struct HelpOverlay {
    public static let lines: [(String, String)] = [
        ("space", "run or pause training"),
        ("s", "one step: exactly one mini-batch"),
        ("x", "one step on a mini-batch that contains the selected cell's rating: watch it move"),
        ("S  n", "train to the end of the epoch"),
        ("i  r  R", "step 1 only: fresh random parameters with the same seed (R: a new seed)"),
        ("+  -", "learning rate ×2 / ÷2 (the model starts again)"),
        ("w", "weight decay off / on (starts again)"),
        ("b", "biases off / on (starts again)"),
        ("f", "number of factors: 5, 10, 20, 50, 100, 200 (starts again)"),
        ("p", "the next preset: fastai, funk-svd, genres (categories as fixed factors) (starts again)"),
        ("e", "the runs table: one row per change of settings, with the best and final losses"),
        ("v", "the main view: cross-tab, movie map, neighbours, biases"),
        ("map: ←↑↓→ hjkl", "the cursor to the nearest movie that way; enter selects it, 1–5 rates it"),
        ("map: z Z", "zoom in on the cursor / out"),
        ("map: [ ] PgUp PgDn", "pan (shift-←→ too)"),
        ("map: a", "the components shown: 1–2, 1–3, 2–3"),
        ("neighbours: ↑↓", "highlight a neighbour; enter selects it"),
        ("d", "neighbours by cosine or by Euclidean distance"),
        ("t", "guided tour: enter next, backspace back, t closes"),
        ("< >", "slower / faster: 1, 10, 100, 1,000, 10,000 steps a second, flat out"),
        ("←↑↓→  hjkl", "move the selected cell"),
        ("PgUp PgDn", "page through users"),
        ("[ ]  shift-←→", "page through movies"),
        ("Home End", "first / last user"),
        ("o", "order: activity, id, movies by the selected user's predicted rating"),
        ("/", "find a movie by title"),
        ("g", "go to a user id"),
        ("L", "loss axis: log or linear"),
        ("click", "select a grid cell"),
        ("1–5", "rate the selected column's movie yourself"),
        (".", "half a star more on your last rating (half-star scales)"),
        ("0  u", "clear your rating / undo your last change"),
        ("c", "recommend by predicted rating or by closeness to your taste"),
        ("m", "hide movies with fewer than 20 ratings from the recommendations"),
        ("tab", "other panels (your panels on small screens)"),
        ("W", "save the session now (it is also saved every few epochs and on quit)"),
        ("?  F1", "this help"),
        ("q  ctrl-c", "save the session and quit"),
    ]

    static let keyWidth = 20

    /// The help as lines of (key, text): each explanation wrapped to `width` columns.
    static func layout(width: Int) -> [(key: String, text: String)] {
        var out: [(String, String)] = []
        for (key, what) in lines {
            for (i, part) in Canvas.wrap(what, width: max(10, width - keyWidth)).enumerated() {
                out.append((i == 0 ? key : "", part))
            }
        }
        return out
    }

    /// The help's box in `area` and its content lines.
    static func frame(in area: Rect) -> (box: Rect, content: [(key: String, text: String)]) {
        let width = min(area.width - 4, 76)
        let content = layout(width: width - 4)
        let height = min(area.height - 2, content.count + 4)
        return (Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height), content)
    }

    /// How far the help can scroll on a screen of this size.
    public static func maxScroll(in area: Rect) -> Int {
        let (box, content) = frame(in: area)
        return max(0, content.count - (box.height - 4))
    }

    public static func render(into canvas: inout Canvas, in area: Rect, scroll: Int = 0) {
        let (box, content) = frame(in: area)
        guard box.width > 24, box.height > 4 else { return }
        canvas.fill(box)
        canvas.box(box, title: "Keys", style: Theme.border, titleStyle: Theme.title)
        let rows = box.height - 4
        let first = max(0, min(scroll, content.count - rows))
        for (i, entry) in content.dropFirst(first).prefix(rows).enumerated() {
            canvas.text(box.x + 2, box.y + 1 + i, entry.key, Theme.key, width: keyWidth - 1)
            canvas.text(box.x + 2 + keyWidth, box.y + 1 + i, entry.text, .plain, width: box.width - 4 - keyWidth)
        }
        let more = content.count > rows
        let footer = more ? "↑↓ PgUp PgDn scroll (\(first + 1)–\(min(content.count, first + rows)) of \(content.count)) · other keys close"
                          : "any key closes this"
        canvas.text(box.x + 2, box.maxY - 2, footer, Theme.label, width: box.width - 4)
    }
}
