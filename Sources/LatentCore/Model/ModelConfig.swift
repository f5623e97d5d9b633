/// The shape of a dot-product model: how many factors, whether the output is squashed
/// into a rating range by a sigmoid (fastai) or left linear around the mean (Surprise's SVD).
public struct ModelConfig: Sendable, Codable, Equatable {
    public var factors: Int
    /// `y_range`: predictions are `lo + (hi − lo)·σ(z)`. Nil: `z + mean` unsquashed.
    public var yRange: ClosedRange<Float>?
    /// Whether the user and movie biases are used (and trained).
    public var useBias: Bool
    /// Standard deviation of the random initialisation (fastai 0.01, Surprise 0.1).
    public var initStd: Float

    public init(factors: Int = 50, yRange: ClosedRange<Float>? = 0...5.5, useBias: Bool = true, initStd: Float = 0.01) {
        self.factors = factors; self.yRange = yRange; self.useBias = useBias; self.initStd = initStd
    }
}
