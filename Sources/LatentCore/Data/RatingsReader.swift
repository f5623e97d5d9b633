import Foundation
import Synchronization

/// The ratings of one or more files in columns (twelve bytes a rating), with dense user and movie
/// indices numbered **in the order of the files' ids**: the numbering does not depend on how the
/// files were cut into pieces, and a file sorted by user and movie id (as MovieLens publishes
/// them) is sorted by index too, so the table never has to move it.
struct RatingsColumns {
    var users: [Int32]
    var items: [Int32]
    var values: [Float]
    /// Dense index → the id in the file, ascending.
    var userIds: [Int64]
    var itemIds: [Int64]
    var scale: RatingScale
    /// Lines skipped with `skipBadLines`, and the first of them in file order.
    var skipped: Int
    var firstSkipped: DataError?
    /// How many ratings each file gave, in the order the files were passed.
    var perFile: [Int]
}

/// Reads ratings files on several threads. Each file is cut at line boundaries into pieces; the
/// lines of every piece are counted first (so the columns are allocated once at their exact
/// size, and an error in the middle of the file still names its true line), then every piece is
/// parsed straight into its own stretch of the columns. Pages of the mapped file are handed back
/// as soon as they have been read: the text is never held whole beside the table.
enum RatingsReader {
    /// Below this a file is read as one piece: cutting it would cost more than it saves.
    static let minimumPieceBytes = 4 << 20

    static func read(_ urls: [URL], layout: RatingsLayout, skipBadLines: Bool,
                     threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                     pieceBytes: Int = minimumPieceBytes,
                     progress: (@Sendable (LoadProgress) -> Void)? = nil) throws -> RatingsColumns {
        let files = try urls.map { try FileBytes($0, what: "ratings file") }
        for (url, file) in zip(urls, files) where file.count == 0 {
            throw DataError(file: url.lastPathComponent, "the file is empty")
        }
        for (url, file) in zip(urls, files) { try TextSniffer.requireText(file.bytes, name: url.lastPathComponent, what: "ratings file") }
        let workers = max(1, threads)
        var pieces: [Piece] = []
        for (f, file) in files.enumerated() {
            pieces += cut(file, index: f, layout: layout, workers: workers, pieceBytes: max(1, pieceBytes))
        }
        for k in pieces.indices { pieces[k].index = k }
        let shared = Shared(files: files, names: urls.map(\.lastPathComponent), layout: layout, skipBadLines: skipBadLines,
                            totalBytes: max(1, files.reduce(0) { $0 + $1.count }), progress: progress)

        // 1. Count each piece's lines (the counted pages go back at once: the parse reads them again from the page cache).
        let lineCounts = shared.forEach(pieces, workers: workers) { piece in
            let bytes = UnsafeRawBufferPointer(rebasing: shared.files[piece.file].bytes[piece.range])
            let lines = countLines(bytes)
            shared.files[piece.file].release(piece.range)
            return lines
        }
        var nextLine = [Int](repeating: 1, count: files.count)
        var offset = 0
        for k in pieces.indices {
            if pieces[k].startsAtLine2 { nextLine[pieces[k].file] = 2 }
            pieces[k].firstLine = nextLine[pieces[k].file]
            nextLine[pieces[k].file] += lineCounts[k]
            pieces[k].offset = offset
            offset += lineCounts[k]
        }

        // 2. Parse every piece into its stretch of the columns.
        let capacity = offset
        var users = [Int32](repeating: 0, count: capacity)
        var items = [Int32](repeating: 0, count: capacity)
        var values = [Float](repeating: 0, count: capacity)
        let results = withColumns(&users, &items, &values) { columns in
            shared.forEach(pieces, workers: workers) { piece in shared.parse(piece, into: columns) }
        }
        let firstError = results.first(where: { $0.firstError != nil })?.firstError
        if !skipBadLines, let firstError { throw firstError }
        var perFile = [Int](repeating: 0, count: files.count)
        for piece in pieces { perFile[piece.file] += results[piece.index].written }
        for (f, n) in perFile.enumerated() where n == 0 {
            throw DataError(file: urls[f].lastPathComponent, "no ratings found")
        }

        // 3. Renumber: dense indices in the order of the files' ids.
        let userIds = sortedUnique(results.map(\.userIds))
        let itemIds = sortedUnique(results.map(\.itemIds))
        let count = perFile.reduce(0, +)
        withColumns(&users, &items, &values) { columns in
            _ = shared.forEach(pieces, workers: workers) { piece in
                let result = results[piece.index]
                let stretch = piece.offset..<(piece.offset + result.written)
                renumber(columns.users, stretch, from: result.userIds, to: userIds)
                renumber(columns.items, stretch, from: result.itemIds, to: itemIds)
                return true
            }
            // 4. Close the gaps that blank, header or skipped lines left.
            var end = 0
            for piece in pieces {
                let n = results[piece.index].written
                if piece.offset != end { columns.move(from: piece.offset, to: end, count: n) }
                end += n
            }
        }
        users.removeLast(capacity - count)
        items.removeLast(capacity - count)
        values.removeLast(capacity - count)
        var scale = ScaleTracker()
        for r in results { scale.merge(r.scale) }
        progress?(LoadProgress(stage: .reading, bytesRead: shared.totalBytes, totalBytes: shared.totalBytes, ratings: count))
        return RatingsColumns(users: users, items: items, values: values, userIds: userIds, itemIds: itemIds,
                              scale: scale.scale, skipped: results.reduce(0) { $0 + $1.skipped },
                              firstSkipped: firstError, perFile: perFile)
    }

