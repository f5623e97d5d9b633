import HeapModule

/// Ranking every movie for a user without running the whole first layer per pair: the first
/// layer of [U[u], M[m]] is W_u·U[u] + W_m·M[m] + b, so each movie's half is computed once
/// (`itemProjections`) and each user's once per list; a pair then costs an addition and the
/// layers after the first.
extension CollabNN {
    /// W_m·M[m] for every movie: itemCount × strides[1] floats.
    public func itemProjections() -> [Float] {
        let out = strides[1]
        var p = [Float](repeating: 0, count: itemCount * out)
        for m in 0..<itemCount {
            for i in 0..<itemSize {
                let x = itemEmbedding[m, i]
                guard x != 0 else { continue }
                let row = layout.weights[0] + (userSize + i) * out
                for j in 0..<out { p[m * out + j] += x * dense[row + j] }
            }
        }
        return p
    }

    /// The top `n` movies for user `u` by predicted rating, skipping `exclude`.
    public func top(user u: Int, n: Int, exclude: Set<Int>, projections: [Float]) -> [Int] {
        let out = strides[1]
        var userHalf = (0..<out).map { bias(0, $0) }
        for i in 0..<userSize {
            let x = userEmbedding[u, i]
            for j in 0..<out { userHalf[j] += x * weight(0, i, j) }
        }
        var heap = Heap<Recommender.Scored>()
        var a = [Float](repeating: 0, count: strides.max() ?? out)
        for m in 0..<itemCount where !exclude.contains(m) {
            for j in 0..<out { a[j] = max(0, userHalf[j] + projections[m * out + j]) }
            // The layers after the first, then the output (the sigmoid keeps the order).
            var width = out
            for l in 1..<hidden.count {
                var z = (0..<strides[l + 1]).map { bias(l, $0) }
                for i in 0..<width where a[i] != 0 { for j in 0..<strides[l + 1] { z[j] += a[i] * weight(l, i, j) } }
                width = strides[l + 1]
                for j in 0..<width { a[j] = max(0, z[j]) }
            }
            var s = outputBias
            for j in 0..<width { s += a[j] * outputWeight(j) }
            guard s.isFinite else { continue }
            let scored = Recommender.Scored(score: s, item: m)
            if heap.count == n, let worst = heap.min, scored < worst { continue }
            heap.insert(scored)
            if heap.count > n { _ = heap.popMin() }
        }
        var best: [Int] = []
        while let s = heap.popMax() { best.append(s.item) }
        return best
    }
}

extension TopKEvaluation {
    /// The network's top k for every query.
    public func evaluate(_ net: CollabNN, threads: Int) -> Report {
        let projections = net.itemProjections()
        return evaluate(threads: threads) { u, seen, n in
            u < net.userCount ? net.top(user: u, n: n, exclude: seen, projections: projections) : []
        }
    }
}
