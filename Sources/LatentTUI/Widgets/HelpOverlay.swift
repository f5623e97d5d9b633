/// Every key, over the screen (`?`).
public struct HelpOverlay {
    public static let lines: [(String, String)] = [
        ("space", "run or pause training"),
        ("s", "one step: exactly one mini-batch"),
        ("S  n", "train to the end of the epoch"),
        ("i  r  R", "step 1 only: fresh random parameters (R: new seed)"),
        ("+  -", "learning rate ×2 / ÷2 (starts again)"),
        ("w", "weight decay off / on (starts again)"),
        ("b", "biases off / on (starts again)"),
        ("f", "number of factors: 5, 10, 20, 50, 100, 200"),
        ("p", "the other preset: fastai / funk-svd"),
        ("t", "guided tour: enter next, backspace back"),
        ("< >", "slower / faster: 1, 10, 100 steps a second, max"),
        ("←↑↓→  hjkl", "move the selected cell"),
        ("PgUp PgDn", "page through users"),
        ("[ ]  shift-←→", "page through movies"),
        ("Home End", "first / last user"),
        ("o", "order: activity, id, predicted for the user"),
        ("/", "find a movie by title"),
        ("g", "go to a user id"),
        ("L", "loss axis: log or linear"),
        ("click", "select a grid cell"),
        ("1–5", "rate the selected column's movie yourself"),
        (".", "half a star more on your last rating"),
        ("0  u", "clear your rating / undo your last change"),
        ("c", "recommend by predicted rating or by taste"),
        ("m", "hide movies with fewer than 20 ratings"),
        ("tab", "other panels (your panels on small screens)"),
        ("?  F1", "this help"),
        ("q  ctrl-c", "quit"),
    ]

    public static func render(into canvas: inout Canvas, in area: Rect) {
        // One column when it fits, two on short screens, so every key is always listed.
        let rowsAvailable = area.height - 6
        let columns = lines.count <= rowsAvailable ? 1 : 2
        let perColumn = (lines.count + columns - 1) / columns
        let columnWidth = columns == 1 ? min(area.width - 4, 64) : (area.width - 4) / 2
        let width = columns * columnWidth, height = min(area.height - 2, perColumn + 4)
        guard columnWidth > 20, height > 4 else { return }
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        canvas.fill(box)
        canvas.box(box, title: "Keys", style: Theme.border, titleStyle: Theme.title)
        let keyWidth = columns == 1 ? 16 : 12
        for (i, (key, what)) in lines.enumerated() {
            let column = i / perColumn, row = i % perColumn
            guard row < height - 4 else { continue }
            let x = box.x + 2 + column * columnWidth
            canvas.text(x, box.y + 1 + row, key, Theme.key, width: keyWidth)
            canvas.text(x + keyWidth, box.y + 1 + row, what, .plain, width: columnWidth - keyWidth - 3)
        }
        canvas.text(box.x + 2, box.maxY - 2, "any key closes this", Theme.label, width: width - 4)
    }
}
