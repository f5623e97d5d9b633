import Foundation
import LatentCore

/// Every line this tool prints on standard output goes through here: titles, ids and paths
/// may come from a file, and a control character in them must not reach the terminal
/// (`ESC ]0;…` would set the window's title, `ESC [2J` clear the screen).
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator)
    Swift.print(TerminalText.safe(text, keepingLines: true), terminator: terminator)
}

/// A line on standard error (a note beside output that other tools read), made safe as `print`'s.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((TerminalText.safe(text, keepingLines: true) + "\n").utf8))
}

/// Encodes a value as one line of JSON with sorted keys.
enum JSONOutput {
    static func string<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// A one-line progress bar on standard error, shown only when standard error is a terminal.
final class ProgressLine: Sendable {
    let label: String
    let enabled: Bool

    init(label: String) {
        self.label = label
        enabled = isatty(2) != 0
    }

    var callback: (@Sendable (LoadProgress) -> Void)? {
        guard enabled else { return nil }
        let label = self.label
        return { p in ProgressLine.draw(label: label, fraction: p.fraction, suffix: p.stage == .indexing ? "indexing \(p.ratings.grouped) ratings" : "") }
    }

    static func draw(label: String, fraction: Double, suffix: String = "") {
        let width = 30
        let filled = Int(min(max(fraction, 0), 1) * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(Int(fraction * 100))% \(suffix)\u{1B}[K".utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

/// Training's line on standard error: which epoch, how far into it, and the time left for
/// the whole run (estimated from the pace so far).
final class EpochProgressLine {
    let epochs: Int
    let enabled = isatty(2) != 0
    let started = Date()
    private var drawn = Date.distantPast

    init(epochs: Int) { self.epochs = epochs }

    /// `epoch` is 1-based; `fraction` how far into it. Redrawn at most ten times a second
    /// (unless `now`: after an epoch's row, so that short epochs do not leave the line blank).
    func draw(epoch: Int, fraction: Double, now: Bool = false) {
        guard enabled, now || Date().timeIntervalSince(drawn) >= 0.1 else { return }
        drawn = Date()
        let done = Double(epoch - 1) + min(max(fraction, 0), 1)
        let elapsed = Date().timeIntervalSince(started)
        var left = ""
        if done > 0.02 {
            let seconds = Int((elapsed / done * (Double(epochs) - done)).rounded())
            left = seconds >= 3600 ? String(format: "· %d:%02d:%02d left", seconds / 3600, seconds / 60 % 60, seconds % 60)
                                   : String(format: "· %d:%02d left", seconds / 60, seconds % 60)
        }
        ProgressLine.draw(label: "epoch \(epoch)/\(epochs)", fraction: fraction, suffix: left)
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

/// An error the person can act on: printed as `Error: ...` on standard error, exit status 1, no stack trace.
struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
