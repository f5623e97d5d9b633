/// A partition of the ratings (by index into the table's columns) into training and validation.
public struct Split: Sendable, Equatable {
    public var train: [Int32]
    public var valid: [Int32]

    public init(train: [Int32], valid: [Int32]) {
        self.train = train; self.valid = valid
    }

    /// A seeded random hold-out of `validFraction` of the ratings (fastai's `valid_pct`, 0.2 by default).
    public static func random(count: Int, validFraction: Double = 0.2, seed: UInt64) -> Split {
        let nValid = Int((Double(count) * min(max(validFraction, 0), 1)).rounded())
        // Draw exactly nValid distinct indices (a partial Fisher–Yates), then read the
        // mask in order: both lists come out sorted without a sort.
        var order = [Int32](unsafeUninitializedCapacity: count) { buf, n in
            for i in 0..<count { buf[i] = Int32(i) }
            n = count
        }
        var rng = SeededRandom(seed: seed ^ 0x5EED_5117)
        var isValid = [Bool](repeating: false, count: count)
        for i in 0..<nValid {
            let j = i + rng.nextIndex(below: count - i)
            order.swapAt(i, j)
            isValid[Int(order[i])] = true
        }
        var train = [Int32](), valid = [Int32]()
        train.reserveCapacity(count - nValid); valid.reserveCapacity(nValid)
        for i in 0..<count {
            if isValid[i] { valid.append(Int32(i)) } else { train.append(Int32(i)) }
        }
        return Split(train: train, valid: valid)
    }
}
