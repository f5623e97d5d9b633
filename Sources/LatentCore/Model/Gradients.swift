/// The gradient of one parameter table for one mini-batch, kept sparse: only the
/// rows that the batch touched are zeroed, filled and visited, so a step costs
/// what the batch costs, however many users and movies the data set has.
public final class SparseGradient {
    public let values: Embedding
    /// Rows touched by the current batch, in first-touch order.
    public private(set) var touched: [Int32] = []
    private var mark: [UInt32]
    private var stamp: UInt32 = 0
    /// A row whose gradient is thrown away (-1: none): the explorer's person, whose row only
    /// the fold-in writes. `row` hands out a scratch row for it, which no optimizer visits.
    public internal(set) var frozenRow = -1
    /// Every row frozen (the `genres` preset's movie factors): no optimizer touches the table.
    public internal(set) var frozenAll = false
    private let scratch: Embedding

    init(shapedLike parameters: Embedding) {
        values = Embedding(shapedLike: parameters)
        mark = [UInt32](repeating: 0, count: parameters.rows)
        scratch = Embedding(rows: 1, dim: parameters.dim, stride: parameters.stride)
    }

    /// Starts a new batch: forgets the touched rows without clearing the whole table.
    func begin() {
        stamp &+= 1
        if stamp == 0 { // wrapped: clear marks once every 4 billion batches
            for i in mark.indices { mark[i] = 0 }
            stamp = 1
        }
        touched.removeAll(keepingCapacity: true)
    }

    /// The gradient row `i`, zeroed the first time the batch touches it.
    @inline(__always)
    func row(_ i: Int) -> UnsafeMutablePointer<Float> {
        if i == frozenRow || frozenAll {
            scratch.storage.update(repeating: 0, count: scratch.stride)
            return scratch.storage
        }
        let p = values.row(i)
        if mark[i] != stamp {
            mark[i] = stamp
            touched.append(Int32(i))
            p.update(repeating: 0, count: values.stride)
        }
        return p
    }

    /// Whether row `i` has a gradient in the current batch.
    public func isTouched(_ i: Int) -> Bool { mark[i] == stamp }

    /// Gradient row `i` as `dim` floats (zeros when the batch did not touch it).
    public func lookup(_ i: Int) -> [Float] {
        isTouched(i) ? values.lookup(i) : [Float](repeating: 0, count: values.dim)
    }
}

/// The gradients of all four parameter tables of a `DotProductBias`.
public final class Gradients {
    public let userFactors: SparseGradient
    public let itemFactors: SparseGradient
    public let userBias: SparseGradient
    public let itemBias: SparseGradient

    public init(for model: DotProductBias) {
        userFactors = SparseGradient(shapedLike: model.userFactors)
        itemFactors = SparseGradient(shapedLike: model.itemFactors)
        userBias = SparseGradient(shapedLike: model.userBias)
        itemBias = SparseGradient(shapedLike: model.itemBias)
    }

    var all: [SparseGradient] { [userFactors, itemFactors, userBias, itemBias] }

    /// Throws away every gradient of the movie factors (they are fixed: the `genres` preset).
    func freezeItemFactors() { itemFactors.frozenAll = true }

    /// Throws away every gradient of user `u` (nil: none), so no optimizer ever updates its row.
    func freezeUser(_ u: Int?) {
        userFactors.frozenRow = u ?? -1
        userBias.frozenRow = u ?? -1
    }
}

extension DotProductBias {
    /// Steps 2 and 3 with their derivative: predicts the batch, returns its MSE loss, and
    /// fills `gradients` with ∂loss/∂parameter, derived by hand:
    ///
    ///     L = 1/B Σ (r̂ᵢ − yᵢ)²,   ∂L/∂zᵢ = 2/B (r̂ᵢ − yᵢ) · (hi − lo) σ(zᵢ)(1 − σ(zᵢ))
    ///     ∂zᵢ/∂U[u] = M[m],  ∂zᵢ/∂M[m] = U[u],  ∂zᵢ/∂bᵤ = ∂zᵢ/∂bₘ = 1
    ///
    /// Every gradient is taken at the parameters before any update (a true mini-batch step).
    @discardableResult
    public func lossAndGradients(_ batch: UnsafeBufferPointer<Rating>, predictions: UnsafeMutableBufferPointer<Float>,
                                 into g: Gradients) -> Float {
        for s in g.all { s.begin() }
        let n = batch.count
        guard n > 0 else { return 0 }
        let stride = userFactors.stride
        var loss = 0.0
        for i in 0..<n {
            let u = Int(batch[i].user), m = Int(batch[i].item)
            let (p, dz) = batchMSEGradient(score: score(user: u, item: m), target: batch[i].value, batchSize: n)
            predictions[i] = p
            let e = p - batch[i].value
            loss += Double(e * e)
            axpy(dz, itemFactors.row(m), g.userFactors.row(u), stride)
            axpy(dz, userFactors.row(u), g.itemFactors.row(m), stride)
            if config.useBias {
                g.userBias.row(u)[0] += dz
                g.itemBias.row(m)[0] += dz
            }
        }
        return Float(loss / Double(n))
    }
}

extension DotProductBias {
    /// One rating's prediction from its score `z`, and the derivative of the batch's mean squared
    /// error with respect to that score: 2/n · (r̂ − r) · dr̂/dz. The chain rule's one place: the
    /// gradients of a batch and the step panel's gradient of one watched cell both use it.
    @inline(__always)
    public func batchMSEGradient(score z: Float, target: Float, batchSize n: Int) -> (prediction: Float, dz: Float) {
        let p = squash(z)
        return (p, 2 / Float(Swift.max(1, n)) * (p - target) * squashSlope(z))
    }
}

/// One rating packed for the training loops: who, what, how many stars.
public struct Rating: Sendable, Equatable {
    public var user: Int32
    public var item: Int32
    public var value: Float
    public init(user: Int32, item: Int32, value: Float) { self.user = user; self.item = item; self.value = value }
}

extension DotProductBias {
    /// `lossAndGradients` for ratings held in an array.
    @discardableResult
    public func lossAndGradients(_ batch: [Rating], into g: Gradients) -> (loss: Float, predictions: [Float]) {
        var predictions = [Float](repeating: 0, count: batch.count)
        let loss = batch.withUnsafeBufferPointer { b in
            predictions.withUnsafeMutableBufferPointer { lossAndGradients(b, predictions: $0, into: g) }
        }
        return (loss, predictions)
    }
}
