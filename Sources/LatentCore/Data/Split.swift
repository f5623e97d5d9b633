/// A partition of the ratings (by position in the table) into training and validation, kept as
/// the held-out positions alone (sorted): the training ratings are all the others. Four bytes
/// per held-out rating, nothing per training rating (on 25M ratings, 20 MB instead of 100 MB).
public struct Split: Sendable, Equatable {
    /// How many ratings the partition covers.
    public let count: Int
    /// The held-out positions, ascending.
    public let valid: [Int32]

    public init(count: Int, valid: [Int32]) {
        self.count = count
        // Usually given in order already (a sort of 5M positions would cost a fifth of a second).
        var ordered = true
        for i in valid.indices.dropFirst() where valid[i] < valid[i - 1] { ordered = false; break }
        self.valid = ordered ? valid : valid.sorted()
    }

    /// A partition given by both sides (they must together be 0..<count, each once).
    public init(train: [Int32], valid: [Int32]) {
        self.init(count: train.count + valid.count, valid: valid)
    }

    public var trainCount: Int { count - valid.count }

    /// The training positions, ascending (made on demand: the trainer never needs them).
    public var train: [Int32] {
        var out = [Int32]()
        out.reserveCapacity(trainCount)
        var next = 0
        for i in 0..<Int32(count) {
            if next < valid.count && valid[next] == i { next += 1 } else { out.append(i) }
        }
        return out
    }

    /// A seeded random hold-out of `validFraction` of the ratings (fastai's `valid_pct`, 0.2 by
    /// default): exactly that many, drawn by selection sampling (Knuth's algorithm S), which
    /// visits the positions in order and so needs no memory but the result.
    /// Whether the rating at `index` of the table is held out for validation (never trained on).
    public func holdsOut(_ index: Int) -> Bool { valid.binarySearchContains(Int32(truncatingIfNeeded: index)) }

    public static func random(count: Int, validFraction: Double = 0.2, seed: UInt64) -> Split {
        let nValid = Int((Double(count) * min(max(validFraction, 0), 1)).rounded())
        var rng = SeededRandom(seed: seed ^ 0x5EED_5117)
        var valid = [Int32]()
        valid.reserveCapacity(nValid)
        var needed = nValid
        for i in 0..<count where needed > 0 {
            // Take position i with probability needed / (positions left).
            if rng.nextIndex(below: count - i) < needed {
                valid.append(Int32(i))
                needed -= 1
            }
        }
        return Split(count: count, valid: valid)
    }
}

extension Dataset {
    /// The split training uses, in the CLI and the explorer alike: the release's own (ml-100k's
    /// u1.base/u1.test, --train/--valid), or a seeded random one holding out `validFraction`.
    /// Returns where a random split came from (nil for the release's own), which a session keeps
    /// to validate on the same ratings when it resumes.
    public func trainingSplit(validFraction: Double, seed: UInt64) -> (split: Split, source: (seed: UInt64, fraction: Double)?) {
        if let predefinedSplit { return (predefinedSplit, nil) }
        return (Split.random(count: ratings.count, validFraction: validFraction, seed: seed), (seed, validFraction))
    }
}
