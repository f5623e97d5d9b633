/// Every key of the explorer's browsing screen, in one table per context (lazygit's contexts):
/// what it does in that view, and how the help names and explains it. `Keymap` answers a key
/// from this table, and the help (`?`) is the table in order, so what is listed is what works.
/// (The overlays that take every key, the alert, the help itself, finding a movie and the tour's
/// enter and backspace, are answered by `Keymap` before the table.)
public struct KeyBinding: Sendable {
    /// Where a binding works: every view, or one view's own keys (tried first there).
    public enum Context: Sendable, Equatable {
        case everyView, grid, map, neighbours, mapAndNeighbours

        func includes(_ view: MainView) -> Bool {
            switch self {
            case .everyView: return true
            case .grid: return view == .grid
            case .map: return view == .map
            case .neighbours: return view == .neighbours
            case .mapAndNeighbours: return view == .map || view == .neighbours
            }
        }
    }

    public let context: Context
    /// How the help names the keys ("S  n", "map: z Z").
    public let label: String
    public let help: String
    /// The keys, each with its action.
    public let keys: [(Key, Action)]

    init(in context: Context = .everyView, _ label: String, _ help: String, _ keys: [(Key, Action)]) {
        self.context = context; self.label = label; self.help = help; self.keys = keys
    }

    /// A binding whose keys all do the same.
    init(in context: Context = .everyView, _ label: String, _ help: String, keys: [Key], _ action: Action) {
        self.init(in: context, label, help, keys.map { ($0, action) })
    }
}

public enum KeyTable {
    /// The table in the help's order.
    public static let bindings: [KeyBinding] = training + settings + viewsAndPace + pagingAndFinding + yoursAndScreen

    static let training: [KeyBinding] = [
        KeyBinding("space", "run or pause training", keys: [.char(" ")], .train(.toggleRun)),
        KeyBinding("s", "one step: exactly one mini-batch", keys: [.char("s")], .train(.step)),
        KeyBinding("x", "one step on a mini-batch that contains the selected cell's rating: watch it move", keys: [.char("x")], .train(.stepCell)),
        KeyBinding("S  n", "train to the end of the epoch", keys: [.char("S"), .char("n")], .train(.stepEpoch)),
        KeyBinding("i  r  R", "step 1 only: fresh random parameters with the same seed (R: a new seed)",
                   [(.char("i"), .reset(newSeed: false)), (.char("r"), .reset(newSeed: false)), (.char("R"), .reset(newSeed: true))]),
    ]

    static let settings: [KeyBinding] = [
        KeyBinding("+  -", "learning rate ×2 / ÷2 (the model starts again)",
                   [(.char("+"), .change(.learningRate(up: true))), (.char("="), .change(.learningRate(up: true))),
                    (.char("-"), .change(.learningRate(up: false))), (.char("_"), .change(.learningRate(up: false)))]),
        KeyBinding("w", "weight decay off / on; als: the unobserved weight w₀ 0 / 0.1 (starts again)", keys: [.char("w")], .change(.weightDecay)),
        KeyBinding("b", "biases off / on (starts again)", keys: [.char("b")], .change(.bias)),
        KeyBinding("f", "number of factors: 5, 10, 20, 50, 100, 200 (starts again)", keys: [.char("f")], .change(.factors)),
        KeyBinding("p", "the next preset: fastai, funk-svd, genres (categories as fixed factors), bayes (Gibbs sampling), als (alternating least squares), nn (the book's neural network) (starts again)", keys: [.char("p")], .change(.preset)),
        KeyBinding("I", "bayes: implicit feedback on / off, which movies each user chose to rate (starts again)", keys: [.char("I")], .change(.implicit)),
        KeyBinding("O", "the one-hot product written out, row by row: why an embedding is a lookup", keys: [.char("O")], .toggleProduct),
        KeyBinding("e", "the runs table: one row per change of settings, with the best and final losses", keys: [.char("e")], .toggleRuns),
        KeyBinding("v", "the main view: cross-tab, movie map, neighbours, biases", keys: [.char("v")], .cycleView),
    ]

