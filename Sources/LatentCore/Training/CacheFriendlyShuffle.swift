/// A uniformly random permutation that stays in cache (Rao–Sandelius): deal the elements
/// into random buckets small enough for the L2 cache, then Fisher–Yates each bucket.
///
/// A plain Fisher–Yates over millions of ratings swaps with a random far-away element
/// every time, a cache miss each; on a million ratings that cost as much as the training
/// epoch itself. Dealing into buckets is a sequential scatter and each bucket shuffle stays
/// in cache. Dealing uniformly into buckets and shuffling each uniformly gives a uniform
/// permutation overall.
struct CacheFriendlyShuffle<Element> {
    private var scratch: [Element] = []
    private var bucketOf: [UInt16] = []

    /// Elements per bucket: 8K ratings of 12 bytes is about 100 KB.
    static var bucketSize: Int { 2048 }

    mutating func shuffle(_ items: inout [Element], rng: inout SeededRandom) {
        let n = items.count
        var buckets = 1
        while buckets < 32768 && n / buckets > Self.bucketSize { buckets <<= 1 }
        if buckets == 1 {
            fisherYates(&items, 0..<n, &rng)
            return
        }
        let mask = UInt64(buckets - 1)
        if bucketOf.count != n { bucketOf = [UInt16](repeating: 0, count: n) }
        var counts = [Int](repeating: 0, count: buckets + 1)
        bucketOf.withUnsafeMutableBufferPointer { b in
            var i = 0
            while i < n {
                // One 64-bit draw gives four 16-bit bucket choices.
                var bits = rng.next()
                var k = 0
                while k < 4 && i < n {
                    let bucket = Int(bits & mask)
                    b[i] = UInt16(bucket)
                    counts[bucket + 1] += 1
                    bits >>= 16
                    i += 1; k += 1
                }
            }
        }
        for k in 0..<buckets { counts[k + 1] += counts[k] }
        if scratch.count != n { scratch = items }
        var cursor = counts
        items.withUnsafeBufferPointer { src in
            scratch.withUnsafeMutableBufferPointer { dst in
                bucketOf.withUnsafeBufferPointer { b in
                    for i in 0..<n {
                        let k = Int(b[i])
                        dst[cursor[k]] = src[i]
                        cursor[k] += 1
                    }
                }
            }
        }
        for k in 0..<buckets { fisherYates(&scratch, counts[k]..<counts[k + 1], &rng) }
        swap(&items, &scratch)
    }

    private func fisherYates(_ a: inout [Element], _ range: Range<Int>, _ rng: inout SeededRandom) {
        a.withUnsafeMutableBufferPointer { buf in
            var i = range.upperBound - 1
            while i > range.lowerBound {
                let j = range.lowerBound + rng.nextIndex(below: i - range.lowerBound + 1)
                buf.swapAt(i, j)
                i -= 1
            }
        }
    }
}
