
/// The sparse user × movie table, stored by column: rating `i` is (`users[i]`, `items[i]`,
/// `values[i]`), with dense user and movie indices (nine bytes a rating: the value is a step
/// number of one byte, `RatingValues`), **ordered by user and, within a user, by
/// movie**. That order is the index: the ratings of user u are the positions
/// `userOffsets[u] ..< userOffsets[u + 1]`, and one cell is found by binary search. The
/// published MovieLens files come in that order already, so building the table usually moves
/// nothing; a file in another order is sorted once (stable, so repeats keep their file order).
///
/// Who rated a movie (`ratings(ofItem:)`, for the explorer's panels) is a second index of four
/// bytes a rating, built the first time it is asked for: commands that only train never pay for it.
public struct RatingsTable: Sendable {
    public private(set) var users: [Int32]
    public private(set) var items: [Int32]
    public private(set) var values: RatingValues
    public let userCount: Int
    public let itemCount: Int

    /// Ratings of user u are positions `userOffsets[u] ..< userOffsets[u + 1]`, by movie.
    public private(set) var userOffsets: [Int]
    /// Ratings per movie, as offsets: movie m has `itemOffsets[m + 1] - itemOffsets[m]`.
    public private(set) var itemOffsets: [Int]
    private let byItem: LazyItemIndex

    /// The table of these ratings, in any order (`sorted` also says where each one went). The
    /// values are kept in a byte each when they all fall on `scale`'s steps.
    public init(users: [Int32], items: [Int32], values: [Float], userCount: Int, itemCount: Int, scale: RatingScale? = nil) {
        self = Self.sorted(users: users, items: items, values: values, userCount: userCount, itemCount: itemCount, scale: scale).table
    }

    private init(sortedUsers users: [Int32], items: [Int32], values: RatingValues, userCount: Int, itemCount: Int) {
        precondition(users.count == items.count && items.count == values.count)
        self.users = users; self.items = items; self.values = values
        self.userCount = userCount; self.itemCount = itemCount
        var userOffsets = [Int](repeating: 0, count: userCount + 1)
        var itemOffsets = [Int](repeating: 0, count: itemCount + 1)
        for u in users { userOffsets[Int(u) + 1] += 1 }
        for m in items { itemOffsets[Int(m) + 1] += 1 }
        for i in 0..<userCount { userOffsets[i + 1] += userOffsets[i] }
        for i in 0..<itemCount { itemOffsets[i + 1] += itemOffsets[i] }
        self.userOffsets = userOffsets
        self.itemOffsets = itemOffsets
        byItem = LazyItemIndex()
    }

    /// The table, and where each rating came from when the input had to be reordered (nil when
    /// it was by user and movie already, as MovieLens publishes it).
    public static func sorted(users: [Int32], items: [Int32], values: [Float], userCount: Int, itemCount: Int,
                              scale: RatingScale? = nil) -> (table: RatingsTable, order: [Int32]?) {
        var (users, items, values) = (users, items, values)
        let order = reorder(users: &users, items: &items, values: &values, userCount: userCount)
        return (RatingsTable(columns: users, items: items, values: values, userCount: userCount, itemCount: itemCount, scale: scale), order)
    }

    /// The table of columns already by user and movie (`reorder` puts them so), the values
    /// coded on `scale`'s steps.
    init(columns users: [Int32], items: [Int32], values: [Float], userCount: Int, itemCount: Int, scale: RatingScale?) {
        let coded = RatingValues(values, scale: scale ?? Self.scale(of: values))
        self.init(sortedUsers: users, items: items, values: coded, userCount: userCount, itemCount: itemCount)
    }

