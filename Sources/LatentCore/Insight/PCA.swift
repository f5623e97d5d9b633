/// Principal components of a set of rows (the movie factors): the eigenvectors of their
/// covariance with the largest eigenvalues, found by power iteration with deflation.
///
/// Power iteration on the k×k covariance is cheap (k is the number of factors) and, warm
/// started from the previous components, converges in a few iterations while training moves
/// the factors a little; each component's sign is kept pointing the way it pointed before, so
/// a live map drifts instead of flipping. `SymmetricEigen` is the direct solver the tests
/// compare it with.
public enum PCA {
    public struct Result: Sendable, Equatable {
        /// The mean row (k values).
        public var mean: [Float]
        /// Unit eigenvectors, largest variance first.
        public var components: [[Float]]
        /// The variance along each component (its eigenvalue).
        public var variances: [Float]
        /// The total variance of the rows (the covariance's trace).
        public var totalVariance: Float
    }

    /// The covariance (k × k, row-major, in Double) and mean of `n` rows of `k` values.
    public static func covariance(_ rows: [Float], count n: Int, dim k: Int) -> (cov: [Double], mean: [Double]) {
        var mean = [Double](repeating: 0, count: k)
        guard n > 0, k > 0, rows.count >= n * k else { return ([Double](repeating: 0, count: k * k), mean) }
        for i in 0..<n { for j in 0..<k { mean[j] += Double(rows[i * k + j]) } }
        for j in 0..<k { mean[j] /= Double(n) }
        var cov = [Double](repeating: 0, count: k * k)
        var centred = [Double](repeating: 0, count: k)
        for i in 0..<n {
            for j in 0..<k { centred[j] = Double(rows[i * k + j]) - mean[j] }
            for a in 0..<k {
                let ca = centred[a]
                if ca == 0 { continue }
                for b in a..<k { cov[a * k + b] += ca * centred[b] }
            }
        }
        let scale = 1 / Double(max(1, n - 1))
        for a in 0..<k {
            for b in a..<k {
                cov[a * k + b] *= scale
                cov[b * k + a] = cov[a * k + b]
            }
        }
        return (cov, mean)
    }

    /// The first `count` components of `n` rows of `k` values. `previous` (components of an
    /// earlier call) warm-starts the iteration and fixes each component's sign.
    public static func compute(_ rows: [Float], count n: Int, dim k: Int, components count: Int,
                               previous: [[Float]]? = nil, maxIterations: Int = 500) -> Result {
        let (cov, mean) = covariance(rows, count: n, dim: k)
        let trace = (0..<k).reduce(0.0) { $0 + cov[$1 * k + $1] }
        var deflated = cov
        var components: [[Float]] = []
        var variances: [Float] = []
        for c in 0..<min(count, k) {
            var v = [Double](repeating: 0, count: k)
            if let prev = previous, c < prev.count, prev[c].count == k {
                for j in 0..<k { v[j] = Double(prev[c][j]) }
            }
            if norm(v) < 1e-12 {
                // A fixed, generic start (never exactly orthogonal to a component in practice).
                for j in 0..<k { v[j] = 1 + 0.1 * Double((j * 7 + c * 3) % 11) }
            }
            normalise(&v)
            var lambda = 0.0
            for _ in 0..<maxIterations {
                var w = [Double](repeating: 0, count: k)
                for a in 0..<k {
                    var s = 0.0
                    for b in 0..<k { s += deflated[a * k + b] * v[b] }
                    w[a] = s
                }
                let length = norm(w)
                guard length > 1e-300 else { lambda = 0; break }
                for j in 0..<k { w[j] /= length }
                let change = zip(w, v).reduce(0.0) { $0 + abs($1.0 - $1.1) }
                v = w
                lambda = length
                if change < 1e-10 { break }
            }
            // The sign: as before when there was a before, else the largest entry positive.
            if let prev = previous, c < prev.count, prev[c].count == k {
                let d = (0..<k).reduce(0.0) { $0 + v[$1] * Double(prev[c][$1]) }
                if d < 0 { for j in 0..<k { v[j] = -v[j] } }
            } else if let big = v.indices.max(by: { abs(v[$0]) < abs(v[$1]) }), v[big] < 0 {
                for j in 0..<k { v[j] = -v[j] }
            }
            // Deflate: remove this component's variance before finding the next.
            for a in 0..<k { for b in 0..<k { deflated[a * k + b] -= lambda * v[a] * v[b] } }
            components.append(v.map(Float.init))
            variances.append(Float(lambda))
        }
        return Result(mean: mean.map(Float.init), components: components, variances: variances, totalVariance: Float(trace))
    }

    static func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    static func normalise(_ v: inout [Double]) {
        let n = norm(v)
        guard n > 0 else { return }
        for j in v.indices { v[j] /= n }
    }
}

/// Eigenvalues and eigenvectors of a small symmetric matrix by cyclic Jacobi rotations.
public enum SymmetricEigen {
    /// `a`: n × n row-major, symmetric. Returns the eigenvalues in descending order with their
    /// unit eigenvectors.
    public static func decompose(_ matrix: [Double], n: Int) -> (values: [Double], vectors: [[Double]]) {
        var a = matrix
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        for _ in 0..<100 {
            var off = 0.0
            for p in 0..<n { for q in (p + 1)..<max(p + 1, n) { off += a[p * n + q] * a[p * n + q] } }
            if off < 1e-22 { break }
            for p in 0..<n {
                for q in (p + 1)..<max(p + 1, n) where abs(a[p * n + q]) > 1e-300 {
                    let theta = (a[q * n + q] - a[p * n + p]) / (2 * a[p * n + q])
                    let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {
                        let akp = a[k * n + p], akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p * n + k], aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                    for k in 0..<n {
                        let vkp = v[k * n + p], vkq = v[k * n + q]
                        v[k * n + p] = c * vkp - s * vkq
                        v[k * n + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        let order = (0..<n).sorted { a[$0 * n + $0] > a[$1 * n + $1] }
        return (order.map { a[$0 * n + $0] }, order.map { col in (0..<n).map { v[$0 * n + col] } })
    }
}
