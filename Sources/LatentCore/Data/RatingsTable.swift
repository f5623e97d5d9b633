/// The sparse user × movie table, stored by column: rating `i` is
/// (`users[i]`, `items[i]`, `values[i]`), with dense user and movie indices.
///
/// Two compressed indexes answer "what did user u rate" and "who rated movie m"
/// without a scan; each user's list is sorted by movie so one cell is found by
/// binary search.
public struct RatingsTable: Sendable {
    public private(set) var users: [Int32]
    public private(set) var items: [Int32]
    public private(set) var values: [Float]
    public let userCount: Int
    public let itemCount: Int

    /// Ratings of user u are `byUser[userOffsets[u] ..< userOffsets[u + 1]]`, sorted by item.
    public private(set) var userOffsets: [Int]
    public private(set) var byUser: [Int32]
    /// Ratings of movie m are `byItem[itemOffsets[m] ..< itemOffsets[m + 1]]`, sorted by user.
    public private(set) var itemOffsets: [Int]
    public private(set) var byItem: [Int32]

    public init(users: [Int32], items: [Int32], values: [Float], userCount: Int, itemCount: Int) {
        precondition(users.count == items.count && items.count == values.count)
        self.users = users; self.items = items; self.values = values
        self.userCount = userCount; self.itemCount = itemCount
        // Counting sort by item, then a stable counting sort by user: each user's
        // list comes out ordered by item (and each item's list by user) in O(n).
        let (itemOffsets, byItem) = Self.bucket(keys: items, keyCount: itemCount, order: nil)
        let (userOffsets, byUser) = Self.bucket(keys: users, keyCount: userCount, order: byItem)
        let (_, byItemSorted) = Self.bucket(keys: items, keyCount: itemCount, order: byUser)
        self.userOffsets = userOffsets; self.byUser = byUser
        self.itemOffsets = itemOffsets; self.byItem = byItemSorted
    }

    /// Stable counting sort of rating indices (taken in `order`, or 0..<n) by `keys`.
    private static func bucket(keys: [Int32], keyCount: Int, order: [Int32]?) -> ([Int], [Int32]) {
        var offsets = [Int](repeating: 0, count: keyCount + 1)
        for k in keys { offsets[Int(k) + 1] += 1 }
        for i in 0..<keyCount { offsets[i + 1] += offsets[i] }
        var cursor = offsets
        var out = [Int32](repeating: 0, count: keys.count)
        keys.withUnsafeBufferPointer { keys in
            out.withUnsafeMutableBufferPointer { out in
                if let order {
                    for r in order {
                        let k = Int(keys[Int(r)])
                        out[cursor[k]] = r
                        cursor[k] += 1
                    }
                } else {
                    for r in 0..<keys.count {
                        let k = Int(keys[r])
                        out[cursor[k]] = Int32(r)
                        cursor[k] += 1
                    }
                }
            }
        }
        return (offsets, out)
    }

    public var count: Int { values.count }

    /// Number of ratings user `u` gave.
    public func userActivity(_ u: Int) -> Int { userOffsets[u + 1] - userOffsets[u] }
    /// Number of ratings movie `m` received.
    public func itemPopularity(_ m: Int) -> Int { itemOffsets[m + 1] - itemOffsets[m] }

    /// Ratings per movie, the one definition of a movie's count that every list, filter and
    /// search uses (all ratings of the data set, training and held-out alike).
    public var itemCounts: [Int32] { (0..<itemCount).map { Int32(itemPopularity($0)) } }

    /// Indices (into the columns) of the ratings of user `u`, ordered by movie.
    public func ratings(ofUser u: Int) -> ArraySlice<Int32> { byUser[userOffsets[u]..<userOffsets[u + 1]] }
    /// Indices (into the columns) of the ratings of movie `m`, ordered by user.
    public func ratings(ofItem m: Int) -> ArraySlice<Int32> { byItem[itemOffsets[m]..<itemOffsets[m + 1]] }

    /// The rating user `u` gave movie `m`, if any: a binary search of the user's list, O(log n).
    public func rating(user u: Int, item m: Int) -> Float? {
        ratingIndex(user: u, item: m).map { values[$0] }
    }

    /// The column index of the rating user `u` gave movie `m`, if any (binary search).
    public func ratingIndex(user u: Int, item m: Int) -> Int? {
        var lo = userOffsets[u], hi = userOffsets[u + 1]
        let target = Int32(m)
        while lo < hi {
            let mid = (lo + hi) >> 1
            let r = Int(byUser[mid])
            if items[r] == target { return r }
            if items[r] < target { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    /// The mean of all ratings (0 for an empty table).
    public var mean: Float {
        guard !values.isEmpty else { return 0 }
        var sum = 0.0
        for v in values { sum += Double(v) }
        return Float(sum / Double(values.count))
    }
}

extension Array where Element == Int32 {
    /// Whether a sorted array holds `value` (binary search).
    public func binarySearchContains(_ value: Int32) -> Bool {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if self[mid] == value { return true }
            if self[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return false
    }
}
