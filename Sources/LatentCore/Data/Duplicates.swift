/// The same user rating the same movie twice (a file appended to twice, two exports merged):
/// the last rating of the pair wins, as a person correcting a rating would expect, and the
/// count is reported instead of the model silently training on both.
enum Duplicates {
    struct Found {
        /// The positions of the ratings to keep, in order.
        var keep: [Int32]
        var count: Int
        /// The first duplicated pair, as dense indices.
        var first: (user: Int32, item: Int32)
    }

    /// Finds duplicated (user, movie) pairs in `table`: it is ordered by user and movie, and
    /// stably (repeats in their file order), so repeats are neighbours and the last is kept.
    /// O(ratings); nil when there are none.
    static func find(in table: RatingsTable) -> Found? {
        var drop: [Bool]? = nil
        var count = 0
        var first: (Int32, Int32)?
        table.users.withUnsafeBufferPointer { users in
            table.items.withUnsafeBufferPointer { items in
                var k = 1
                while k < items.count {
                    if items[k] == items[k - 1] && users[k] == users[k - 1] {
                        if drop == nil { drop = [Bool](repeating: false, count: table.count) }
                        drop?[k - 1] = true
                        count += 1
                        if first == nil { first = (users[k], items[k]) }
                    }
                    k += 1
                }
            }
        }
        guard let drop, let first else { return nil }
        let keep = (0..<Int32(table.count)).filter { !drop[Int($0)] }
        return Found(keep: keep, count: count, first: first)
    }
}