    static let viewsAndPace: [KeyBinding] = [
        KeyBinding(in: .map, "map: ←↑↓→ hjkl", "the cursor to the nearest movie that way; enter selects it, 1–5 rates it",
                   [(.up, .mapMove(dx: 0, dy: 1)), (.char("k"), .mapMove(dx: 0, dy: 1)), (.down, .mapMove(dx: 0, dy: -1)), (.char("j"), .mapMove(dx: 0, dy: -1)),
                    (.left, .mapMove(dx: -1, dy: 0)), (.char("h"), .mapMove(dx: -1, dy: 0)), (.right, .mapMove(dx: 1, dy: 0)), (.char("l"), .mapMove(dx: 1, dy: 0)),
                    (.enter, .mapSelect)]),
        KeyBinding(in: .map, "map: z Z", "zoom in on the cursor / out", [(.char("z"), .mapZoom(in: true)), (.char("Z"), .mapZoom(in: false))]),
        KeyBinding(in: .map, "map: [ ] PgUp PgDn", "pan (shift-←→ too)",
                   [(.shiftLeft, .mapPan(dx: -1, dy: 0)), (.char("["), .mapPan(dx: -1, dy: 0)), (.shiftRight, .mapPan(dx: 1, dy: 0)), (.char("]"), .mapPan(dx: 1, dy: 0)),
                    (.pageUp, .mapPan(dx: 0, dy: 1)), (.pageDown, .mapPan(dx: 0, dy: -1))]),
        KeyBinding(in: .map, "map: a", "the components shown: 1–2, 1–3, 2–3", keys: [.char("a")], .cycleAxes),
        KeyBinding(in: .neighbours, "neighbours: ↑↓", "highlight a neighbour; enter selects it",
                   [(.up, .neighbourMove(-1)), (.char("k"), .neighbourMove(-1)), (.down, .neighbourMove(1)), (.char("j"), .neighbourMove(1)),
                    (.enter, .neighbourSelect)]),
        KeyBinding(in: .mapAndNeighbours, "d", "neighbours by cosine or by Euclidean distance", keys: [.char("d")], .toggleMetric),
        KeyBinding(in: .neighbours, "neighbours: a A", "embedding arithmetic: add the selected movie to the query (a) or take it away (A), again to drop it; the list is then nearest the selected movie + the added − the taken",
                   [(.char("a"), .pinMovie(plus: true)), (.char("A"), .pinMovie(plus: false))]),
        KeyBinding("t", "guided tour: enter next, backspace back, t closes", keys: [.char("t")], .tour(.toggle)),
        KeyBinding("< >", "slower / faster: 1, 10, 100, 1,000, 10,000 steps a second, flat out",
                   [(.char("<"), .slower), (.char(","), .slower), (.char(">"), .faster)]),
        KeyBinding("←↑↓→  hjkl", "move the selected cell",
                   [(.up, .move(rows: -1, columns: 0)), (.char("k"), .move(rows: -1, columns: 0)), (.down, .move(rows: 1, columns: 0)), (.char("j"), .move(rows: 1, columns: 0)),
                    (.left, .move(rows: 0, columns: -1)), (.char("h"), .move(rows: 0, columns: -1)), (.right, .move(rows: 0, columns: 1)), (.char("l"), .move(rows: 0, columns: 1))]),
    ]

    static let pagingAndFinding: [KeyBinding] = [
        KeyBinding("PgUp PgDn", "page through users", [(.pageUp, .pageRows(-1)), (.pageDown, .pageRows(1))]),
        KeyBinding("[ ]  shift-←→", "page through movies",
                   [(.char("["), .pageColumns(-1)), (.shiftLeft, .pageColumns(-1)), (.char("]"), .pageColumns(1)), (.shiftRight, .pageColumns(1))]),
        KeyBinding("Home End", "first / last user", [(.home, .firstRow), (.end, .lastRow)]),
        KeyBinding(in: .grid, "cross-tab: enter", "the selected movie's nearest neighbours (v goes on to the biases)", keys: [.enter], .openMovie),
        KeyBinding("o", "order: activity, id, movies by the selected user's predicted rating", keys: [.char("o")], .cycleOrder),
        KeyBinding("/", "find a movie by title", keys: [.char("/")], .startFind),
        KeyBinding("g", "go to a user id", keys: [.char("g")], .startGotoUser),
        KeyBinding("L", "loss axis: log or linear", keys: [.char("L")], .toggleLogScale),
    ]

    static let yoursAndScreen: [KeyBinding] = [
        // A click's action carries where it was: `Keymap` fills that in.
        KeyBinding("click", "select a grid cell", keys: [.mouse(x: 0, y: 0)], .click(x: 0, y: 0)),
        KeyBinding("1–5", "rate the selected column's movie yourself", (1...5).map { n -> (Key, Action) in (.char(Character(String(n))), .rate(Float(n))) }),
        KeyBinding(".", "half a star more on your last rating (half-star scales)", keys: [.char(".")], .halfStar),
        KeyBinding("0  u", "clear your rating / undo your last change", [(.char("0"), .clearRating), (.char("u"), .undoRating)]),
        KeyBinding("c", "recommend by predicted rating, by closeness to your taste, or (bayes) sure bets: mean − spread", keys: [.char("c")], .toggleScoring),
        KeyBinding("m", "hide rarely rated movies from the recommendations (the least-rated quarter, at least 20 ratings)", keys: [.char("m")], .toggleMinRatings),
        KeyBinding("tab", "other panels (your panels on small screens)", keys: [.tab], .toggleView),
        KeyBinding("W", "save the session now (it is also saved every few epochs and on quit)", keys: [.char("W")], .save),
        KeyBinding("?  F1", "this help", keys: [.char("?"), .function(1)], .toggleHelp),
        KeyBinding("q  Q  ctrl-c", "save the session and quit", keys: [.char("q"), .char("Q"), .interrupt], .quit),
        KeyBinding("esc", "close what is open (the runs table, a search)", keys: [.escape], .cancel),
    ]

    /// What `key` does in `view`: the view's own bindings first, then those of every view.
    static func action(for key: Key, in view: MainView) -> Action? {
        let matches = { (k: Key) -> Bool in
            if case .mouse = key, case .mouse = k { return true }
            return k == key
        }
        for pass in [false, true] {
            for binding in bindings where binding.context.includes(view) && (binding.context == .everyView) == pass {
                if let (_, action) = binding.keys.first(where: { matches($0.0) }) {
                    if case .mouse(let x, let y) = key { return .click(x: x, y: y) }
                    return action
                }
            }
        }
        return nil
    }
}
