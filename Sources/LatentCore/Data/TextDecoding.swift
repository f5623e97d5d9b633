import Foundation

/// Small hand-edited text files (a person's ratings, the journal) as lines, whatever wrote
/// them: UTF-8 with or without a byte-order mark, UTF-16 (what a spreadsheet's "Unicode text"
/// saves), and `\n`, `\r\n` or `\r` line ends. Swift treats `"\r\n"` as one `Character`, so
/// splitting on `"\n"` would find no line at all in a Windows file.
public enum TextDecoding {
    public static func string(_ data: Data) -> String {
        let bytes = [UInt8](data.prefix(4))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return String(decoding: data.dropFirst(3), as: UTF8.self) }
        if bytes.starts(with: [0xFF, 0xFE]) { return utf16(data.dropFirst(2), bigEndian: false) }
        if bytes.starts(with: [0xFE, 0xFF]) { return utf16(data.dropFirst(2), bigEndian: true) }
        // UTF-16 without a mark: ASCII text then has a zero in every other byte.
        if bytes.count >= 2 && bytes[0] != 0 && bytes[1] == 0 { return utf16(data, bigEndian: false) }
        if bytes.count >= 2 && bytes[0] == 0 && bytes[1] != 0 { return utf16(data, bigEndian: true) }
        return String(decoding: data, as: UTF8.self)
    }

    private static func utf16(_ data: Data, bigEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(data.count / 2)
        var i = data.startIndex
        while i + 1 < data.endIndex {
            let a = UInt16(data[i]), b = UInt16(data[i + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            i += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// The lines of `text` without their ends, and whether the last one had an end (a line
    /// without one may be a write that was cut short).
    public static func lines(_ text: String) -> (lines: [Substring], lastLineEnded: Bool) {
        var out: [Substring] = []
        var start = text.startIndex
        var i = text.startIndex
        // By Unicode scalars, so that "\r\n" is seen as its two parts.
        let scalars = text.unicodeScalars
        var s = scalars.startIndex
        while s < scalars.endIndex {
            let c = scalars[s]
            if c == "\n" || c == "\r" {
                i = s
                out.append(text[start..<i])
                var next = scalars.index(after: s)
                if c == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
                start = next
                s = next
            } else {
                s = scalars.index(after: s)
            }
        }
        guard start < text.endIndex else { return (out, true) }
        out.append(text[start...])
        return (out, false)
    }
}
