import ArgumentParser
import LatentCore

/// Every number from a flag is parsed here, by the argument parser, with its range: a value
/// outside it is refused before any command runs (`--bs 9223372036854775807` would otherwise
/// reach an allocation, `--init-std inf` the training loop). Written as transforms rather
/// than `ExpressibleByArgument` types so the message can state the range.
enum FlagBounds {
    struct OutOfRange: Error, CustomStringConvertible {
        let description: String
    }

    /// Whole numbers in `range`, comma-separated, `count` of them.
    static func intList(_ range: ClosedRange<Int>, count: ClosedRange<Int>, _ what: String) -> @Sendable (String) throws -> [Int] {
        { text in
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard count.contains(parts.count) else {
                throw OutOfRange(description: "\(what) take\(count.lowerBound == count.upperBound ? " \(count.lowerBound)" : " \(count.lowerBound) to \(count.upperBound)") comma-separated whole numbers")
            }
            return try parts.map { part in
                guard let v = Int(part) else { throw OutOfRange(description: "\(what) must be whole numbers (got \(part.debugDescription))") }
                guard range.contains(v) else { throw OutOfRange(description: "each of \(what) must be between \(range.lowerBound.grouped) and \(range.upperBound.grouped)") }
                return v
            }
        }
    }

    /// A whole number in `range`.
    static func int(_ range: ClosedRange<Int>, _ what: String) -> @Sendable (String) throws -> Int {
        { text in
            guard let v = Int(text.trimmingCharacters(in: .whitespaces)) else { throw OutOfRange(description: "\(what) must be a whole number") }
            guard range.contains(v) else { throw OutOfRange(description: "\(what) must be between \(range.lowerBound.grouped) and \(range.upperBound.grouped)") }
            return v
        }
    }

    /// A finite decimal number in `range`; with `aboveLower`, the lower end itself is refused.
    static func float(_ range: ClosedRange<Float>, _ what: String, aboveLower: Bool = false, belowUpper: Bool = false) -> @Sendable (String) throws -> Float {
        { text in
            guard let v = Float(text.trimmingCharacters(in: .whitespaces)), v.isFinite else {
                throw OutOfRange(description: "\(what) must be a finite number")
            }
            guard range.contains(v), !(aboveLower && v == range.lowerBound), !(belowUpper && v == range.upperBound) else {
                throw OutOfRange(description: "\(what) must be \(aboveLower ? "more than" : "at least") \(formatRating(range.lowerBound))"
                                 + " and \(belowUpper ? "less than" : "at most") \(formatRating(range.upperBound))")
            }
            return v
        }
    }

    static func double(_ range: ClosedRange<Double>, _ what: String, belowUpper: Bool = false) -> @Sendable (String) throws -> Double {
        { text in
            guard let v = Double(text.trimmingCharacters(in: .whitespaces)), v.isFinite,
                  range.contains(v), !(belowUpper && v == range.upperBound) else {
                throw OutOfRange(description: "\(what) must be a number at least \(formatRating(Float(range.lowerBound))) and \(belowUpper ? "less than" : "at most") \(formatRating(Float(range.upperBound)))")
            }
            return v
        }
    }
}
