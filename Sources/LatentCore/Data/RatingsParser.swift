import Foundation

/// How the lines of a ratings file are laid out.
public struct RatingsLayout: Sendable, Equatable {
    public var separator: String
    public var userColumn: Int
    public var itemColumn: Int
    public var ratingColumn: Int
    /// Whether the first line is a header (nil: decide from the first line).
    public var hasHeader: Bool?
    /// The published range of the ratings; a value outside it is an error. Nil accepts any finite number.
    public var allowed: ClosedRange<Float>?
    /// The published step of the ratings (1: whole stars, 0.5: half stars); a value between steps is an error.
    public var step: Float?

    public init(separator: String, userColumn: Int = 0, itemColumn: Int = 1, ratingColumn: Int = 2,
                hasHeader: Bool? = nil, allowed: ClosedRange<Float>? = nil, step: Float? = nil) {
        self.separator = separator
        self.userColumn = userColumn; self.itemColumn = itemColumn; self.ratingColumn = ratingColumn
        self.hasHeader = hasHeader; self.allowed = allowed; self.step = step
    }

    /// The published layouts: ml-100k rates in whole stars; ml-1m in whole stars and ml-10m in
    /// half stars share `ratings.dat`, so a half star is the step both allow; ml-latest and
    /// ml-20m/25m/32m rate in half stars.
    public static let ml100k = RatingsLayout(separator: "\t", hasHeader: false, allowed: 1...5, step: 1)
    public static let mlDat = RatingsLayout(separator: "::", hasHeader: false, allowed: 0.5...5, step: 0.5)
    public static let mlCSV = RatingsLayout(separator: ",", hasHeader: true, allowed: 0.5...5, step: 0.5)

    /// A layout from `--sep` and `--columns user,item,rating[,...]` (names in any order; `movie` is a synonym of `item`).
    public static func generic(separator: String, columns: [String]) throws -> RatingsLayout {
        let names = columns.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func position(_ options: [String]) throws -> Int {
            guard let i = names.firstIndex(where: options.contains) else {
                throw DataError(file: "--columns", "no '\(options[0])' column in \(columns.joined(separator: ",")) (expected names like user,item,rating)")
            }
            return i
        }
        let sep = separator == "\\t" || separator == "tab" ? "\t" : separator
        guard !sep.isEmpty, sep.utf8.count <= 2 else {
            throw DataError(file: "--sep", "the separator must be one or two characters, got '\(separator)'")
        }
        return RatingsLayout(separator: sep,
                             userColumn: try position(["user", "userid", "user_id"]),
                             itemColumn: try position(["item", "movie", "itemid", "movieid", "item_id", "movie_id"]),
                             ratingColumn: try position(["rating", "score", "stars"]))
    }

    var separatorBytes: (UInt8, UInt8?) {
        let b = Array(separator.utf8)
        return (b[0], b.count > 1 ? b[1] : nil)
    }

    var fieldsNeeded: Int { Swift.max(userColumn, itemColumn, ratingColumn) + 1 }
}

func text(_ line: ByteLine, _ r: Range<Int>) -> String {
    clipped(ByteLine(base: line.base + r.lowerBound, count: r.count).string)
}

func printable(_ separator: String) -> String {
    separator == "\t" ? "\\t" : separator
}

/// `4` for whole numbers, `3.5` otherwise.
public func formatRating(_ v: Float) -> String {
    v == v.rounded() && abs(v) < 1e6 ? String(Int(v)) : String(format: "%g", Double(v))
}

/// The number of lines of `bytes` (line feeds, plus a last line without one), eight bytes at a
/// time: a 650 MB file in a small fraction of the time its parse takes.
func countLines(_ bytes: UnsafeRawBufferPointer) -> Int {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return 0 }
    let words = bytes.count / 8
    var count = 0
    let low7 = UInt64(0x7F7F_7F7F_7F7F_7F7F), feeds = UInt64(0x0A0A_0A0A_0A0A_0A0A)
    for w in 0..<words {
        // A byte equal to 0x0A becomes 0 after the xor; this sets exactly the top bit of each zero byte.
        let x = base.loadUnaligned(fromByteOffset: w * 8, as: UInt64.self) ^ feeds
        let zeros = ~(((x & low7) &+ low7) | x | low7)
        count += zeros.nonzeroBitCount
    }
    for i in (words * 8)..<bytes.count where bytes[i] == 0x0A { count += 1 }
    if bytes[bytes.count - 1] != 0x0A { count += 1 }
    return count
}

/// The file's bytes, memory-mapped so that a 600 MB file costs no copy.
func mappedContents(of url: URL, what: String = "file") throws -> Data {
    try FileAccess.read(url, what: what, mapped: true)
}
