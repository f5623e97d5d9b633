import CKernels
import Foundation

/// The book's neural network for collaborative filtering (`CollabNN`, chapter 8, "Deep Learning
/// for Collaborative Filtering"): a user's and a movie's embeddings side by side (no dot product),
/// through Linear → ReLU layers and a last Linear to one number, squashed into the rating range
/// by `sigmoid_range`. The embeddings may have different sizes: fastai's rule gives each side
/// its own (`embeddingSize`).
///
/// Parameters live in flat arrays laid out for the C kernel (`ll_mlp_batch`): layer l's weights
/// are stride[l] × stride[l + 1] floats, row i the weights out of input i, every width padded
/// to a multiple of 8 with zeros that stay zero. This file has the forward pass for one cell in
/// plain Swift (what the explorer shows and the tests check the kernel against).
public final class CollabNN {
    public let userCount: Int, itemCount: Int
    /// The embedding sizes and the hidden layers' widths.
    public let userSize: Int, itemSize: Int
    public let hidden: [Int]
    public let yRange: ClosedRange<Float>
    /// Padded widths: stride[0] the input (userSize + itemSize), stride[l] hidden layer l.
    public let strides: [Int]

    public let userEmbedding: Embedding
    public let itemEmbedding: Embedding
    /// Every layer's parameters in one flat buffer (`DenseLayout`): one AdamW loop updates them
    /// all, and the kernel reads each layer at its offset.
    let layout: DenseLayout
    let dense: UnsafeMutableBufferPointer<Float>

    /// fastai's `emb_sz_rule`: min(600, round(1.6 · n^0.56)) for a variable of n values (counting
    /// its `#na#`): 74 for MovieLens 100k's 943 users, 103 for its 1,682 movies.
    public static func embeddingSize(_ count: Int) -> Int {
        min(600, max(1, Int((1.6 * pow(Double(count + 1), 0.56)).rounded())))
    }

    static func padded(_ n: Int) -> Int { (n + 7) / 8 * 8 }

    /// `itemEmbedding`: a table of items × itemSize to use as the movies' embedding (the
    /// explorer's views read the same table through a `DotProductBias`), else a fresh one.
    public init(users: Int, items: Int, userSize: Int, itemSize: Int, hidden: [Int], yRange: ClosedRange<Float>, itemEmbedding: Embedding? = nil) {
        userCount = users; itemCount = items
        self.userSize = userSize; self.itemSize = itemSize
        self.hidden = hidden
        self.yRange = yRange
        let strides = [Self.padded(userSize + itemSize)] + hidden.map(Self.padded)
        self.strides = strides
        userEmbedding = Embedding(rows: users, dim: userSize)
        if let shared = itemEmbedding, shared.rows == items, shared.dim == itemSize {
            self.itemEmbedding = shared
        } else {
            self.itemEmbedding = Embedding(rows: items, dim: itemSize)
        }
        layout = DenseLayout(strides: strides)
        dense = .allocate(capacity: layout.count)
        dense.initialize(repeating: 0)
    }

    deinit { dense.deallocate() }

    /// Layer l's weight from input i to unit j, and its bias of unit j; the output layer's.
    public func weight(_ l: Int, _ i: Int, _ j: Int) -> Float { dense[layout.weights[l] + i * strides[l + 1] + j] }
    public func bias(_ l: Int, _ j: Int) -> Float { dense[layout.biases[l] + j] }
    public func outputWeight(_ j: Int) -> Float { dense[layout.outputWeights + j] }
    public var outputBias: Float { dense[layout.outputBias] }

    /// Widths the kernel can take: 1–4 hidden layers of 1–1,024 units.
    public static func validate(hidden: [Int], userSize: Int, itemSize: Int) -> String? {
        if hidden.isEmpty || hidden.count > Int(LL_MLP_MAX_LAYERS) { return "the network takes 1 to \(LL_MLP_MAX_LAYERS) hidden layers (--layers 100 or 100,50)" }
        if let bad = hidden.first(where: { $0 < 1 || padded($0) > Int(LL_MLP_MAX_WIDTH) }) { return "a hidden layer has 1 to \(LL_MLP_MAX_WIDTH) units (got \(bad))" }
        if userSize < 1 || itemSize < 1 || padded(userSize + itemSize) > 4096 { return "the embeddings together must have 2 to 4,096 factors" }
        return nil
    }

