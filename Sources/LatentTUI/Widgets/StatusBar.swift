import LatentCore

/// The two lines at the bottom: where things stand, then the keys (or the prompt being typed).
public struct StatusBar {
    public let state: AppState
    public let context: AppContext

    public init(state: AppState, context: AppContext) { self.state = state; self.context = context }

    public static let keys: [(String, String)] = [
        ("space", "run/pause"), ("s", "step"), ("S", "epoch"), ("i", "init"), ("t", "tour"), ("←↑↓→", "move"), ("PgUp/PgDn [ ]", "page"),
        ("/", "find"), ("1-5", "rate"), ("u", "undo"), ("tab", "panels"), ("g", "user"), ("o", "order"), ("L", "log"),
        ("< >", "speed"), ("?", "help"), ("q", "quit"),
    ]

    public func render(into canvas: inout Canvas, _ rect: Rect) {
        guard rect.height >= 1 else { return }
        // The preset in force (`p` switches it), not the one the explorer started with.
        var parts: [String] = [context.datasetName, state.snapshot?.hyper.preset ?? context.preset]
        if let s = state.snapshot {
            parts.append(s.epochText)
            parts.append("step \(s.step.grouped)")
            parts.append(s.running ? "▶ \(s.speed.label)" : "⏸ paused")
        }
        var x = rect.x
        x += canvas.text(x, rect.y, " " + parts.joined(separator: " · ") + "  ", Theme.header, width: rect.width)
        let message = state.status ?? state.snapshot?.message
        if let message { canvas.text(x, rect.y, message, Theme.message, width: rect.maxX - x) }
        guard rect.height >= 2 else { return }
        let y = rect.y + 1
        switch state.mode {
        case .findMovie(let q, _):
            canvas.text(rect.x, y, " find movie: \(q)▏  (↑↓ choose, enter go, esc cancel)", Theme.message, width: rect.width)
        case .gotoUser(let t):
            canvas.text(rect.x, y, " go to user id: \(t)▏  (enter go, esc cancel)", Theme.message, width: rect.width)
        case .browse:
            var kx = rect.x + 1
            for (key, what) in Self.keys {
                guard kx < rect.maxX - 2 else { break }
                kx += canvas.text(kx, y, key, Theme.key, width: rect.maxX - kx)
                kx += canvas.text(kx, y, " " + what + "  ", Theme.label, width: rect.maxX - kx)
            }
        }
    }
}
