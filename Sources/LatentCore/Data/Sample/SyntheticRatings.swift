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

    /// Writes the ratings as an ml-latest `ratings.csv` (for load benchmarks).
    public static func writeCSV(_ shape: Shape, to url: URL, seed: UInt64 = 7) throws {
        let (u, m, v) = make(shape, seed: seed)
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw DataError(file: url.path, "cannot be created")
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var chunk = "userId,movieId,rating,timestamp\n"
        chunk.reserveCapacity(1 << 22)
        for i in 0..<u.count {
            chunk += "\(u[i] + 1),\(m[i] + 1),\(Int(v[i])).0,1100000000\n"
            if chunk.utf8.count > (1 << 22) - 64 {
                try handle.write(contentsOf: Data(chunk.utf8))
                chunk.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: Data(chunk.utf8))
    }
}
