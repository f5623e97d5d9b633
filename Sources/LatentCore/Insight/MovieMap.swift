/// The movies laid out by what the model learned: the factor rows of the most rated movies
/// projected on their first three principal components (the book's PCA map of chapter 8).
/// Users can be placed on the same map: their factor row's direction shows which movies the
/// model predicts they like, so rating movies moves "you" toward them.
public struct MovieMap: Sendable, Equatable {
    /// One movie on the map: its coordinates on the first three components.
    public struct Point: Sendable, Equatable {
        public var item: Int
        public var coordinates: [Float]
        public init(item: Int, coordinates: [Float]) { self.item = item; self.coordinates = coordinates }
    }

    public var points: [Point]
    public var pca: PCA.Result
    /// Users are drawn at their row's projection times this, so that they share the plot with
    /// the movies (users and movies have factor rows of different sizes; the direction is what counts).
    public var userScale: Float

    public static let components = 3

    /// The `count` most rated movies (of those with at least one rating) projected on their
    /// principal components; `previous` keeps the components' signs from one update to the next.
    public static func build(model: DotProductBias, counts: [Int32], count: Int = 1_000, previous: MovieMap? = nil) -> MovieMap {
        let k = model.config.factors
        let items = Array((0..<model.itemCount).filter { $0 < counts.count && counts[$0] > 0 }
            .sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
            .prefix(max(0, count)))
        var rows = [Float]()
        rows.reserveCapacity(items.count * k)
        for m in items { rows += model.itemFactors.lookup(m) }
        let pca = PCA.compute(rows, count: items.count, dim: k, components: components, previous: previous?.pca.components)
        var points: [Point] = []
        points.reserveCapacity(items.count)
        for (i, m) in items.enumerated() {
            let row = rows[(i * k)..<((i + 1) * k)]
            points.append(Point(item: m, coordinates: pca.components.map { c in
                var s: Float = 0
                for (j, x) in row.enumerated() { s += (x - pca.mean[j]) * c[j] }
                return s
            }))
        }
        // Scale users to the movies' spread: the root mean square of each side on the first two components.
        func rms(_ values: [Float]) -> Float {
            values.isEmpty ? 0 : (values.reduce(0) { $0 + $1 * $1 } / Float(values.count)).squareRoot()
        }
        let movieSpread = rms(points.flatMap { $0.coordinates.prefix(2) })
        let sampleUsers = Swift.stride(from: 0, to: model.userCount, by: max(1, model.userCount / 2_000))
        let userSpread = rms(sampleUsers.flatMap { u in Self.project(model.userFactors.lookup(u), pca.components).prefix(2) })
        let scale = userSpread > 1e-12 ? movieSpread / userSpread : 1
        return MovieMap(points: points, pca: pca, userScale: scale)
    }

    /// A factor row (not centred) on the components.
    static func project(_ row: [Float], _ components: [[Float]]) -> [Float] {
        components.map { c in zip(row, c).reduce(0) { $0 + $1.0 * $1.1 } }
    }

    /// Where a user goes on the map (scaled to share the plot with the movies).
    public func place(user row: [Float]) -> [Float] { Self.project(row, pca.components).map { $0 * userScale } }

    /// The share of the movies' variance each component explains.
    public var explained: [Float] { pca.variances.map { pca.totalVariance > 0 ? $0 / pca.totalVariance : 0 } }
}
