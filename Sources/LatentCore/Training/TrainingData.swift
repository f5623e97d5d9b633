/// The training ratings, packed as the kernels read them (12 bytes each), and the held-out ones.
/// The trainer takes the training ratings over as its visiting order, so they exist once.
public struct TrainingData: Sendable {
    /// The training ratings (emptied by the trainer, which keeps them as its epoch order).
    public var train: [Rating]
    public let trainCount: Int
    public let trainMean: Float
    public var valid: HeldOutRatings
    public var userCount: Int
    public var itemCount: Int
    public var scale: RatingScale
    /// Which users and movies have at least one training rating; the others are predicted from what is known.
    public var userSeen: [Bool]
    public var itemSeen: [Bool]
    /// The movies' genres as factor rows (the `genres` preset), when the data set has genres.
    public var itemGenres: GenreMatrix?

    /// Packs the table's training ratings in one pass, in order; the held-out ones stay in the
    /// table, read at their positions.
    public init(dataset: Dataset, split: Split) {
        let t = dataset.ratings
        var train = [Rating]()
        train.reserveCapacity(max(0, t.count - split.valid.count))
        t.users.withUnsafeBufferPointer { u in
            t.items.withUnsafeBufferPointer { m in
                do {
                    let v = t.values
                    split.valid.withUnsafeBufferPointer { held in
                        var next = 0
                        for i in 0..<t.count {
                            let r = Rating(user: u[i], item: m[i], value: v[i])
                            if next < held.count && Int(held[next]) == i {
                                next += 1
                            } else {
                                train.append(r)
                            }
                        }
                    }
                }
            }
        }
        self.init(train: train, valid: HeldOutRatings(t, positions: split.valid), userCount: t.userCount, itemCount: t.itemCount, scale: dataset.scale)
        itemGenres = GenreMatrix(dataset: dataset)
    }

    public init(train: [Rating], valid: [Rating] = [], userCount: Int, itemCount: Int, scale: RatingScale) {
        self.init(train: train, valid: HeldOutRatings(valid), userCount: userCount, itemCount: itemCount, scale: scale)
    }

    init(train: [Rating], valid: HeldOutRatings, userCount: Int, itemCount: Int, scale: RatingScale) {
        self.train = train; self.valid = valid
        self.userCount = userCount; self.itemCount = itemCount; self.scale = scale
        trainCount = train.count
        var sum = 0.0
        for r in train { sum += Double(r.value) }
        trainMean = train.isEmpty ? (scale.min + scale.max) / 2 : Float(sum / Double(train.count))
        userSeen = [Bool](repeating: false, count: userCount)
        itemSeen = [Bool](repeating: false, count: itemCount)
        for r in train {
            userSeen[Int(r.user)] = true
            itemSeen[Int(r.item)] = true
        }
    }

    /// Columns, as a test or a benchmark makes them.
    public init(trainUsers: [Int32], trainItems: [Int32], trainValues: [Float],
                validUsers: [Int32] = [], validItems: [Int32] = [], validValues: [Float] = [],
                userCount: Int, itemCount: Int, scale: RatingScale) {
        self.init(train: (0..<trainValues.count).map { Rating(user: trainUsers[$0], item: trainItems[$0], value: trainValues[$0]) },
                  valid: (0..<validValues.count).map { Rating(user: validUsers[$0], item: validItems[$0], value: validValues[$0]) },
                  userCount: userCount, itemCount: itemCount, scale: scale)
    }

    /// Adds user rows with no ratings yet (the explorer's person).
    public mutating func addUsers(_ n: Int) {
        userCount += n
        userSeen += [Bool](repeating: false, count: n)
    }

    public var validCount: Int { valid.count }

    /// The training ratings handed over (to the trainer, which owns them from then on).
    mutating func takeTrain() -> [Rating] {
        defer { train = [] }
        return train
    }
}

/// The held-out ratings: in a data set, read from the table at their positions (four bytes a
/// rating, where a packed copy would take twelve); packed when given as ratings.
public struct HeldOutRatings: Sendable {
    private let packed: [Rating]
    private let table: RatingsTable?
    private let positions: [Int32]

    init(_ ratings: [Rating]) { packed = ratings; table = nil; positions = [] }
    init(_ table: RatingsTable, positions: [Int32]) { packed = []; self.table = table; self.positions = positions }

    public var count: Int { table == nil ? packed.count : positions.count }
    public var isEmpty: Bool { count == 0 }

    @inline(__always)
    public subscript(i: Int) -> Rating {
        guard let table else { return packed[i] }
        let p = Int(positions[i])
        return Rating(user: table.users[p], item: table.items[p], value: table.values[p])
    }

    /// Calls `body` with the held-out ratings `indices` (in order), reading the table's columns
    /// directly: the validation loop, without a lookup through the optional table per rating.
    @inline(__always)
    func forEach(_ indices: StrideTo<Int>, _ body: (Rating) -> Void) {
        guard let table else {
            packed.withUnsafeBufferPointer { r in for i in indices { body(r[i]) } }
            return
        }
        let values = table.values
        positions.withUnsafeBufferPointer { at in
            table.users.withUnsafeBufferPointer { u in
                table.items.withUnsafeBufferPointer { m in
                    for i in indices {
                        let p = Int(at[i])
                        body(Rating(user: u[p], item: m[p], value: values[p]))
                    }
                }
            }
        }
    }
}
