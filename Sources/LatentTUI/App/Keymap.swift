/// Turns key presses into actions; what a key means depends on the input mode and the overlay open,
/// then on the view (`KeyTable`).
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
        if state.showProduct, key == .escape || key == .char("O") { return .toggleProduct }
        // The browsing keys: the view's own first, then every view's (`KeyTable`, which the help lists).
        return KeyTable.action(for: key, in: state.view) ?? .unknownKey(name(of: key))
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
