import Foundation

/// Implicit feedback for per-rating SGD (SVD++, Koren 2008): a user is their own factors plus
/// |N(u)|^-½ Σ_{j∈N(u)} y_j over the movies they are known to have seen (rated in training, or
/// held out: the pair is known, its rating is never read).
///
/// An epoch visits the users in a seeded order and each user's ratings in a seeded order. The
/// user's implicit sum is computed once, every rating steps the biases, the movie's row and the
/// user's own row along the SVD++ gradient, and the y rows of N(u) take the user's summed
/// gradient once at the end: O((ratings + pairs) × k) an epoch, where updating every y_j at every
/// rating would cost O(ratings × |N(u)| × k). The trainer's model holds each user's *effective*
/// row (own + implicit), so every reader of the model predicts with it; the own rows and the y
/// rows live here.
final class ImplicitSGD {
    let k: Int
    /// N(u) as compressed rows, and |N(u)|^-½.
    let seenStart: [Int]
    let seenItems: [Int32]
    let norm: [Float]
    /// Training ratings grouped by user: `byUser[userStart[u] ..< userStart[u + 1]]`.
    let userStart: [Int]
    var byUser: [Rating]
    /// The users' own rows (users × k) and the movies' implicit rows y (movies × k).
    var own: [Float]
    var y: [Float]

    init(data: TrainingData, model: DotProductBias) {
        k = model.config.factors
        let users = data.userCount, items = data.itemCount
        var counts = [Int](repeating: 0, count: users + 1)
        for r in data.train { counts[Int(r.user) + 1] += 1 }
        for u in 0..<users { counts[u + 1] += counts[u] }
        userStart = counts
        var fill = counts
        var grouped = [Rating](repeating: Rating(user: 0, item: 0, value: 0), count: data.train.count)
        for r in data.train {
            grouped[fill[Int(r.user)]] = r
            fill[Int(r.user)] += 1
        }
        byUser = grouped
        // Seen: every training pair and every held-out pair.
        var seen = [[Int32]](repeating: [], count: users)
        for r in data.train { seen[Int(r.user)].append(r.item) }
        for i in 0..<data.valid.count { let r = data.valid[i]; seen[Int(r.user)].append(r.item) }
        var start = [0]
        var flat: [Int32] = []
        for u in 0..<users {
            flat += seen[u]
            start.append(flat.count)
        }
        seenStart = start
        seenItems = flat
        norm = (0..<users).map { seen[$0].isEmpty ? 0 : 1 / Float(seen[$0].count).squareRoot() }
        own = (0..<users).flatMap { model.userFactors.lookup($0) }
        y = [Float](repeating: 0, count: items * k)
    }

    /// The implicit sum of user `u` into `z` (k floats), from the y rows at `y`.
    @inline(__always)
    static func implicitSum(_ u: Int, k: Int, seenStart: UnsafePointer<Int>, seenItems: UnsafePointer<Int32>, norm: Float,
                            y: UnsafePointer<Float>, into z: UnsafeMutablePointer<Float>) {
        for f in 0..<k { z[f] = 0 }
        for at in seenStart[u]..<seenStart[u + 1] {
            let row = y + Int(seenItems[at]) * k
            for f in 0..<k { z[f] += row[f] }
        }
        for f in 0..<k { z[f] *= norm }
    }

