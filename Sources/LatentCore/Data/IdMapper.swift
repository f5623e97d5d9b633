/// Maps raw ids from a file (user 405, movie 2571) to dense indices 0, 1, 2, ...
///
/// MovieLens ids are small non-negative integers, so a flat lookup array serves
/// them without hashing; anything else falls back to a dictionary.
struct IdMapper {
    private(set) var rawIds: [Int64] = []
    private var direct: [Int32] = []
    private var other: [Int64: Int32] = [:]
    private static let directLimit: Int64 = 1 << 24

    init(capacity: Int = 0) { rawIds.reserveCapacity(capacity) }

    var count: Int { rawIds.count }

    @inline(__always)
    mutating func index(of raw: Int64) -> Int32 {
        if raw >= 0 && raw < Self.directLimit {
            let r = Int(raw)
            if r < direct.count {
                let found = direct[r]
                if found >= 0 { return found }
            } else {
                let grown = Swift.max(r + 1, direct.count * 2, 1024)
                direct.append(contentsOf: repeatElement(-1, count: grown - direct.count))
            }
            let new = Int32(rawIds.count)
            direct[r] = new
            rawIds.append(raw)
            return new
        }
        if let found = other[raw] { return found }
        let new = Int32(rawIds.count)
        other[raw] = new
        rawIds.append(raw)
        return new
    }

    func existingIndex(of raw: Int64) -> Int32? {
        if raw >= 0 && raw < Self.directLimit {
            let r = Int(raw)
            guard r < direct.count, direct[r] >= 0 else { return nil }
            return direct[r]
        }
        return other[raw]
    }
}
