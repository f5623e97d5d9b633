import CKernels

/// A uniformly random permutation that stays in cache (Rao–Sandelius): deal the ratings
/// into random buckets small enough for the L1 cache, then Fisher–Yates each bucket.
///
/// A plain Fisher–Yates over millions of ratings swaps with a random far-away element
/// every time, a cache miss each; on a million ratings that cost as much as the training
/// epoch itself. Dealing into buckets is a sequential scatter and each bucket shuffle stays
/// in cache. Dealing uniformly into buckets and shuffling each uniformly gives a uniform
/// permutation overall.
struct CacheFriendlyShuffle<Element> {
    private var scratch: [Element] = []
    private var bucketOf: [UInt16] = []

    /// Elements per bucket, at most: 2048 ratings of 12 bytes is 24 KB.
    static var bucketSize: Int { 2048 }

    mutating func shuffle(_ items: inout [Element], rng: inout SeededRandom) {
        let n = items.count
        guard n > 1 else { return }
        if Self.bucketCount(n) == 1 {
            items.withUnsafeMutableBufferPointer { Self.fisherYates($0, 0..<n, next: nil, &rng) }
            return
        }
        if scratch.count != n { scratch = items }
        items.withUnsafeBufferPointer { deal($0, n, &rng) }
        // The shuffled copy becomes the array; the old storage is the next call's scratch.
        swap(&items, &scratch)
    }

    /// Shuffles one block of a larger array in place (the parallel schedule): dealt into the
    /// scratch, then copied back. The scratch keeps its capacity from call to call, so a
    /// shuffler reused for blocks of different sizes allocates only for the largest.
    mutating func shuffle(_ items: UnsafeMutableBufferPointer<Element>, rng: inout SeededRandom) {
        let n = items.count
        guard let base = items.baseAddress, n > 1 else { return }
        if Self.bucketCount(n) == 1 {
            Self.fisherYates(items, 0..<n, next: nil, &rng)
            return
        }
        if scratch.count < n { scratch = Array(items) }
        deal(UnsafeBufferPointer(items), n, &rng)
        scratch.withUnsafeBufferPointer { if let from = $0.baseAddress { base.update(from: from, count: n) } }
    }

    static func bucketCount(_ n: Int) -> Int {
        var buckets = 1
        while buckets < 32768 && n / buckets > bucketSize { buckets <<= 1 }
        return buckets
    }

    /// The permutation of the first `n` elements of `items`, written to the scratch's first `n`.
    private mutating func deal(_ items: UnsafeBufferPointer<Element>, _ n: Int, _ rng: inout SeededRandom) {
        let buckets = Self.bucketCount(n)
        let mask = UInt64(buckets - 1)
        if bucketOf.count < n { bucketOf = [UInt16](repeating: 0, count: n) }
        var starts = [Int](repeating: 0, count: buckets + 1)
        var cursor = [Int](repeating: 0, count: buckets)
        starts.withUnsafeMutableBufferPointer { starts in
            bucketOf.withUnsafeMutableBufferPointer { b in
                // Deal: one 64-bit draw gives four 16-bit bucket choices.
                var i = 0
                while i < n {
                    var bits = rng.next()
                    var k = 0
                    while k < 4 && i < n {
                        let bucket = Int(bits & mask)
                        b[i] = UInt16(truncatingIfNeeded: bucket)
                        starts[bucket + 1] &+= 1
                        bits >>= 16
                        i &+= 1; k &+= 1
                    }
                }
                for k in 0..<buckets { starts[k + 1] &+= starts[k] }
                // Scatter each element to the next free slot of its bucket, and ask for the bucket's
                // cache line after next: a store to a line not in cache stalls until the line
                // arrives, and each bucket fills its lines in order (this more than halves the scatter).
                cursor.withUnsafeMutableBufferPointer { cursor in
                    for k in 0..<buckets { cursor[k] = starts[k] }
                    scratch.withUnsafeMutableBufferPointer { dst in
                        guard let base = dst.baseAddress else { return }
                        let last = n - 1
                        for i in 0..<n {
                            let k = Int(b[i])
                            let slot = cursor[k]
                            dst[slot] = items[i]
                            cursor[k] = slot &+ 1
                            ll_prefetch(base + min(slot &+ 11, last))
                        }
                    }
                }
            }
            scratch.withUnsafeMutableBufferPointer { dst in
                for k in 0..<buckets {
                    let next = k + 1 < buckets ? starts[k + 1]..<starts[k + 2] : nil
                    Self.fisherYates(dst, starts[k]..<starts[k + 1], next: next, &rng)
                }
            }
        }
    }

    /// Fisher–Yates on one bucket; meanwhile the next bucket is pulled into the cache, a little
    /// per swap (its random reads would otherwise each miss the cache: this halves the shuffle).
    private static func fisherYates(_ buf: UnsafeMutableBufferPointer<Element>, _ range: Range<Int>,
                                    next: Range<Int>?, _ rng: inout SeededRandom) {
        guard let base = buf.baseAddress else { return }
        let ahead = base + (next?.lowerBound ?? 0)
        let aheadCount = next?.count ?? 0
        let lower = range.lowerBound
        var i = range.upperBound - 1
        var t = 0
        // Two steps per 64-bit draw: position i swaps with one of lower...i, then i − 1 with one of lower...i − 1.
        while i > lower + 1 {
            if t < aheadCount { ll_prefetch(ahead + t) }
            t &+= 2
            let (j1, j2) = rng.nextIndexPair(below: UInt32(i - lower + 1), UInt32(i - lower))
            buf.swapAt(i, lower + j1)
            buf.swapAt(i - 1, lower + j2)
            i -= 2
        }
        if i > lower { buf.swapAt(i, lower + rng.nextIndex(below: i - lower + 1)) }
    }
}
