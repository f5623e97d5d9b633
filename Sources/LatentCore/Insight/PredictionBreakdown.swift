import Dispatch

/// One prediction taken apart into the steps the book teaches, with every number shown:
/// the one-hot lookup (computed both ways), the dot product, the biases, the squashing.
public struct PredictionBreakdown: Sendable, Equatable {
    public var user: Int
    public var item: Int
    public var userCount: Int
    public var itemCount: Int
    public var userFactors: [Float]
    public var itemFactors: [Float]
    /// `oneHot(user) · U`, the long way: a full vector–matrix product.
    public var oneHotTimesU: [Float]
    public var dot: Float
    public var userBias: Float
    public var itemBias: Float
    /// The mean added without a sigmoid (Surprise's SVD); 0 with one.
    public var mean: Float
    /// z = dot + biases (+ mean).
    public var score: Float
    public var yRange: ClosedRange<Float>?
    public var prediction: Float
    /// What the two paths to the user's row cost, measured: the full product (`userCount × factors`
    /// multiply-adds; nil when it was skipped) and the lookup (one row copy), in nanoseconds.
    public var productNanos: Double?
    /// The user's row of U and up to two rows either side: the product written out (`O`).
    public var rowsAround: [FactorRow] = []
    public var lookupNanos: Double

    /// Largest difference between the lookup `U[u]` and the product `oneHot(u) · U` (0 when
    /// equal; nil when the product was not computed this time).
    public var lookupDifference: Float? {
        guard oneHotTimesU.count == userFactors.count else { return nil }
        return zip(userFactors, oneHotTimesU).map { abs($0 - $1) }.max() ?? 0
    }

    /// Takes the model's prediction for (user, item) apart. `withProduct: false` skips the
    /// O(users × factors) one-hot product (then `oneHotTimesU` is empty, never the lookup copied).
    public init(model: DotProductBias, user: Int, item: Int, withProduct: Bool = true) {
        self.user = user
        self.item = item
        userCount = model.userCount
        itemCount = model.itemCount
        // The lookup is too quick to time once: time a thousand and divide.
        let lookupStart = DispatchTime.now().uptimeNanoseconds
        var row: [Float] = []
        for _ in 0..<1_000 { row = model.userFactors.lookup(user) }
        lookupNanos = Double(DispatchTime.now().uptimeNanoseconds - lookupStart) / 1_000
        userFactors = row
        itemFactors = model.itemFactors.lookup(item)
        rowsAround = (max(0, user - 2)...max(0, min(model.userCount - 1, user + 2))).filter { $0 < model.userCount }
            .map { FactorRow(index: $0, values: model.userFactors.lookup($0)) }
        if withProduct {
            let productStart = DispatchTime.now().uptimeNanoseconds
            oneHotTimesU = model.userFactors.multiply(Embedding.oneHot(user, count: model.userCount))
            productNanos = Double(DispatchTime.now().uptimeNanoseconds - productStart)
        } else {
            oneHotTimesU = []
            productNanos = nil
        }
        dot = zip(userFactors, itemFactors).map(*).reduce(0, +)
        userBias = model.config.useBias ? model.userBias.storage[user] : 0
        itemBias = model.config.useBias ? model.itemBias.storage[item] : 0
        mean = model.config.yRange == nil ? model.globalMean : 0
        score = dot + userBias + itemBias + mean
        yRange = model.config.yRange
        prediction = model.squash(score)
    }
}

/// One row of an embedding table, with its index.
public struct FactorRow: Sendable, Equatable {
    public var index: Int
    public var values: [Float]
    public init(index: Int, values: [Float]) { self.index = index; self.values = values }
}
