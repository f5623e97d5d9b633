/// Every key, over the screen (`?`).
public struct HelpOverlay {
    public static let lines: [(String, String)] = [
        ("space", "run or pause training"),
        ("s", "one step: exactly one mini-batch"),
        ("S  n", "train to the end of the epoch"),
        ("r  R", "reset to random parameters (R: with a new seed)"),
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
        ("?  F1", "this help"),
        ("q  ctrl-c", "quit"),
    ]

    public static func render(into canvas: inout Canvas, in area: Rect) {
        let width = min(area.width - 4, 64), height = min(area.height - 2, lines.count + 4)
        guard width > 20, height > 4 else { return }
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        canvas.fill(box)
        canvas.box(box, title: "Keys", style: Theme.border, titleStyle: Theme.title)
        for (i, (key, what)) in lines.prefix(height - 4).enumerated() {
            canvas.text(box.x + 2, box.y + 1 + i, key, Theme.key, width: 16)
            canvas.text(box.x + 18, box.y + 1 + i, what, .plain, width: width - 20)
        }
        canvas.text(box.x + 2, box.maxY - 2, "any key closes this", Theme.label, width: width - 4)
    }
}
