/// An alert in the middle of the screen, its text wrapped to fit, until a key is pressed.
public struct AlertOverlay {
    public let alert: Alert

    public init(alert: Alert) { self.alert = alert }

    public func render(into canvas: inout Canvas, in area: Rect) {
        let width = min(area.width, 88)
        guard width > 20 else { return }
        let textWidth = width - 4
        var lines: [(String, Style)] = []
        for (i, paragraph) in alert.lines.enumerated() {
            let style = i == alert.lines.count - 1 ? Theme.label : Style.plain
            for line in Canvas.wrap(paragraph, width: textWidth) { lines.append((line, style)) }
        }
        let hint = alert.offer == nil ? "any key closes" : "a: yes · any other key: no"
        let height = min(area.height, lines.count + 4)
        guard height >= 4 else { return }
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + max(0, (area.height - height) / 2), width: width, height: height)
        canvas.fill(box)
        canvas.box(box, title: alert.title, style: Theme.warn, titleStyle: Theme.warn)
        for (i, line) in lines.prefix(max(0, height - 4)).enumerated() {
            canvas.text(box.x + 2, box.y + 1 + i, line.0, line.1, width: textWidth)
        }
        canvas.text(box.x + 2, box.maxY - 2, hint, Theme.key, width: textWidth)
    }
}
