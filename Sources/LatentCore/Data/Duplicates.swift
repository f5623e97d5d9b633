/// The same user rating the same movie twice (a file appended to twice, two exports merged):
/// the last rating of the pair wins, as a person correcting a rating would expect, and the
/// count is reported instead of the model silently training on both.
enum Duplicates {
    struct Found {
        /// The indices of the ratings to keep, in their original order.
        var keep: [Int32]
        var count: Int
        /// The first duplicated pair, as dense indices.
        var first: (user: Int32, item: Int32)
    }

    /// Finds duplicated (user, movie) pairs in `table`: each user's list is ordered by movie and,
    /// for one movie, by position in the file, so repeats are neighbours and the last is kept.
    /// O(ratings); nil when there are none.
    static func find(in table: RatingsTable) -> Found? {
        var drop: [Bool]? = nil
        var count = 0
        var first: (Int32, Int32)?
        table.items.withUnsafeBufferPointer { items in
            table.byUser.withUnsafeBufferPointer { byUser in
                for u in 0..<table.userCount {
                    let lo = table.userOffsets[u], hi = table.userOffsets[u + 1]
                    guard hi - lo > 1 else { continue }
                    for k in (lo + 1)..<hi where items[Int(byUser[k])] == items[Int(byUser[k - 1])] {
                        if drop == nil { drop = [Bool](repeating: false, count: table.count) }
                        drop?[Int(byUser[k - 1])] = true
                        count += 1
                        if first == nil { first = (Int32(u), items[Int(byUser[k])]) }
                    }
                }
            }
        }
        guard let drop, let first else { return nil }
        let keep = (0..<Int32(table.count)).filter { !drop[Int($0)] }
        return Found(keep: keep, count: count, first: first)
    }
}
