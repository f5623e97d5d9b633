import Foundation

/// The draws a Gibbs sweep needs: a row from a Gaussian given by its precision matrix and its
/// precision-weighted mean, and a Gamma variable, from a seeded generator (so a sweep is the
/// same for a seed whatever the thread count: each row has a stream of its own).
enum GaussianDraw {
    /// A draw from N(Λ⁻¹ b, Λ⁻¹): with Λ = L Lᵀ, the mean solves L Lᵀ m = b, and m + L⁻ᵀ z with z
    /// standard normal has covariance L⁻ᵀ L⁻¹ = Λ⁻¹ (the mean and the noise in one back solve).
    /// `precision` is overwritten by its factor.
    static func sample(precision: inout [Double], _ b: [Double], _ n: Int, _ rng: inout SeededRandom) -> [Double] {
        Cholesky.factor(&precision, n)
        var draws = [Double](repeating: 0, count: n)
        // Drawn last to first, the order the back solve asks for them.
        for i in stride(from: n - 1, through: 0, by: -1) { draws[i] = rng.nextNormal() }
        return Cholesky.backward(precision, Cholesky.forward(precision, b, n), n, adding: { draws[$0] })
    }

    /// Gamma(shape, rate) by Marsaglia and Tsang's method (shape < 1 boosted by U^(1/shape)).
    static func gamma(shape: Double, rate: Double, _ rng: inout SeededRandom) -> Double {
        guard shape > 0, rate > 0, shape.isFinite, rate.isFinite else { return 1 }
        if shape < 1 {
            return gamma(shape: shape + 1, rate: rate, &rng) * pow(max(rng.nextUnit(), 1e-300), 1 / shape)
        }
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x = 0.0, v = 0.0
            repeat {
                x = rng.nextNormal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = rng.nextUnit()
            if u < 1 - 0.0331 * x * x * x * x { return d * v / rate }
            if log(max(u, 1e-300)) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v / rate }
        }
    }

    /// A stream of its own for one row of one sweep: SplitMix of the seed and the three indices.
    static func stream(seed: UInt64, sweep: Int, side: UInt64, row: Int) -> SeededRandom {
        var x = seed ^ 0x9E37_79B9_7F4A_7C15
        for v in [UInt64(truncatingIfNeeded: sweep), side, UInt64(truncatingIfNeeded: row)] {
            x = (x ^ v) &* 0xBF58_476D_1CE4_E5B9
            x ^= x >> 31
            x = x &* 0x94D0_49BB_1331_11EB
            x ^= x >> 29
        }
        return SeededRandom(seed: x)
    }
}
