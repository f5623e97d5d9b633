/// The training and validation ratings as flat columns, ready for the inner loops.
public struct TrainingData: Sendable {
    public var trainUsers: [Int32]
    public var trainItems: [Int32]
    public var trainValues: [Float]
    public var validUsers: [Int32]
    public var validItems: [Int32]
    public var validValues: [Float]
    public var userCount: Int
    public var itemCount: Int
    public var scale: RatingScale
    /// Which users and movies have at least one training rating; the others are predicted from what is known.
    public var userSeen: [Bool]
    public var itemSeen: [Bool]
    /// The movies' genres as factor rows (the `genres` preset), when the data set has genres.
    public var itemGenres: GenreMatrix?

    public init(dataset: Dataset, split: Split) {
        let t = dataset.ratings
        func gather(_ idx: [Int32]) -> ([Int32], [Int32], [Float]) {
            var u = [Int32](), m = [Int32](), v = [Float]()
            u.reserveCapacity(idx.count); m.reserveCapacity(idx.count); v.reserveCapacity(idx.count)
            t.users.withUnsafeBufferPointer { tu in
                t.items.withUnsafeBufferPointer { tm in
                    t.values.withUnsafeBufferPointer { tv in
                        for i in idx { let r = Int(i); u.append(tu[r]); m.append(tm[r]); v.append(tv[r]) }
                    }
                }
            }
            return (u, m, v)
        }
        (trainUsers, trainItems, trainValues) = gather(split.train)
        (validUsers, validItems, validValues) = gather(split.valid)
        userCount = t.userCount
        itemCount = t.itemCount
        scale = dataset.scale
        itemGenres = GenreMatrix(dataset: dataset)
        userSeen = []; itemSeen = []
        recomputeSeen()
    }

    public init(trainUsers: [Int32], trainItems: [Int32], trainValues: [Float],
                validUsers: [Int32] = [], validItems: [Int32] = [], validValues: [Float] = [],
                userCount: Int, itemCount: Int, scale: RatingScale) {
        self.trainUsers = trainUsers; self.trainItems = trainItems; self.trainValues = trainValues
        self.validUsers = validUsers; self.validItems = validItems; self.validValues = validValues
        self.userCount = userCount; self.itemCount = itemCount; self.scale = scale
        userSeen = []; itemSeen = []
        recomputeSeen()
    }

    /// Adds user rows with no ratings yet (the explorer's person).
    public mutating func addUsers(_ n: Int) {
        userCount += n
        userSeen += [Bool](repeating: false, count: n)
    }

    mutating func recomputeSeen() {
        userSeen = [Bool](repeating: false, count: userCount)
        itemSeen = [Bool](repeating: false, count: itemCount)
        for u in trainUsers { userSeen[Int(u)] = true }
        for m in trainItems { itemSeen[Int(m)] = true }
    }

    public var trainCount: Int { trainValues.count }
    public var validCount: Int { validValues.count }

    public var trainMean: Float {
        guard !trainValues.isEmpty else { return (scale.min + scale.max) / 2 }
        var s = 0.0
        for v in trainValues { s += Double(v) }
        return Float(s / Double(trainValues.count))
    }
}