    /// fastai's initialisation: embeddings N(0, 0.01) (its trunc_normal), linear layers as
    /// PyTorch's `nn.Linear` (weights and biases uniform in ±1/√fan_in).
    public func initialize(seed: UInt64, embeddingStd: Float = 0.01) {
        var rng = SeededRandom(seed: seed)
        userEmbedding.initialize(std: embeddingStd, rng: &rng)
        itemEmbedding.initialize(std: embeddingStd, rng: &rng)
        let inputs = [userSize + itemSize] + hidden
        func uniform(_ bound: Float) -> Float { Float(rng.nextUnit() * 2 - 1) * bound }
        for l in 0..<hidden.count {
            let bound = 1 / Float(inputs[l]).squareRoot()
            for i in 0..<inputs[l] { for j in 0..<hidden[l] { dense[layout.weights[l] + i * strides[l + 1] + j] = uniform(bound) } }
            for j in 0..<hidden[l] { dense[layout.biases[l] + j] = uniform(bound) }
        }
        let bound = 1 / Float(hidden[hidden.count - 1]).squareRoot()
        for j in 0..<hidden[hidden.count - 1] { dense[layout.outputWeights + j] = uniform(bound) }
        dense[layout.outputBias] = uniform(bound)
    }

    /// The input of a cell: U[u] then M[m], padded.
    public func input(user u: Int, item m: Int) -> [Float] {
        var x = [Float](repeating: 0, count: strides[0])
        for j in 0..<userSize { x[j] = userEmbedding[u, j] }
        for j in 0..<itemSize { x[userSize + j] = itemEmbedding[m, j] }
        return x
    }

    /// Every layer's activations for one cell (the input, each hidden layer after its ReLU),
    /// the output before the squashing, and the prediction: what the step panel draws.
    public struct Activations: Sendable, Equatable {
        public var layers: [[Float]]
        public var output: Float
        public var prediction: Float
    }

    public func activations(user u: Int, item m: Int) -> Activations {
        var a = input(user: u, item: m)
        var layers = [Array(a.prefix(userSize + itemSize))]
        for l in 0..<hidden.count {
            var z = (0..<strides[l + 1]).map { bias(l, $0) }
            for i in 0..<strides[l] where a[i] != 0 {
                let ai = a[i]
                for j in 0..<strides[l + 1] { z[j] += ai * weight(l, i, j) }
            }
            a = z.map { max(0, $0) }
            layers.append(Array(a.prefix(hidden[l])))
        }
        var out = outputBias
        for j in 0..<hidden[hidden.count - 1] { out += a[j] * outputWeight(j) }
        return Activations(layers: layers, output: out, prediction: squash(out))
    }

    public func predict(user u: Int, item m: Int) -> Float { activations(user: u, item: m).prediction }

    /// fastai's `sigmoid_range`.
    func squash(_ z: Float) -> Float {
        let s = z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
        return yRange.lowerBound + (yRange.upperBound - yRange.lowerBound) * s
    }

    /// Parameters in total (what the help and the docs compare with the dot product's).
    public var parameterCount: Int {
        userCount * userSize + itemCount * itemSize
            + zip([userSize + itemSize] + hidden, hidden).map { ($0 + 1) * $1 }.reduce(0, +) + hidden[hidden.count - 1] + 1
    }
}

/// Where each layer's parameters sit in the flat buffer: w[0], b[0], w[1], b[1], …, the output
/// weights, the output bias (the gradients and Adam's moments use the same layout).
struct DenseLayout: Equatable {
    var weights: [Int] = [], biases: [Int] = []
    var outputWeights = 0, outputBias = 0
    var count = 0

    init(strides: [Int]) {
        for l in 0..<(strides.count - 1) {
            weights.append(count); count += strides[l] * strides[l + 1]
            biases.append(count); count += strides[l + 1]
        }
        outputWeights = count; count += strides[strides.count - 1]
        outputBias = count; count += 1
        // Whole vectors for the AdamW kernel (the padding's gradient is always zero).
        count = (count + 7) / 8 * 8
    }
}