    /// One epoch. Returns the sum of squared errors (before each rating's step) and the ratings seen.
    func epoch(model: DotProductBias, lr: Float, reg: Float, seed: UInt64, frozenUser: Int?) -> (sse: Double, count: Int) {
        let users = userStart.count - 1, k = k
        var rng = SeededRandom(seed: seed)
        var order = Array(0..<users)
        for i in Swift.stride(from: users - 1, to: 0, by: -1) { order.swapAt(i, rng.nextIndex(below: i + 1)) }
        // This user's ratings in a fresh order, drawn before the loop (the loop reads raw buffers).
        for u in 0..<users {
            let range = userStart[u]..<userStart[u + 1]
            for i in Swift.stride(from: range.count - 1, to: 0, by: -1) {
                byUser.swapAt(range.lowerBound + i, range.lowerBound + rng.nextIndex(below: i + 1))
            }
        }
        let useBias = model.config.useBias, mu = model.globalMean
        let userBias = model.userBias.storage, itemBias = model.itemBias.storage
        var sse = 0.0, count = 0
        var scratch = [Float](repeating: 0, count: 3 * k)
        userStart.withUnsafeBufferPointer { userStart in
        seenStart.withUnsafeBufferPointer { seenStart in
        seenItems.withUnsafeBufferPointer { seenItems in
        byUser.withUnsafeBufferPointer { ratings in
        own.withUnsafeMutableBufferPointer { own in
        y.withUnsafeMutableBufferPointer { y in
        scratch.withUnsafeMutableBufferPointer { scratch in
            guard let us = userStart.baseAddress, let ss = seenStart.baseAddress, let si = seenItems.baseAddress,
                  let o = own.baseAddress, let yb = y.baseAddress, let z = scratch.baseAddress else { return }
            let p = z + k, g = z + 2 * k
            for u in order where us[u + 1] > us[u] {
                Self.implicitSum(u, k: k, seenStart: ss, seenItems: si, norm: norm[u], y: yb, into: z)
                for f in 0..<k { g[f] = 0 }
                let frozen = u == frozenUser
                let pu = o + u * k
                for at in us[u]..<us[u + 1] {
                    let r = ratings[at], m = Int(r.item)
                    let q = model.itemFactors.row(m)
                    var pred = mu + (useBias ? userBias[u] + itemBias[m] : 0)
                    for f in 0..<k {
                        p[f] = pu[f] + z[f]
                        pred += p[f] * q[f]
                    }
                    let e = r.value - pred
                    sse += Double(e * e)
                    count += 1
                    if useBias {
                        if !frozen { userBias[u] += lr * (e - reg * userBias[u]) }
                        itemBias[m] += lr * (e - reg * itemBias[m])
                    }
                    for f in 0..<k {
                        let qf = q[f]
                        q[f] += lr * (e * p[f] - reg * qf)
                        if !frozen { pu[f] += lr * (e * qf - reg * pu[f]) }
                        g[f] += e * qf
                    }
                }
                // The movies this user saw take the user's summed gradient once.
                guard !frozen else { continue }
                let c = norm[u]
                for at in ss[u]..<ss[u + 1] {
                    let row = yb + Int(si[at]) * k
                    for f in 0..<k { row[f] += lr * (c * g[f] - reg * row[f]) }
                }
            }
        }}}}}}}
        writeEffectiveRows(into: model, frozenUser: frozenUser)
        return (sse, count)
    }

    /// Each user's effective row (own + implicit sum) into the model, which every reader predicts with.
    func writeEffectiveRows(into model: DotProductBias, frozenUser: Int?) {
        for u in 0..<(userStart.count - 1) where u != frozenUser && u < model.userCount {
            let z = implicitSum(u), row = model.userFactors.row(u)
            for f in 0..<k { row[f] = own[u * k + f] + z[f] }
        }
    }

    /// User `u`'s implicit sum (k floats): for tests and for reading the model.
    func implicitSum(_ u: Int) -> [Float] {
        var z = [Float](repeating: 0, count: k)
        seenStart.withUnsafeBufferPointer { ss in
        seenItems.withUnsafeBufferPointer { si in
        y.withUnsafeBufferPointer { y in
        z.withUnsafeMutableBufferPointer { z in
            guard let ss = ss.baseAddress, let si = si.baseAddress, let yb = y.baseAddress, let zb = z.baseAddress else { return }
            Self.implicitSum(u, k: k, seenStart: ss, seenItems: si, norm: norm[u], y: yb, into: zb)
        }}}}
        return z
    }
}
