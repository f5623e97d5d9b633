import Testing
@testable import LatentCore
@testable import LatentTUI

/// The help is the key table, and the key table is what the keys do: a key listed but not
/// handled, or handled but not listed, fails here.
@Suite("The key table: what is listed is what works")
struct KeyTableTests {
    /// Every key a terminal sends that the browsing screen could answer.
    static let universe: [Key] = (0x20...0x7E).compactMap { Unicode.Scalar($0).map { Key.char(Character($0)) } }
        + [.up, .down, .left, .right, .shiftLeft, .shiftRight, .pageUp, .pageDown, .home, .end, .enter, .backspace,
           .escape, .tab, .backTab, .mouse(x: 3, y: 4), .interrupt] + (1...12).map { Key.function($0) }

    static func state(_ view: MainView) throws -> AppState {
        var s = TUIFixtures.state(try TUIFixtures.context())
        s.view = view
        return s
    }

    /// In a view, its own bindings win over those of every view (the map's arrows move the map's
    /// cursor); each listed key does what its line says, and no key is listed twice at one level.
    @Test(arguments: MainView.allCases)
    func everyListedKeyDoesWhatTheTableSays(_ view: MainView) throws {
        let s = try Self.state(view)
        let own = KeyTable.bindings.filter { $0.context != .everyView && $0.context.includes(view) }
        let everyView = KeyTable.bindings.filter { $0.context == .everyView }
        for level in [own, everyView] {
            let keys = level.flatMap { $0.keys.map(\.0) }
            for (i, key) in keys.enumerated() { #expect(!keys[(i + 1)...].contains(key), "\(view): \(key) is listed twice") }
        }
        for binding in own + everyView {
            for (key, action) in binding.keys {
                let winner = binding.context == .everyView ? own.flatMap(\.keys).first { $0.0 == key }?.1 ?? action : action
                let expected: Action = if case .mouse(let x, let y) = key { .click(x: x, y: y) } else { winner }
                #expect(Keymap.action(for: key, in: s) == expected, "\(view): \(binding.label) → \(key)")
            }
        }
    }

    @Test(arguments: MainView.allCases)
    func everyHandledKeyIsListed(_ view: MainView) throws {
        let s = try Self.state(view)
        let listed = KeyTable.bindings.filter { $0.context.includes(view) }.flatMap { $0.keys.map(\.0) }
        for key in Self.universe {
            guard let action = Keymap.action(for: key, in: s) else { continue }
            if case .unknownKey = action { continue }
            let isListed = listed.contains { k in
                if case .mouse = k, case .mouse = key { return true }
                return k == key
            }
            #expect(isListed, "\(view): \(key) does \(action) but the help does not list it")
        }
    }

    /// The help shows the table, in its order.
    @Test func theHelpIsTheTable() {
        #expect(HelpOverlay.lines.map(\.0) == KeyTable.bindings.map(\.label))
        #expect(Set(KeyTable.bindings.map(\.label)).count == KeyTable.bindings.count, "one line a binding")
    }

    /// The status line's keys each do something where the line shows them.
    @Test func theStatusLinesKeysWork() throws {
        func keys(_ label: String) -> [Key] {
            switch label {
            case "space": return [.char(" ")]
            case "←↑↓→": return [.left, .up, .down, .right]
            case "PgUp/PgDn [ ]": return [.pageUp, .pageDown, .char("["), .char("]")]
            case "1-5": return (1...5).map { .char(Character(String($0))) }
            case "< >": return [.char("<"), .char(">")]
            case "tab": return [.tab]
            case "enter": return [.enter]
            default: return label.count == 1 ? [.char(Character(label))] : []
            }
        }
        for (lines, view) in [(StatusBar.keys, MainView.grid), (StatusBar.factorsOnlyKeys, .map), (StatusBar.closingKeys, .grid)] {
            let s = try Self.state(view)
            for (label, _) in lines {
                let named = keys(label)
                #expect(!named.isEmpty, "the test knows \(label)")
                for key in named {
                    let action = Keymap.action(for: key, in: s)
                    var known = action != nil
                    if case .unknownKey = action { known = false }
                    #expect(known, "\(view): the status line shows \(label), which does nothing")
                }
            }
        }
    }
}