    /// Puts the columns in the table's order (by user, then movie; repeats keep their file
    /// order): one counting sort of positions by user, each user's few ratings sorted by movie
    /// where they are not already, then the columns gathered one at a time. Never a second
    /// copy of all the columns at once (on 25M ratings in two files, the train and held-out
    /// files each ordered by user: 200 MB less than copying them together). Returns where each
    /// rating came from (`order[new] = old`), or nil when they were in order already.
    static func reorder(users: inout [Int32], items: inout [Int32], values: inout [Float], userCount: Int) -> [Int32]? {
        var inOrder = true
        users.withUnsafeBufferPointer { u in
            items.withUnsafeBufferPointer { m in
                var i = 1
                while i < u.count {
                    if u[i] < u[i - 1] || (u[i] == u[i - 1] && m[i] < m[i - 1]) { inOrder = false; break }
                    i += 1
                }
            }
        }
        if inOrder { return nil }
        var order = bucket(keys: users, keyCount: userCount, order: nil)
        users.withUnsafeBufferPointer { u in
            items.withUnsafeBufferPointer { m in
                order.withUnsafeMutableBufferPointer { o in
                    var i = 0
                    while i < o.count {
                        let user = u[Int(o[i])]
                        var j = i + 1, ordered = true
                        while j < o.count && u[Int(o[j])] == user {
                            if m[Int(o[j])] < m[Int(o[j - 1])] { ordered = false }
                            j += 1
                        }
                        if !ordered {
                            // By movie; the position breaks ties, so repeats keep their file order.
                            var segment = UnsafeMutableBufferPointer(rebasing: o[i..<j])
                            segment.sort { (m[Int($0)], $0) < (m[Int($1)], $1) }
                        }
                        i = j
                    }
                }
            }
        }
        permute(&users, by: order)
        permute(&items, by: order)
        permute(&values, by: order)
        return order
    }

    /// `column[new] = column[order[new]]` for every position. A gather into a new column that
    /// then replaces the old one: one column's worth of extra memory at a time, where following
    /// the permutation's cycles in place would need none but jumps about the whole column (on
    /// 25M ratings, seconds instead of a tenth of one).
    static func permute<T>(_ column: inout [T], by order: [Int32]) {
        let gathered = column.withUnsafeBufferPointer { c in order.map { c[Int($0)] } }
        column = gathered
    }

    private static func scale(of values: [Float]) -> RatingScale {
        var tracker = ScaleTracker()
        for v in values { tracker.add(v) }
        return tracker.scale
    }

    /// Stable counting sort of positions (taken in `order`, or 0..<n) by `keys`.
    static func bucket(keys: [Int32], keyCount: Int, order: [Int32]?) -> [Int32] {
        var cursor = [Int](repeating: 0, count: keyCount + 1)
        for k in keys { cursor[Int(k) + 1] += 1 }
        for i in 0..<keyCount { cursor[i + 1] += cursor[i] }
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
        return out
    }

    /// The same table with only the ratings at the positions `keep` (in order, so still sorted).
    func keeping(_ keep: [Int32]) -> RatingsTable {
        RatingsTable(sortedUsers: keep.map { users[Int($0)] }, items: keep.map { items[Int($0)] }, values: values.picking(keep),
                     userCount: userCount, itemCount: itemCount)
    }

    public var count: Int { values.count }

    /// Number of ratings user `u` gave.
    public func userActivity(_ u: Int) -> Int { userOffsets[u + 1] - userOffsets[u] }
    /// Number of ratings movie `m` received.
    public func itemPopularity(_ m: Int) -> Int { itemOffsets[m + 1] - itemOffsets[m] }

    /// Ratings per movie, the one definition of a movie's count that every list, filter and
    /// search uses (all ratings of the data set, training and held-out alike).
    public var itemCounts: [Int32] { (0..<itemCount).map { Int32(itemPopularity($0)) } }

    /// Positions of the ratings of user `u`, ordered by movie.
    public func ratings(ofUser u: Int) -> Range<Int32> { Int32(userOffsets[u])..<Int32(userOffsets[u + 1]) }

    /// Positions of the ratings of movie `m`, ordered by user (the index is built on first use).
    public func ratings(ofItem m: Int) -> ArraySlice<Int32> {
        byItem.index(self)[itemOffsets[m]..<itemOffsets[m + 1]]
    }

    /// The rating user `u` gave movie `m`, if any: a binary search of the user's ratings.
    public func rating(user u: Int, item m: Int) -> Float? {
        ratingIndex(user: u, item: m).map { values[$0] }
    }

    /// The position of the rating user `u` gave movie `m`, if any (binary search).
    public func ratingIndex(user u: Int, item m: Int) -> Int? {
        var lo = userOffsets[u], hi = userOffsets[u + 1]
        let target = Int32(m)
        while lo < hi {
            let mid = (lo + hi) >> 1
            if items[mid] == target { return mid }
            if items[mid] < target { lo = mid + 1 } else { hi = mid }
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

/// Who rated each movie, built once on first use and shared by every copy of the table.
final class LazyItemIndex: Sendable {
    private let built = Locked<[Int32]?>(nil)

    func index(_ table: RatingsTable) -> [Int32] {
        built.withLock { index in
            if let index { return index }
            // By movie, stable: within a movie the positions stay in user order.
            let made = RatingsTable.bucket(keys: table.items, keyCount: table.itemCount, order: nil)
            index = made
            return made
        }
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
