import Foundation

/// How per-rating SGD runs on several threads without two of them ever writing the same
/// parameters (LIBMF's scheme, with a fixed schedule instead of a dynamic one):
///
/// users and movies are dealt into `groups` groups each (by a hash of their index's run of up
/// to 16, so that the heavy ones spread out while the rows and biases sharing a cache line fall
/// in one group and two threads never write the same line), which cuts the ratings into
/// groups × groups blocks. Block (u, m)
/// touches only the rows of user group u and movie group m, so the `groups` blocks of one
/// diagonal — (0, d), (1, d + 1), … — share no row and can run at once. An epoch visits the
/// diagonals in a seeded order, each block's ratings in a fresh seeded order.
///
/// Which thread runs which block of a diagonal changes nothing (the blocks are independent),
/// and the losses are added in block order: the same seed and block count give the same model
/// bit for bit, however the threads are scheduled.
struct BlockSchedule {
    let groups: Int
    /// Indices are grouped in runs of 2^shift: 16 biases fill a cache line, and two threads
    /// writing neighbouring biases of different groups would pass the line back and forth at
    /// every rating (measured on 1M ratings, 2 threads: 12 ms an epoch with biases, 8.5 ms
    /// without; on 100k ratings with 100 factors, 36 ns a rating with 943 users dealt one by
    /// one, 26 ns in runs of 16). The runs are as long as a side's rows allow while each group
    /// still gets a few of them.
    let userShift: Int
    let itemShift: Int
    /// The ratings of block b = u·groups + m are `ranges[b]` of the reordered ratings.
    private(set) var ranges: [Range<Int>] = []

    /// Enough groups that each thread has at least four blocks per diagonal to balance the load
    /// (blocks differ in size; measured with 2 threads, 100k ratings: 1.13 ms an epoch with 4
    /// groups, 0.98 with 8; 1M: 7.5 and 5.9 ms), and that a block holds at most about 80,000
    /// ratings: a thread waiting at a diagonal's end (or at the end of the explorer's slice) waits
    /// for at most a block of about a millisecond, and the block's rows stay in cache (20M ratings,
    /// 2 threads: 8 groups 0.19–0.23 s an epoch, 16 groups 0.17–0.19 s, 32 groups 0.17–0.19 s).
    static func groups(threads: Int, ratings: Int) -> Int {
        let t = max(2, threads)
        let perThread = Int(((Double(max(0, ratings)) / 80_000).squareRoot() / Double(t)).rounded(.up))
        return t * max(4, perThread)
    }

    /// Groups for AdamW's mini-batches, or nil when blocks would not pay. A rating there
    /// updates three tables of rows a side (factors and two moments), so blocks must be small
    /// for their rows to stay in cache: about √(ratings / 5000) groups (64 on 20M ratings;
    /// measured with 2 threads: 8 groups 8.0 s an epoch, 32 groups 6.4 s, 64 groups 5.3 s,
    /// 128 groups 5.9 s). But a block must also keep many more movies and users than a batch
    /// has ratings: Adam moves a row by about the learning rate each time it is touched, and a
    /// batch drawn from a few rows touches each of them in fewer, larger steps, which trains
    /// less (on 6,000 ratings in 4 blocks the error rose 4%). Small data sets, which train in
    /// milliseconds anyway, are not split.
    static func adamGroups(threads: Int, ratings: Int, users: Int, items: Int, batch: Int) -> Int? {
        let perDiagonal = max(2, threads)
        let bySize = Int(((Double(ratings) / 5_000).squareRoot() / Double(perDiagonal)).rounded(.up))
        let byRows = min(users, items) / max(1, 8 * batch) / perDiagonal
        let multiple = min(bySize, byRows)
        return multiple >= 1 ? perDiagonal * multiple : nil
    }

    static func group(_ index: Int32, _ groups: Int, shift: Int = 0) -> Int {
        // A multiplicative hash: neighbouring indices (often similar users or movies) scatter.
        Int((UInt32(bitPattern: index >> Int32(shift)) &* 0x9E37_79B1) >> 7) % groups
    }

    /// The longest runs, up to 16 indices (shift 4), that still give each of `groups` groups
    /// at least four runs of a side of `rows` rows.
    static func shift(rows: Int, groups: Int) -> Int {
        (0...4).last { rows >= groups * 4 << $0 } ?? 0
    }

    func block(_ r: Rating) -> Int {
        Self.group(r.user, groups, shift: userShift) * groups + Self.group(r.item, groups, shift: itemShift)
    }

    /// Reorders `ratings` block by block, in place (an American flag sort: each rating is moved
    /// once, straight to its block, with no second copy of the ratings), and records each block's
    /// range. The order within a block is left as it falls: each block is shuffled after.
    /// `users` and `items` are the tables' row counts.
    init(_ ratings: inout [Rating], groups: Int, users: Int, items: Int) {
        self.groups = groups
        userShift = Self.shift(rows: users, groups: groups)
        itemShift = Self.shift(rows: items, groups: groups)
        let blocks = groups * groups
        var starts = [Int](repeating: 0, count: blocks + 1)
        for r in ratings { starts[block(r) + 1] += 1 }
        for b in 0..<blocks { starts[b + 1] += starts[b] }
        ranges = (0..<blocks).map { starts[$0]..<starts[$0 + 1] }
        var next = starts
        ratings.withUnsafeMutableBufferPointer { buf in
            for b in 0..<blocks {
                while next[b] < starts[b + 1] {
                    var carried = buf[next[b]]
                    var target = block(carried)
                    // Follow the cycle: put the carried rating in its block's next free slot and
                    // carry on with the one that was there, until one belongs here.
                    while target != b {
                        swap(&carried, &buf[next[target]])
                        next[target] += 1
                        target = block(carried)
                    }
                    buf[next[b]] = carried
                    next[b] += 1
                }
            }
        }
    }

    /// The blocks of diagonal `d`: (u, (u + d) mod groups) for every user group u.
    func diagonal(_ d: Int) -> [Int] {
        (0..<groups).map { u in u * groups + (u + d) % groups }
    }
}
