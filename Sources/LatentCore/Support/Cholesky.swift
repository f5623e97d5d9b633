/// A symmetric positive-definite system by its Cholesky factor, in one place for the fold-in, the
/// planted-structure map and the Gibbs sampler's Gaussian rows. Matrices are n×n, row-major; only
/// the lower triangle is read.
enum Cholesky {
    /// The lower factor L of A = L Lᵀ, in place in A's lower triangle. A pivot that is not
    /// positive (round-off) is floored.
    static func factor(_ a: inout [Double], _ n: Int) {
        for i in 0..<n {
            for j in 0...i {
                var s = a[i * n + j]
                for p in 0..<j { s -= a[i * n + p] * a[j * n + p] }
                if i == j { a[i * n + i] = max(s, 1e-12).squareRoot() } else { a[i * n + j] = s / a[j * n + j] }
            }
        }
    }

    /// y with L y = b.
    static func forward(_ l: [Double], _ b: [Double], _ n: Int) -> [Double] {
        var y = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var s = b[i]
            for p in 0..<i { s -= l[i * n + p] * y[p] }
            y[i] = s / l[i * n + i]
        }
        return y
    }

    /// x with Lᵀ x = y + z, where `z(i)` is added to the right-hand side as each entry is solved
    /// (0 for a plain solve; standard normal noise for a Gaussian draw).
    static func backward(_ l: [Double], _ y: [Double], _ n: Int, adding z: (Int) -> Double = { _ in 0 }) -> [Double] {
        var x = [Double](repeating: 0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = y[i] + z(i)
            for p in (i + 1)..<n { s -= l[p * n + i] * x[p] }
            x[i] = s / l[i * n + i]
        }
        return x
    }

    /// w with A w = b.
    static func solve(_ a: [Double], _ b: [Double], _ n: Int) -> [Double] {
        var l = a
        factor(&l, n)
        return backward(l, forward(l, b, n), n)
    }
}
