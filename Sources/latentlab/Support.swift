import Foundation
import LatentCore

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

    var callback: (@Sendable (Double) -> Void)? {
        guard enabled else { return nil }
        let label = self.label
        return { fraction in ProgressLine.draw(label: label, fraction: fraction) }
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

/// An error the person can act on: printed as `Error: ...` on standard error, exit status 1, no stack trace.
struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
