import Foundation

/// Random ratings shaped like a MovieLens release (users, movies, ratings, a long-tailed
/// popularity), for benchmarks: fast to make, no structure to learn.
public enum SyntheticRatings {
    public struct Shape: Sendable, Equatable {
        public var name: String
        public var users: Int
        public var items: Int
        public var ratings: Int
        public init(name: String, users: Int, items: Int, ratings: Int) {
            self.name = name; self.users = users; self.items = items; self.ratings = ratings
        }
        public static let ml100k = Shape(name: "synthetic-100k", users: 943, items: 1_682, ratings: 100_000)
        public static let ml1m = Shape(name: "synthetic-1m", users: 6_040, items: 3_706, ratings: 1_000_000)
        public static let ml25m = Shape(name: "synthetic-25m", users: 162_541, items: 59_047, ratings: 25_000_095)
    }

    /// Columns (user, item, rating) with popularity skewed like real logs (a power law over movies).
    public static func make(_ shape: Shape, seed: UInt64 = 7) -> (users: [Int32], items: [Int32], values: [Float]) {
        var rng = SeededRandom(seed: seed)
        var users = [Int32](repeating: 0, count: shape.ratings)
        var items = [Int32](repeating: 0, count: shape.ratings)
        var values = [Float](repeating: 0, count: shape.ratings)
        let nI = Double(shape.items)
        for i in 0..<shape.ratings {
            users[i] = Int32(rng.nextIndex(below: shape.users))
            // u^3 concentrates draws on low indices: a long tail of rarely rated movies.
            let x = rng.nextUnit()
            items[i] = Int32(min(nI - 1, (x * x * x * nI).rounded(.down)))
            values[i] = Float(1 + rng.nextIndex(below: 5))
        }
        return (users, items, values)
    }

    /// The same as a `TrainingData` with no validation part.
    public static func trainingData(_ shape: Shape, seed: UInt64 = 7) -> TrainingData {
        let (u, m, v) = make(shape, seed: seed)
        return TrainingData(trainUsers: u, trainItems: m, trainValues: v, userCount: shape.users, itemCount: shape.items,
                            scale: RatingScale(min: 1, max: 5, step: 1))
    }

    /// Writes an ml-latest `ratings.csv` laid out as MovieLens publishes one: `shape.ratings`
    /// distinct (user, movie) pairs, ordered by user and then movie, in half stars (for the load
    /// benchmark, which should meet the file a person downloads, not a worst case).
    public static func writeCSV(_ shape: Shape, to url: URL, seed: UInt64 = 7) throws {
        let keys = distinctPairs(shape, seed: seed)
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw DataError(file: url.path, "cannot be created")
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var chunk = "userId,movieId,rating,timestamp\n"
        chunk.reserveCapacity(1 << 22)
        for key in keys {
            let user = key >> 32, item = key & 0xFFFF_FFFF
            // A value from the pair itself: 0.5 to 5 in half stars.
            let halfStars = 1 + Int((key &* 0x9E37_79B9_7F4A_7C15) >> 60) % 10
            chunk += "\(user + 1),\(item + 1),\(halfStars / 2).\(halfStars % 2 == 1 ? 5 : 0),1100000000\n"
            if chunk.utf8.count > (1 << 22) - 64 {
                try handle.write(contentsOf: Data(chunk.utf8))
                chunk.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: Data(chunk.utf8))
    }

    /// `shape.ratings` distinct pairs (user << 32 | item), ascending: drawn as `make` draws them,
    /// with more draws for the repeats, and the surplus dropped at evenly spaced places.
    static func distinctPairs(_ shape: Shape, seed: UInt64) -> [UInt64] {
        var keys: [UInt64] = []
        var round: UInt64 = 0
        while keys.count < shape.ratings {
            let wanted = shape.ratings - keys.count
            var more = shape
            more.ratings = round == 0 ? wanted : wanted + wanted / 8 + 64
            let (u, m, _) = make(more, seed: seed &+ round)
            keys += (0..<u.count).map { UInt64(u[$0]) << 32 | UInt64(m[$0]) }
            keys.sort()
            var unique = 0
            for i in keys.indices where unique == 0 || keys[i] != keys[unique - 1] {
                keys[unique] = keys[i]
                unique += 1
            }
            keys.removeLast(keys.count - unique)
            round += 1
        }
        let surplus = keys.count - shape.ratings
        if surplus > 0 {
            let every = keys.count / surplus
            var dropped = 0
            keys = keys.enumerated().compactMap { i, k in
                if dropped < surplus && i % every == every - 1 { dropped += 1; return nil }
                return k
            }
        }
        return keys
    }
}
