/// How much of a generated sample's planted structure the model has found: the R² on held-out
/// movies of the least-squares map from learned movie factors to planted ones. Near 0 at random
/// parameters, it rises as training finds the structure; it can only be measured on data made
/// by `latentlab sample` (real releases plant nothing).
public enum PlantedRecovery {
    /// The R² over all planted dimensions, over the genres alone (what categories name), and over
    /// the tastes no category names (era, mainstream, tone, scenes): the lesson is in the last.
    public struct Report: Sendable, Equatable {
        public var all: Float
        public var genres: Float?
        public var unnamed: Float?
    }

    public static func report(model: DotProductBias, itemIds: [Int64], planted: PlantedFactors, counts: [Int32],
                              minRatings: Int = 10) -> Report? {
        let genre = planted.names.indices.filter { planted.names[$0].hasPrefix(PlantedFactors.genrePrefix) }
        let unnamed = planted.names.indices.filter { !planted.names[$0].hasPrefix(PlantedFactors.genrePrefix) }
        func r2(_ columns: [Int]) -> Float? {
            columns.isEmpty ? nil : score(model: model, itemIds: itemIds, planted: planted, counts: counts, minRatings: minRatings, columns: columns)
        }
        guard let all = score(model: model, itemIds: itemIds, planted: planted, counts: counts, minRatings: minRatings) else { return nil }
        return Report(all: all, genres: r2(genre), unnamed: r2(unnamed))
    }

    /// Movies with at least `minRatings` ratings (fewer teach the model too little to count),
    /// alternately used to fit the map and to score it, by popularity so both halves are alike.
    /// `columns` picks planted dimensions (all of them by default).
    public static func score(model: DotProductBias, itemIds: [Int64], planted: PlantedFactors, counts: [Int32],
                             minRatings: Int = 10, columns: [Int]? = nil) -> Float? {
        let k = model.config.factors, width = planted.names.count
        let picked = (columns ?? Array(0..<width)).filter { $0 >= 0 && $0 < width }
        let p = picked.count
        let movies = (0..<min(model.itemCount, itemIds.count, counts.count))
            .filter { Int(counts[$0]) >= minRatings && planted.byMovie[itemIds[$0]]?.count == width }
            .sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        let fit = movies.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        let test = movies.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        let d = k + 1
        guard p > 0, fit.count >= 2 * d, test.count >= 2 else { return nil }
        func x(_ m: Int) -> [Double] { model.itemFactors.lookup(m).map(Double.init) + [1] }
        func y(_ m: Int) -> [Double] {
            let row = planted.byMovie[itemIds[m]] ?? []
            return picked.map { Double(row[$0]) }
        }
        // Normal equations with a little ridge (relative to the factors' scale) for stability.
        var a = [Double](repeating: 0, count: d * d)
        var b = [[Double]](repeating: [Double](repeating: 0, count: d), count: p)
        for m in fit {
            let xm = x(m), ym = y(m)
            for i in 0..<d {
                for j in 0...i { a[i * d + j] += xm[i] * xm[j] }
                for c in 0..<p { b[c][i] += xm[i] * ym[c] }
            }
        }
        let trace = (0..<d).reduce(0.0) { $0 + a[$1 * d + $1] }
        for i in 0..<d { a[i * d + i] += 1e-3 * trace / Double(d) + 1e-12 }
        let weights = b.map { FoldIn.choleskySolve(a, $0, d) }
        // R² on the held-out movies, the chosen dimensions together.
        var mean = [Double](repeating: 0, count: p)
        for m in test { for (c, v) in y(m).enumerated() { mean[c] += v / Double(test.count) } }
        var residual = 0.0, total = 0.0
        for m in test {
            let xm = x(m), ym = y(m)
            for c in 0..<p {
                let predicted = (0..<d).reduce(0.0) { $0 + weights[c][$1] * xm[$1] }
                residual += (ym[c] - predicted) * (ym[c] - predicted)
                total += (ym[c] - mean[c]) * (ym[c] - mean[c])
            }
        }
        guard total > 0 else { return nil }
        return Float(1 - residual / total)
    }
}
