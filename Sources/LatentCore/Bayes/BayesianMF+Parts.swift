import Foundation

/// The three parts of a Gibbs sweep, in order: what the explorer takes as one step each.
public enum GibbsPart: Int, Sendable, Equatable, CaseIterable {
    /// The noise precision and each kind of row's prior (mean and precision per dimension).
    case hyperparameters
    /// Every user row given the movies.
    case users
    /// Every movie row given the users (then the implicit rows), ending the sweep.
    case movies
}

/// Ratings of a few users kept apart from a sampler's compressed rows (the explorer's person),
/// indexed both ways round.
struct ExtraRatings {
    var byUser: [Int: [(Int32, Float)]] = [:]
    var byItem: [Int: [(Int32, Float)]] = [:]
    var count: Int { byUser.values.reduce(0) { $0 + $1.count } }
}

extension BayesianMF {
    /// Sets user `u`'s ratings kept apart from the data (replacing any before): they count in
    /// every conditional from the next part on, as if they were in the data. Ratings outside the
    /// table are left out. (Their implicit set stays the one the data gave them.)
    public func setExtraRatings(user u: Int, _ ratings: [(item: Int, value: Float)]) {
        for (m, _) in extra.byUser[u] ?? [] {
            extra.byItem[Int(m)]?.removeAll { $0.0 == Int32(u) }
            if extra.byItem[Int(m)]?.isEmpty == true { extra.byItem[Int(m)] = nil }
        }
        let kept = ratings.filter { $0.item >= 0 && $0.item < itemCount }
        guard u >= 0, u < userCount, !kept.isEmpty else {
            extra.byUser[u] = nil
            return
        }
        extra.byUser[u] = kept.map { (Int32($0.item), $0.value) }
        for r in kept { extra.byItem[r.item, default: []].append((Int32(u), r.value)) }
    }

    /// Starts the chain again from given rows (a saved sample: `[bias, factors]` per row, the
    /// implicit terms folded in), at sweep `sweep`: the implicit rows start at zero, nothing is
    /// kept yet and the running average starts again after a new burn-in. The next part is a
    /// sweep's first: the hyperparameters, drawn from these rows.
    public func restart(userRows u: [Double], itemRows m: [Double], sweep s: Int) {
        guard u.count == userRows.count, m.count == itemRows.count else { return }
        userRows = u
        itemRows = m
        for i in implicitRows.indices { implicitRows[i] = 0 }
        for i in implicitSum.indices { implicitSum[i] = 0 }
        for i in itemImplicitRows.indices { itemImplicitRows[i] = 0 }
        for i in itemImplicitSum.indices { itemImplicitSum[i] = 0 }
        sweep = max(0, s)
        nextPart = .hyperparameters
        burnInEnds = sweep + settings.burnIn
        kept = 0
        samples = []
        keepStride = max(1, settings.keepEvery)
        resetAverage()
    }
}
