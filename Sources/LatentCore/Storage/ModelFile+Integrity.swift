import CKernels
import Foundation

/// What makes a model file trustworthy before anything uses it: the opening bytes, the
/// checksum, every length against the bytes that remain (no arithmetic that can overflow on
/// a damaged length), every count against the header, and parameters that are all finite.
/// A file that fails any of them is refused with what was wrong; none of them traps.
extension ModelFile {
    /// The magic and a readable version; returns the version.
    static func checkOpening(_ data: Data, name: String) throws -> UInt32 {
        let opening = [UInt8](data.prefix(magic.count))
        guard opening == magic else {
            throw DataError(file: name, "is not a LatentLab model file (train one with `latentlab train --save FILE`)")
        }
        guard data.count >= magic.count + 4 else { throw DataError(file: name, "is truncated (\(data.count) bytes, not even a version)") }
        let v = data.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: magic.count, as: UInt32.self)) }
        guard readableVersions.contains(v) else {
            throw DataError(file: name, "is a model file of version \(v); this latentlab reads versions \(readableVersions.lowerBound)–\(readableVersions.upperBound). Train the model again.")
        }
        return v
    }

    /// The bytes before the checksum, once the checksum matches them.
    static func checkSum(_ data: Data, name: String) throws -> Data {
        guard data.count >= magic.count + 4 + 8 + endMarker.count + 4 else {
            throw DataError(file: name, "is truncated (\(data.count) bytes)")
        }
        let bodyCount = data.count - 4
        let (stored, computed) = data.withUnsafeBytes { raw -> (UInt32, UInt32) in
            (UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: bodyCount, as: UInt32.self)),
             ll_crc32c(0, raw.baseAddress, Int64(bodyCount), 0))
        }
        guard stored == computed else {
            throw DataError(file: name, "is damaged: its checksum does not match (it changed after it was written, or was cut short); train or save it again")
        }
        return data.prefix(bodyCount)
    }

    /// More samples than a chain keeps (`BayesianMF.Settings.keepAtMost`, or one per sweep of
    /// the longest run `train` allows) means a damaged count.
    static let mostSamples = 100_000

    static func check(_ h: Header, name: String) throws {
        func damaged(_ what: String) -> DataError { DataError(file: name, "is damaged (\(what))") }
        guard h.users >= 0, h.items >= 0, h.users <= Int(Int32.max), h.items <= Int(Int32.max) else { throw damaged("\(h.users) users, \(h.items) movies") }
        guard (1...4096).contains(h.config.factors) else { throw damaged("\(h.config.factors) factors") }
        if let n = h.posteriorSamples, !(1...Self.mostSamples).contains(n) { throw damaged("\(n) posterior samples") }
        guard h.movies.count == h.items else { throw damaged("\(h.movies.count) titles for \(h.items) movies") }
        guard h.globalMean.isFinite, h.scale.min.isFinite, h.scale.max.isFinite, h.scale.min <= h.scale.max, h.scale.step >= 0 else {
            throw damaged("its rating scale or mean is not a number")
        }
        guard h.config.initStd.isFinite else { throw damaged("its initial spread is not a number") }
        guard h.unseenUsers.allSatisfy({ (0..<h.users).contains($0) }), h.unseenItems.allSatisfy({ (0..<h.items).contains($0) }) else {
            throw damaged("an untrained user or movie is out of range")
        }
        if let rule = h.foldIn {
            let lambda = rule.lambda(ratings: 1)
            guard lambda.isFinite, lambda >= 0 else { throw damaged("its fold-in strength is not a number ≥ 0") }
        }
    }

    static func check(_ c: Contents, name: String) throws {
        func damaged(_ what: String) -> DataError { DataError(file: name, "is damaged (\(what))") }
        let h = c.header, f = h.config.factors
        let (userCells, o1) = h.users.multipliedReportingOverflow(by: f)
        let (itemCells, o2) = h.items.multipliedReportingOverflow(by: f)
        guard !o1, !o2 else { throw damaged("its tables would not fit in memory") }
        guard c.userIds.count == h.users, c.itemIds.count == h.items, c.itemCounts.count == h.items,
              c.userFactors.count == userCells, c.itemFactors.count == itemCells,
              c.userBias.count == h.users, c.itemBias.count == h.items, c.ratedOffsets.count == h.users + 1
        else { throw damaged("section sizes disagree with the header") }
        // Each user's rated movies: offsets from 0, never going back, ending at the list's end.
        guard c.ratedOffsets.first == 0, c.ratedOffsets.last == Int64(c.ratedItems.count),
              zip(c.ratedOffsets, c.ratedOffsets.dropFirst()).allSatisfy({ $0 <= $1 })
        else { throw damaged("the rated-movie offsets are out of order") }
        guard c.ratedItems.allSatisfy({ $0 >= 0 && Int($0) < h.items }) else { throw damaged("a rated movie is out of range") }
        guard c.itemCounts.allSatisfy({ $0 >= 0 }) else { throw damaged("a negative rating count") }
        for (what, table) in [("user factors", c.userFactors), ("movie factors", c.itemFactors), ("user biases", c.userBias), ("movie biases", c.itemBias)] {
            if let bad = table.firstIndex(where: { !$0.isFinite }) {
                throw damaged("\(what) hold \(table[bad]) at \(bad): not a finite number")
            }
        }
        let sides = h.session?.optimizerTables ?? []
        guard c.optimizerState.count == sides.count else { throw damaged("\(c.optimizerState.count) optimizer tables for \(sides.count)") }
        for (side, table) in zip(sides, c.optimizerState) {
            let rows = side == .user ? h.users : h.items
            guard rows > 0, table.count % rows == 0 else { throw damaged("an optimizer table has a broken length") }
            guard table.allSatisfy(\.isFinite) else { throw damaged("an optimizer table holds a number that is not finite") }
        }
        if h.posteriorSamples != nil {
            let length = PosteriorSamples.sectionLength(users: h.users, items: h.items, factors: h.config.factors)
            guard c.posterior.count == h.posteriorSamples, c.posterior.allSatisfy({ $0.count == length }) else {
                throw damaged("its posterior samples have broken lengths")
            }
            guard c.posterior.allSatisfy({ $0.allSatisfy(\.isFinite) }) else { throw damaged("a posterior sample holds a number that is not finite") }
        }
        guard Set(c.itemIds).count == c.itemIds.count else { throw damaged("a movie id appears twice") }
        // Found by fuzzing the export: a user id twice read here, but no tool could say whose row is whose.
        guard Set(c.userIds).count == c.userIds.count else { throw damaged("a user id appears twice") }
    }

    /// A decoding error in a sentence, not Foundation's dump of its context.
    static func describe(_ error: Error) -> String {
        guard let e = error as? DecodingError else { return "\(error)" }
        func path(_ keys: [CodingKey]) -> String { keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") }
        switch e {
        case .keyNotFound(let key, let context): return "no '\(path(context.codingPath + [key]))'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "'\(path(context.codingPath))' has the wrong type"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not JSON" : "'\(path(context.codingPath))' is not valid"
        @unknown default: return "\(error)"
        }
    }

    /// Reads the file front to back; running out of bytes means the file was truncated. Every
    /// length is compared with what remains, so a damaged one can neither overflow nor overrun.
    struct Reader {
        let data: Data
        let name: String
        var offset = 0

        var remaining: Int { data.count - offset }
        var atEnd: Bool { offset == data.count }

        mutating func bytes(_ length: UInt64) throws -> [UInt8] {
            guard length <= UInt64(remaining) else {
                throw DataError(file: name, "is truncated (\(data.count) bytes; a length in it promises more)")
            }
            let n = Int(length)
            defer { offset += n }
            return [UInt8](data[data.startIndex + offset ..< data.startIndex + offset + n])
        }

        mutating func bytes(_ n: Int) throws -> [UInt8] { try bytes(UInt64(max(0, n))) }

        mutating func value<T: FixedWidthInteger>() throws -> T {
            let b = try bytes(MemoryLayout<T>.size)
            return T(littleEndian: b.withUnsafeBytes { $0.loadUnaligned(as: T.self) })
        }

        mutating func section<T>() throws -> [T] {
            let byteCount: UInt64 = try value()
            guard byteCount <= UInt64(remaining) else {
                throw DataError(file: name, "is truncated (\(data.count) bytes; a length in it promises more)")
            }
            let n = Int(byteCount)
            guard n % MemoryLayout<T>.stride == 0 else { throw DataError(file: name, "is damaged (a section has a broken length)") }
            let count = n / MemoryLayout<T>.stride
            let start = offset
            // An empty section is `[]`: the uninitialized-capacity initializer would write the count
            // into the one shared empty array (a race between threads, see RatingValues.encode).
            if count == 0 {
                offset += n
                return []
            }
            let out = [T](unsafeUninitializedCapacity: count) { buf, initialized in
                data.withUnsafeBytes { raw in
                    if let base = raw.baseAddress, let target = buf.baseAddress, count > 0 {
                        memcpy(UnsafeMutableRawPointer(target), base + start, n)
                    }
                }
                initialized = count
            }
            offset += n
            return out
        }
    }
}
