import Foundation

/// Weighted alternating least squares (WALS), as Google's recommendation course teaches it: with
/// the movies fixed, the loss is a quadratic in each user's row alone, so every user row is solved
/// in closed form (a k×k system); then the same for every movie with the users fixed. Each
/// half-step can only lower the loss, which therefore falls in stairs.
///
/// The model is `DotProductBias` without a sigmoid: prediction = μ + b_u + b_m + p_u·q_m. A user's
/// unknowns are x = (b_u, p_u), each movie a feature row f = (1, q_m), and the loss in x is
///
///   Σ_{m rated} (r − μ − b_m − x·f)² + w₀ Σ_{m not rated} (0 − μ − b_m − x·f)² + λ·n_u·‖x‖²
///
/// with λ scaled by the row's rating count (ALS-WR, as Spark MLlib's ALS). The middle term is the
/// course's weight on the pairs nobody rated: their whole prediction is pulled toward 0, so that a
/// model cannot place unrelated movies close together just because nobody rated both ("folding").
/// With F = Σ_all f fᵀ and c = Σ_all (−μ − b_m) f, computed once per half-step, the unrated pairs
/// cost nothing per row: the normal matrix is (1 − w₀)·Σ_rated f fᵀ + w₀·F + λ·n_u·I and the
/// right-hand side Σ_rated (r − μ − b_m) f + w₀·(c − Σ_rated (−μ − b_m) f).
public final class AlternatingLeastSquares {
    /// Which side the next half-step solves.
    public enum Half: Int, Sendable, Equatable {
        case users, movies
    }

    public let regularization: Double
    public let unobservedWeight: Double
    public var threads: Int
    public private(set) var next: Half = .users

    /// The ratings by user and by movie: offsets into the other side's ids and the values.
    struct Rows {
        var offsets: [Int]
        var others: [Int32]
        var values: [Float]
    }
    private var byUser = Rows(offsets: [0], others: [], values: [])
    private var byItem = Rows(offsets: [0], others: [], values: [])

    public init(regularization: Double, unobservedWeight: Double, threads: Int) {
        self.regularization = max(0, regularization)
        self.unobservedWeight = min(max(0, unobservedWeight), 1)
        self.threads = max(1, threads)
    }

    /// Indexes the training ratings by row, for `users` × `items` (again whenever they change).
    public func setRatings(_ ratings: [Rating], users: Int, items: Int) {
        byUser = Self.rows(ratings, count: users, byUser: true)
        byItem = Self.rows(ratings, count: items, byUser: false)
    }

    /// A counting sort of the ratings by user (or by movie).
    static func rows(_ ratings: [Rating], count: Int, byUser: Bool) -> Rows {
        @inline(__always) func key(_ r: Rating) -> Int { Int(byUser ? r.user : r.item) }
        var offsets = [Int](repeating: 0, count: count + 1)
        for r in ratings where key(r) < count { offsets[key(r) + 1] += 1 }
        for i in 0..<count { offsets[i + 1] += offsets[i] }
        var fill = offsets
        var others = [Int32](repeating: 0, count: offsets[count]), values = [Float](repeating: 0, count: offsets[count])
        for r in ratings where key(r) < count {
            let at = fill[key(r)]
            others[at] = byUser ? r.item : r.user
            values[at] = r.value
            fill[key(r)] += 1
        }
        return Rows(offsets: offsets, others: others, values: values)
    }

    /// Solves every row of the `next` side (a row with no ratings becomes zero), leaving `skip`'s
    /// row alone (the explorer's folded-in person), then flips `next`. Returns the squared error
    /// over the training ratings after the solve, and their count.
    @discardableResult
    public func solveHalf(_ model: DotProductBias, skip: Int? = nil) -> (sse: Double, count: Int) {
        let half = next
        next = half == .users ? .movies : .users
        let solving = half == .users
        let job = HalfJob(rows: solving ? byUser : byItem, count: solving ? model.userCount : model.itemCount,
                          solved: solving ? model.userFactors : model.itemFactors, solvedBias: solving ? model.userBias : model.itemBias,
                          fixed: solving ? model.itemFactors : model.userFactors, fixedBias: solving ? model.itemBias : model.userBias,
                          k: model.config.factors, useBias: model.config.useBias, mean: Double(model.globalMean),
                          lambda: regularization, w0: unobservedWeight, skip: solving ? skip : nil)
        let gram = unobservedWeight > 0 ? job.unratedSums() : ([], [])
        let workers = max(1, min(threads, job.count))
        let parts = Locked([(sse: Double, count: Int)](repeating: (0, 0), count: workers))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var sse = 0.0, n = 0
            var scratch = SolveScratch(d: job.k + (job.useBias ? 1 : 0))
            for row in stride(from: w, to: job.count, by: workers) {
                let part = job.solve(row, gram: gram, &scratch)
                sse += part.sse
                n += part.count
            }
            parts.withLock { $0[w] = (sse, n) }
        }
        return parts.withLock { parts in
            (parts.map(\.sse).reduce(0, +), parts.map(\.count).reduce(0, +))
        }
    }

}