    private static func withColumns<T>(_ users: inout [Int32], _ items: inout [Int32], _ values: inout [Float],
                                       _ body: (Columns) throws -> T) rethrows -> T {
        try users.withUnsafeMutableBufferPointer { u in
            try items.withUnsafeMutableBufferPointer { m in
                try values.withUnsafeMutableBufferPointer { v in
                    try body(Columns(users: u, items: m, values: v))
                }
            }
        }
    }

    /// A stretch of one file that ends at a line break (or the file's end).
    struct Piece: Sendable {
        var index: Int
        var file: Int
        var range: Range<Int>
        /// The file's first line is a header this piece leaves out.
        var startsAtLine2 = false
        var firstLine = 1
        /// Where its ratings go in the columns.
        var offset = 0
    }

    /// Cuts a file after its header (a UTF-8 byte-order mark is left out too) into pieces of
    /// about equal size, each ending just after a line feed.
    static func cut(_ file: FileBytes, index f: Int, layout: RatingsLayout, workers: Int, pieceBytes: Int) -> [Piece] {
        let bytes = file.bytes
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var skipsHeader = false
        let firstEnd = nextLineStart(bytes, after: start)
        forEachLine(UnsafeRawBufferPointer(rebasing: bytes[start..<firstEnd])) { line, _ in
            if line.count > 0 {
                let parser = RatingLineParser(layout: layout, fileName: "")
                skipsHeader = layout.hasHeader ?? parser.isHeader(line)
            }
            return false
        }
        if skipsHeader { start = firstEnd }
        let size = bytes.count - start
        let wanted = size < 2 * pieceBytes ? 1 : min(workers * 4, size / pieceBytes)
        var pieces: [Piece] = []
        var lower = start
        for k in 1...max(1, wanted) {
            let target = k == wanted ? bytes.count : start + size / wanted * k
            let upper = max(lower, target == bytes.count ? target : nextLineStart(bytes, after: target - 1))
            if upper > lower || (pieces.isEmpty && k == wanted) {
                pieces.append(Piece(index: 0, file: f, range: lower..<upper, startsAtLine2: skipsHeader && pieces.isEmpty))
            }
            lower = upper
            if lower >= bytes.count { break }
        }
        return pieces
    }

    /// The position just after the first line feed at or after `position` (the end if none).
    static func nextLineStart(_ bytes: UnsafeRawBufferPointer, after position: Int) -> Int {
        guard let base = bytes.baseAddress, position < bytes.count else { return bytes.count }
        guard let found = memchr(base + position, 0x0A, bytes.count - position) else { return bytes.count }
        return UnsafeRawPointer(found) - base + 1
    }

    /// Ascending and without repeats: the ids every piece saw.
    static func sortedUnique(_ lists: [[Int64]]) -> [Int64] {
        var all = lists.flatMap { $0 }
        all.sort()
        var out: [Int64] = []
        out.reserveCapacity(all.count)
        for id in all where out.last != id { out.append(id) }
        return out
    }

    /// Rewrites a piece's own indices (positions in `local`) as positions in the sorted `global`.
    static func renumber(_ column: UnsafeMutableBufferPointer<Int32>, _ stretch: Range<Int>, from local: [Int64], to global: [Int64]) {
        let map = local.map { id -> Int32 in
            var lo = 0, hi = global.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if global[mid] < id { lo = mid + 1 } else { hi = mid }
            }
            return Int32(lo)
        }
        map.withUnsafeBufferPointer { map in
            for i in stretch { column[i] = map[Int(column[i])] }
        }
    }
}

extension RatingsReader {
    /// What parsing one piece found.
    struct PieceResult: Sendable {
        var written = 0
        /// The piece's own index → file id, in order of first appearance.
        var userIds: [Int64] = []
        var itemIds: [Int64] = []
        var scale = ScaleTracker()
        var skipped = 0
        var firstError: DataError?
    }

    /// The three columns being filled, each piece writing only its own stretch.
    final class Columns: @unchecked Sendable {
        let users: UnsafeMutableBufferPointer<Int32>
        let items: UnsafeMutableBufferPointer<Int32>
        let values: UnsafeMutableBufferPointer<Float>

