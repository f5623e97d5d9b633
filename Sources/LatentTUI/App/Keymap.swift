/// Turns key presses into actions; what a key means depends on the input mode and the overlay open.
public enum Keymap {
    public static func action(for key: Key, in state: AppState) -> Action? {
        if case .resize(let w, let h) = key { return .resize(width: w, height: h) }
        if key == .interrupt { return .quit }
        if let alert = state.alert {
            if alert.offer != nil && key == .char("a") { return .acceptAlertOffer }
            return .dismissAlert
        }
        if state.showHelp {
            switch key {
            case .char("q"): return .quit
            case .up, .char("k"): return .scrollHelp(-1)
            case .down, .char("j"): return .scrollHelp(1)
            case .pageUp: return .scrollHelp(-10)
            case .pageDown, .char(" "): return .scrollHelp(10)
            default: return .toggleHelp
            }
        }
        switch state.mode {
        case .findMovie, .gotoUser:
            switch key {
            case .escape: return .cancel
            case .enter: return .accept
            case .backspace: return .backspace
            case .up: return .choose(-1)
            case .down, .tab: return .choose(1)
            case .char(let c): return .type(c)
            default: return nil
            }
        case .browse:
            break
        }
        if state.tourPage != nil {
            switch key {
            case .enter: return .tour(.next)
            case .backspace: return .tour(.back)
            case .escape, .char("t"): return .tour(.toggle)
            default: break
            }
        }
        if state.showRuns, key == .escape || key == .char("e") { return .toggleRuns }
        if let action = viewAction(for: key, in: state.view) { return action }
        switch key {
        case .up, .char("k"): return .move(rows: -1, columns: 0)
        case .down, .char("j"): return .move(rows: 1, columns: 0)
        case .left, .char("h"): return .move(rows: 0, columns: -1)
        case .right, .char("l"): return .move(rows: 0, columns: 1)
        case .pageUp: return .pageRows(-1)
        case .pageDown: return .pageRows(1)
        case .shiftLeft, .char("["): return .pageColumns(-1)
        case .shiftRight, .char("]"): return .pageColumns(1)
        case .home: return .firstRow
        case .end: return .lastRow
        case .char(" "): return .train(.toggleRun)
        case .char("s"): return .train(.step)
        case .char("x"): return .train(.stepCell)
        case .char("S"), .char("n"): return .train(.stepEpoch)
        case .char("r"), .char("i"): return .reset(newSeed: false)
        case .char("R"): return .reset(newSeed: true)
        case .char(">"): return .faster
        case .char("<"), .char(","): return .slower
        case .char("."): return .halfStar
        case .char("1"), .char("2"), .char("3"), .char("4"), .char("5"):
            if case .char(let ch) = key, let stars = ch.wholeNumberValue { return .rate(Float(stars)) }
            return nil
        case .char("0"): return .clearRating
        case .char("u"): return .undoRating
        case .char("c"): return .toggleScoring
        case .char("m"): return .toggleMinRatings
        case .tab: return .toggleView
        case .char("o"): return .cycleOrder
        case .char("+"), .char("="): return .change(.learningRate(up: true))
        case .char("-"), .char("_"): return .change(.learningRate(up: false))
        case .char("w"): return .change(.weightDecay)
        case .char("b"): return .change(.bias)
        case .char("f"): return .change(.factors)
        case .char("p"): return .change(.preset)
        case .char("e"): return .toggleRuns
        case .char("v"): return .cycleView
        case .char("W"): return .save
        case .char("t"): return .tour(.toggle)
        case .char("L"): return .toggleLogScale
        case .char("/"): return .startFind
        case .char("g"): return .startGotoUser
        case .char("?"), .function(1): return .toggleHelp
        case .char("q"), .char("Q"): return .quit
        case .escape: return .cancel
        case .mouse(let x, let y): return .click(x: x, y: y)
        default: return .unknownKey(name(of: key))
        }
    }

    /// Keys that mean something else in the map and the neighbours views.
    static func viewAction(for key: Key, in view: MainView) -> Action? {
        switch view {
        case .map:
            switch key {
            case .up, .char("k"): return .mapMove(dx: 0, dy: 1)
            case .down, .char("j"): return .mapMove(dx: 0, dy: -1)
            case .left, .char("h"): return .mapMove(dx: -1, dy: 0)
            case .right, .char("l"): return .mapMove(dx: 1, dy: 0)
            case .enter: return .mapSelect
            case .char("z"): return .mapZoom(in: true)
            case .char("Z"): return .mapZoom(in: false)
            case .shiftLeft, .char("["): return .mapPan(dx: -1, dy: 0)
            case .shiftRight, .char("]"): return .mapPan(dx: 1, dy: 0)
            case .pageUp: return .mapPan(dx: 0, dy: 1)
            case .pageDown: return .mapPan(dx: 0, dy: -1)
            case .char("a"): return .cycleAxes
            case .char("d"): return .toggleMetric
            default: return nil
            }
        case .neighbours:
            switch key {
            case .up, .char("k"): return .neighbourMove(-1)
            case .down, .char("j"): return .neighbourMove(1)
            case .enter: return .neighbourSelect
            case .char("d"): return .toggleMetric
            default: return nil
            }
        case .grid, .biases:
            return nil
        }
    }

    /// How the status line names a key: the character itself, or `ctrl-A`, `F5`, `shift-tab`.
    static func name(of key: Key) -> String {
        switch key {
        case .char(let c):
            guard let scalar = c.unicodeScalars.first else { return "?" }
            if scalar.value < 0x20, let letter = Unicode.Scalar(scalar.value + 0x40) { return "ctrl-\(Character(letter))" }
            if scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) { return "U+\(String(scalar.value, radix: 16, uppercase: true))" }
            return String(c)
        case .function(let n): return "F\(n)"
        case .backTab: return "shift-tab"
        case .enter: return "enter"
        case .backspace: return "backspace"
        default: return "that key"
        }
    }
}
