/// Every key, over the screen (`?`). Each explanation wraps to the box; when the list is
/// longer than the screen it scrolls (↑↓, PgUp PgDn) instead of being cut.
public struct HelpOverlay {
    /// The key table in its order: each binding's keys and what they do.
    public static var lines: [(String, String)] { KeyTable.bindings.map { ($0.label, $0.help) } }

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