        init(users: UnsafeMutableBufferPointer<Int32>, items: UnsafeMutableBufferPointer<Int32>, values: UnsafeMutableBufferPointer<Float>) {
            self.users = users; self.items = items; self.values = values
        }

        func move(from: Int, to: Int, count: Int) {
            guard count > 0, let u = users.baseAddress, let m = items.baseAddress, let v = values.baseAddress else { return }
            (u + to).update(from: u + from, count: count)
            (m + to).update(from: m + from, count: count)
            (v + to).update(from: v + from, count: count)
        }
    }

    /// What every worker reads, and the little they share: the first piece that failed, and the
    /// bytes read so far (for the progress bar).
    final class Shared: Sendable {
        let files: [FileBytes]
        let names: [String]
        let layout: RatingsLayout
        let skipBadLines: Bool
        let totalBytes: Int
        let progress: (@Sendable (LoadProgress) -> Void)?
        private let firstFailed = Atomic<Int>(.max)
        private let bytesRead = Atomic<Int>(0)
        private let ratingsRead = Atomic<Int>(0)

        init(files: [FileBytes], names: [String], layout: RatingsLayout, skipBadLines: Bool, totalBytes: Int,
             progress: (@Sendable (LoadProgress) -> Void)?) {
            self.files = files; self.names = names; self.layout = layout; self.skipBadLines = skipBadLines
            self.totalBytes = totalBytes; self.progress = progress
        }

        /// Runs `body` on every piece with `workers` threads taking the next piece as they
        /// finish one; the results come back in piece order.
        func forEach<T: Sendable>(_ pieces: [Piece], workers: Int, _ body: @Sendable (Piece) -> T) -> [T] {
            let next = Atomic<Int>(0)
            let results = Locked<[T?]>(Array(repeating: nil, count: pieces.count))
            let all = pieces
            DispatchQueue.concurrentPerform(iterations: min(workers, max(1, all.count))) { _ in
                while true {
                    let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard k < all.count else { return }
                    let result = body(all[k])
                    results.withLock { $0[k] = result }
                }
            }
            return results.withLock { $0.compactMap { $0 } }
        }

        /// Parses one piece into its stretch of `columns`.
        func parse(_ piece: Piece, into columns: Columns) -> PieceResult {
            let file = files[piece.file]
            let bytes = UnsafeRawBufferPointer(rebasing: file.bytes[piece.range])
            var parser = RatingLineParser(layout: layout, fileName: names[piece.file])
            var userIds = IdMapper(), itemIds = IdMapper()
            var result = PieceResult()
            var w = piece.offset
            var lastUserRaw: Int64 = .min, lastUser: Int32 = 0
            var reported = 0, reportedRatings = piece.offset
            let lineBase = bytes.baseAddress
            forEachLine(bytes, firstLine: piece.firstLine) { line, number in
                if line.count == 0 { return true }
                if number & 0xFFFF == 0, let lineBase {
                    // Now and then: stop if an earlier piece already failed, report progress, hand pages back.
                    if !skipBadLines && firstFailed.load(ordering: .relaxed) < piece.index { return false }
                    let done = UnsafeRawPointer(line.base) - lineBase
                    let total = bytesRead.wrappingAdd(done - reported, ordering: .relaxed).newValue
                    let ratings = ratingsRead.wrappingAdd(w - reportedRatings, ordering: .relaxed).newValue
                    reported = done
                    reportedRatings = w
                    progress?(LoadProgress(stage: .reading, bytesRead: total, totalBytes: totalBytes, ratings: ratings))
                    if number & 0xFFFFF == 0 { file.release(piece.range.lowerBound..<(piece.range.lowerBound + done)) }
                }
                do throws(DataError) {
                    let (rawUser, rawItem, rating) = try parser.parse(line, number: number)
                    // Ratings files are usually grouped by user: skip the id lookup on a repeat.
                    if rawUser != lastUserRaw {
                        lastUser = userIds.index(of: rawUser)
                        lastUserRaw = rawUser
                    }
                    columns.users[w] = lastUser
                    columns.items[w] = itemIds.index(of: rawItem)
                    columns.values[w] = rating
                    w += 1
                    result.scale.add(rating)
                } catch {
                    if result.firstError == nil { result.firstError = error }
                    guard skipBadLines else {
                        _ = firstFailed.min(piece.index, ordering: .relaxed)
                        return false
                    }
                    result.skipped += 1
                }
                return true
            }
            _ = bytesRead.wrappingAdd(bytes.count - reported, ordering: .relaxed)
            _ = ratingsRead.wrappingAdd(w - reportedRatings, ordering: .relaxed)
            file.release(piece.range)
            result.written = w - piece.offset
            result.userIds = userIds.rawIds
            result.itemIds = itemIds.rawIds
            return result
        }
    }
}
