/// Places a new person in a trained model without retraining: with the movie factors and
/// biases fixed, their factor row p and bias b are the ridge-regression solution of
///
///     minimise  Σⱼ (p · M[mⱼ] + b + bₘ[mⱼ] − tⱼ)² + λ (|p|² + b²)
///
/// where tⱼ is their rating turned back into a score (through the inverse sigmoid when the
/// model squashes, minus the mean when it does not). One (k+1)×(k+1) solve: instant.
public enum FoldIn {
    public struct Result: Sendable, Equatable {
        public var factors: [Float]
        public var bias: Float
    }

    /// Default ridge strength: enough to keep a person with one or two ratings near the origin.
    public static let defaultLambda: Float = 1.0

    /// How strongly a person's row is pulled to the origin.
    public enum Rule: Codable, Sendable, Equatable {
        /// λ, whatever the number of ratings (LatentLab's models).
        case ridge(Float)
        /// λ times the number of the person's ratings: Spark's ALS (ALS-WR), so that a folded-in
        /// row is the one Spark's user step would compute from the same ratings.
        case alsWR(Float)

        public static let standard = Rule.ridge(FoldIn.defaultLambda)

        public func lambda(ratings n: Int) -> Float {
            switch self {
            case .ridge(let l): return l
            case .alsWR(let l): return l * Float(n)
            }
        }
    }

    public static func solve(model: DotProductBias, ratings: [(item: Int, rating: Float)], rule: Rule = .standard) -> Result {
        solve(model: model, ratings: ratings, lambda: rule.lambda(ratings: ratings.count))
    }

    public static func solve(model: DotProductBias, ratings: [(item: Int, rating: Float)], lambda: Float) -> Result {
        let k = model.config.factors
        let useBias = model.config.useBias
        let d = useBias ? k + 1 : k
        guard !ratings.isEmpty else { return Result(factors: [Float](repeating: 0, count: k), bias: 0) }
        // Normal equations in Double for stability: (XᵀX + λI) w = Xᵀt.
        var a = [Double](repeating: 0, count: d * d)
        var rhs = [Double](repeating: 0, count: d)
        var x = [Double](repeating: 0, count: d)
        for (item, rating) in ratings {
            let row = model.itemFactors.row(item)
            for j in 0..<k { x[j] = Double(row[j]) }
            if useBias { x[k] = 1 }
            var t = Double(model.unsquash(rating))
            if useBias { t -= Double(model.itemBias.storage[item]) }
            for i in 0..<d {
                rhs[i] += x[i] * t
                for j in 0...i { a[i * d + j] += x[i] * x[j] }
            }
        }
        for i in 0..<d { a[i * d + i] += Double(lambda) }
        let w = choleskySolve(a, rhs, d)
        return Result(factors: (0..<k).map { Float(w[$0]) }, bias: useBias ? Float(w[k]) : 0)
    }

    /// Solves A w = b for a symmetric positive-definite A (lower triangle filled).
    static func choleskySolve(_ a: [Double], _ b: [Double], _ n: Int) -> [Double] { Cholesky.solve(a, b, n) }
}