/// One worker's buffers for the row systems.
struct SolveScratch {
    /// Σ_rated f fᵀ (lower triangle), Σ_rated target·f, Σ_rated unrated-target·f, and the feature row.
    var a: [Double], b: [Double], b0: [Double], f: [Double]
    init(d: Int) {
        a = [Double](repeating: 0, count: d * d)
        b = [Double](repeating: 0, count: d); b0 = b; f = b
    }
}

/// Everything a half-step reads and writes, shared by its workers: each writes only its own rows.
struct HalfJob: @unchecked Sendable {
    let rows: AlternatingLeastSquares.Rows
    let count: Int
    let solved: Embedding, solvedBias: Embedding
    let fixed: Embedding, fixedBias: Embedding
    let k: Int
    let useBias: Bool
    let mean: Double
    let lambda: Double
    let w0: Double
    let skip: Int?

    var d: Int { k + (useBias ? 1 : 0) }

    /// A fixed row's features f = (1, q) (just q without biases) and its unrated target −μ − b.
    @inline(__always)
    func features(_ other: Int, into f: inout [Double]) -> Double {
        let o = useBias ? 1 : 0
        let q = fixed.row(other)
        if useBias { f[0] = 1 }
        for j in 0..<k { f[o + j] = Double(q[j]) }
        return -mean - (useBias ? Double(fixedBias.storage[other]) : 0)
    }

    /// F = Σ f fᵀ (lower triangle) and c = Σ (−μ − b) f over every fixed row: what the unrated pairs add.
    func unratedSums() -> (f: [Double], c: [Double]) {
        var sum = [Double](repeating: 0, count: d * d), c = [Double](repeating: 0, count: d), f = c
        for other in 0..<fixed.rows {
            let t0 = features(other, into: &f)
            for i in 0..<d {
                c[i] += t0 * f[i]
                for j in 0...i { sum[i * d + j] += f[i] * f[j] }
            }
        }
        return (sum, c)
    }

    /// Solves row `row`'s system and writes it; the squared error of its ratings afterwards.
    func solve(_ row: Int, gram: (f: [Double], c: [Double]), _ s: inout SolveScratch) -> (sse: Double, count: Int) {
        let first = row < rows.offsets.count - 1 ? rows.offsets[row] : 0
        let end = row < rows.offsets.count - 1 ? rows.offsets[row + 1] : 0
        let p = solved.row(row)
        if row == skip { return errors(row, first, end) }
        guard end > first else {
            for j in 0..<k { p[j] = 0 }
            solvedBias.storage[row] = 0
            return (0, 0)
        }
        let o = useBias ? 1 : 0, d = k + o
        for i in 0..<(d * d) { s.a[i] = 0 }
        for i in 0..<d { s.b[i] = 0; s.b0[i] = 0 }
        for at in first..<end {
            let t0 = features(Int(rows.others[at]), into: &s.f)
            let t = Double(rows.values[at]) + t0
            s.a.withUnsafeMutableBufferPointer { a in
                s.f.withUnsafeBufferPointer { f in
                    for i in 0..<d {
                        let fi = f[i]
                        for j in 0...i { a[i * d + j] += fi * f[j] }
                    }
                }
            }
            for i in 0..<d {
                s.b[i] += t * s.f[i]
                s.b0[i] += t0 * s.f[i]
            }
        }
        if w0 > 0 {
            // Every pair, the rated ones at weight 1 and the others at w₀ toward a prediction of 0.
            for i in 0..<d {
                for j in 0...i { s.a[i * d + j] = (1 - w0) * s.a[i * d + j] + w0 * gram.f[i * d + j] }
                s.b[i] += w0 * (gram.c[i] - s.b0[i])
            }
        }
        let reg = lambda * Double(end - first)
        for i in 0..<d { s.a[i * d + i] += reg }
        let x = Cholesky.solve(s.a, s.b, d)
        if useBias { solvedBias.storage[row] = Float(x[0]) }
        for j in 0..<k { p[j] = Float(x[o + j]) }
        return errors(row, first, end)
    }

    /// The squared error of row `row`'s ratings as the model stands.
    func errors(_ row: Int, _ first: Int, _ end: Int) -> (sse: Double, count: Int) {
        let p = solved.row(row)
        let bias = useBias ? Double(solvedBias.storage[row]) : 0
        var sse = 0.0
        for at in first..<end {
            let other = Int(rows.others[at])
            let q = fixed.row(other)
            var z = mean + bias + (useBias ? Double(fixedBias.storage[other]) : 0)
            for j in 0..<k { z += Double(p[j]) * Double(q[j]) }
            let e = Double(rows.values[at]) - z
            sse += e * e
        }
        return (sse, end - first)
    }
}
