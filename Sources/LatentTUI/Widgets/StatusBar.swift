import LatentCore

/// The two lines at the bottom: where things stand, then the keys (or the prompt being
/// typed). A message longer than the first line's room takes the second line too, wrapped
/// at spaces, so it is never cut; the keys come back with the next key press.
public struct StatusBar {
    public let state: AppState
    public let context: AppContext

    public init(state: AppState, context: AppContext) { self.state = state; self.context = context }

    public static let keys: [(String, String)] = [
        ("space", "run/pause"), ("s", "step"), ("S", "epoch"), ("i", "init"), ("t", "tour"), ("←↑↓→", "move"), ("PgUp/PgDn [ ]", "page"),
        ("/", "find"), ("1-5", "rate"), ("v", "view"), ("u", "undo"), ("e", "runs"), ("tab", "panels"), ("g", "user"), ("o", "order"), ("L", "log"),
        ("< >", "speed"), ("W", "save"),
    ]
    /// The keys of a model opened without its ratings (nothing trains).
    public static let factorsOnlyKeys: [(String, String)] = [
        ("v", "view"), ("←↑↓→", "move"), ("/", "find"), ("1-5", "rate"), ("u", "undo"), ("enter", "select"), ("z", "zoom"),
        ("tab", "panels"), ("g", "user"), ("o", "order"), ("c", "scoring"),
    ]
    /// Always shown at the end of the keys line, whatever the width.
    static let closingKeys: [(String, String)] = [("?", "help"), ("q", "quit")]

    public func render(into canvas: inout Canvas, _ rect: Rect) {
        guard rect.height >= 1 else { return }
        canvas.fill(rect)
        // The preset and counters in force (`p` switches the preset), not the ones the explorer started with.
        // The figures that change (epoch, step, running) always fit; the rest gives way first.
        var figures: [String] = []
        if let s = state.snapshot {
            figures = context.capabilities.trains ? [s.epochText, "step \(s.step.grouped)", s.runningText] : ["factors only"]
        }
        let name = context.datasetName + (context.dataset.planted != nil ? " (synthetic)" : "")
        // A model trained elsewhere has no preset of LatentLab's: none is named.
        let preset = context.capabilities.trains ? [state.snapshot?.hyper.preset ?? context.preset] : []
        let candidates: [[String]] = [
            [name] + preset + (state.view != .grid ? [state.view.rawValue] : []) + figures,
            [name] + preset + figures,
            [context.datasetName] + preset + figures,
            figures,
        ]
        let parts = candidates.first { Canvas.displayWidth(" " + $0.joined(separator: " · ")) <= rect.width - 1 } ?? figures
        let head = " " + parts.joined(separator: " · ") + "  "
        let message = state.status ?? state.snapshot?.message?.text
        let typing = state.mode != .browse
        var keysLine = rect.height >= 2 && !typing
        canvas.text(rect.x, rect.y, head, Theme.header, width: rect.width)
        if let message {
            let headWidth = min(rect.width, Canvas.displayWidth(head))
            let oneLine = Canvas.wrap(message, width: max(1, rect.width - headWidth - 1))
            if oneLine.count == 1 {
                canvas.text(rect.x + headWidth, rect.y, message, Theme.message, width: rect.maxX - rect.x - headWidth)
            } else if rect.height >= 2 && !typing {
                // Too long beside the figures: the message takes both lines (the figures are in the panels' titles too).
                let lines = Canvas.wrap(message, width: rect.width - 2)
                if lines.count <= 1 {
                    canvas.text(rect.x + 1, rect.y + 1, message, Theme.message, width: rect.width - 1)
                } else {
                    canvas.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1))
                    for (i, line) in lines.prefix(2).enumerated() {
                        canvas.text(rect.x + 1, rect.y + i, line, Theme.message, width: rect.width - 1)
                    }
                }
                keysLine = false
            } else if Canvas.displayWidth(message) <= rect.width - 2 {
                // Typing: the prompt has the second line; the message takes the first whole.
                canvas.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1))
                canvas.text(rect.x + 1, rect.y, message, Theme.message, width: rect.width - 1)
            }
            // (Longer than a line while typing: it waits for the prompt to close rather than be cut.)
        }
        guard rect.height >= 2 else { return }
        let y = rect.y + 1
        switch state.mode {
        case .findMovie(let q, _):
            canvas.text(rect.x, y, " find movie: \(q)▏  (↑↓ choose, enter go, esc cancel)", Theme.message, width: rect.width)
        case .gotoUser(let t):
            canvas.text(rect.x, y, " go to user id: \(t)▏  (enter go, esc cancel)", Theme.message, width: rect.width)
        case .browse:
            guard keysLine else { return }
            // Whole entries only, and the help and quit keys always at the end.
            let closing = Self.closingKeys.reduce(0) { $0 + Canvas.displayWidth($1.0) + Canvas.displayWidth($1.1) + 3 }
            var kx = rect.x + 1
            for (key, what) in context.capabilities.trains ? Self.keys : Self.factorsOnlyKeys {
                let w = Canvas.displayWidth(key) + Canvas.displayWidth(what) + 3
                guard kx + w + closing <= rect.maxX else { break }
                kx += canvas.text(kx, y, key, Theme.key)
                kx += canvas.text(kx, y, " " + what + "  ", Theme.label)
            }
            for (key, what) in Self.closingKeys {
                kx += canvas.text(kx, y, key, Theme.key, width: rect.maxX - kx)
                kx += canvas.text(kx, y, " " + what + "  ", Theme.label, width: rect.maxX - kx)
            }
        }
    }
}
