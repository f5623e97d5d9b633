/// Turns key presses into actions; what a key means depends on the input mode.
public enum Keymap {
    public static func action(for key: Key, in state: AppState) -> Action? {
        if case .resize(let w, let h) = key { return .resize(width: w, height: h) }
        if key == .interrupt { return .quit }
        if state.showHelp {
            switch key {
            case .char("q"): return .quit
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
        case .char("S"), .char("n"): return .train(.stepEpoch)
        case .char("r"), .char("i"): return .train(.reset(newSeed: false))
        case .char("R"): return .train(.reset(newSeed: true))
        case .char(">"): return .faster
        case .char("."): return .halfStar
        case .char("1"), .char("2"), .char("3"), .char("4"), .char("5"):
            if case .char(let ch) = key, let stars = ch.wholeNumberValue { return .rate(Float(stars)) }
            return nil
        case .char("0"): return .clearRating
        case .char("u"): return .undoRating
        case .char("c"): return .toggleScoring
        case .char("m"): return .toggleMinRatings
        case .tab: return .toggleView
        case .char("<"), .char(","): return .slower
        case .char("o"): return .cycleOrder
        case .char("+"), .char("="): return .change(.learningRate(up: true))
        case .char("-"), .char("_"): return .change(.learningRate(up: false))
        case .char("w"): return .change(.weightDecay)
        case .char("b"): return .change(.bias)
        case .char("f"): return .change(.factors)
        case .char("p"): return .change(.preset)
        case .char("t"): return .tour(.toggle)
        case .char("L"): return .toggleLogScale
        case .char("/"): return .startFind
        case .char("g"): return .startGotoUser
        case .char("?"), .function(1): return .toggleHelp
        case .char("q"), .char("Q"): return .quit
        case .escape: return .cancel
        case .mouse(let x, let y): return .click(x: x, y: y)
        default: return nil
        }
    }
}
