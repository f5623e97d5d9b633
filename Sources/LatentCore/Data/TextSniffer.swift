/// Tells from a file's first page whether it is text a loader can read, before the loader reads
/// the rest: a gigabyte of zero bytes is refused after 4 KiB, not after mapping it all, and a
/// UTF-16 file is named as such instead of failing on its first id as `'?1?'`.
enum TextSniffer {
    static let page = 4096

    /// Throws when `bytes` opens as UTF-16 or as binary data; `name` is the file's in messages.
    static func requireText(_ bytes: UnsafeRawBufferPointer, name: String, what: String) throws {
        let head = UnsafeRawBufferPointer(rebasing: bytes.prefix(page))
        guard !head.isEmpty else { return }
        if isUTF16(head) {
            throw DataError(file: name, "is UTF-16 text (what a spreadsheet saves as “Unicode text”); save it as UTF-8 (“CSV UTF-8”) and load it again")
        }
        let zeros = head.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
        // A NUL here and there is a damaged line (reported with its number); a quarter of the page is not text.
        if zeros * 4 >= head.count {
            throw DataError(file: name, "is binary data, not text (\(zeros) of its first \(head.count) bytes are zero); a \(what) is text, one rating a line")
        }
    }

    /// A byte-order mark of UTF-16, or ASCII text in UTF-16: a zero in every other byte.
    static func isUTF16(_ head: UnsafeRawBufferPointer) -> Bool {
        if head.count >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)) { return true }
        let pairs = min(head.count, 64) / 2
        guard pairs >= 4 else { return false }
        var evenZeros = 0, oddZeros = 0
        for i in 0..<pairs {
            if head[2 * i] == 0 { evenZeros += 1 }
            if head[2 * i + 1] == 0 { oddZeros += 1 }
        }
        // One side all zeros, the other none: text in UTF-16 (little or big endian).
        return (oddZeros == pairs && evenZeros == 0) || (evenZeros == pairs && oddZeros == 0)
    }
}
