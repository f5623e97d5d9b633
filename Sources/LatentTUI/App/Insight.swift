import LatentCore

/// What the main area shows (`v` cycles): the cross-tab, or what the model learned.
public enum MainView: String, Sendable, CaseIterable {
    case grid = "Cross-tab"
    case map = "Movie map"
    case neighbours = "Neighbours"
    case biases = "Biases"

    public var next: MainView {
        let all = MainView.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }
}

/// Which two principal components the map shows (`a` cycles).
public enum MapAxes: Int, Sendable, CaseIterable {
    case first = 0, firstThird, secondThird

    public var components: (Int, Int) {
        switch self {
        case .first: return (0, 1)
        case .firstThird: return (0, 2)
        case .secondThird: return (1, 2)
        }
    }
    public var label: String { "\(components.0 + 1)–\(components.1 + 1)" }
    public var next: MapAxes { MapAxes(rawValue: (rawValue + 1) % MapAxes.allCases.count) ?? .first }
}

/// What the interpretation views ask of the training queue: derived from the state each frame.
public struct InsightRequest: Sendable, Equatable {
    public var view: MainView
    /// The movie whose neighbours are wanted: the map's cursor, or the selected movie.
    public var focus: Int32?
    /// How many neighbours.
    public var neighbours: Int
    public var metric: Similarity.Metric
    /// Users to place on the map: the person (once they rated something) and the selected user.
    public var people: [Int32]
    /// Embedding arithmetic: movies added to and taken from the focus (the neighbours view).
    public var plus: [Int32] = []
    public var minus: [Int32] = []

    /// Whether the neighbours are of a sum of movies rather than of the focus alone.
    public var isArithmetic: Bool { !plus.isEmpty || !minus.isEmpty }

    public init(view: MainView = .grid, focus: Int32? = nil, neighbours: Int = 12, metric: Similarity.Metric = .cosine, people: [Int32] = []) {
        self.view = view; self.focus = focus; self.neighbours = neighbours; self.metric = metric; self.people = people
    }
}

/// A bias and where it stands among all of its kind.
public struct RankedBias: Sendable, Equatable {
    public var entry: BiasRanking.Entry
    public var rank: Int
    public var of: Int
}

/// A user placed on the map.
public struct MapPerson: Sendable, Equatable {
    public var user: Int32
    public var coordinates: [Float]
}

/// Movies added to and taken from the focus (embedding arithmetic).
public struct NeighboursQuery: Sendable, Equatable {
    public var plus: [Int32]
    public var minus: [Int32]
    public init(plus: [Int32], minus: [Int32]) { self.plus = plus; self.minus = minus }
}

/// What the model learned, as the interpretation views show it (small: a thousand map points,
/// a dozen neighbours, twenty biases; never a whole table).
public struct InsightReport: Sendable, Equatable {
    public var map: MovieMap?
    public var people: [MapPerson] = []
    /// The movie the neighbours are for, its neighbours, and the factor rows of both (the strips).
    public var focus: Int32?
    public var metric = Similarity.Metric.cosine
    public var neighbours: [Similarity.Neighbour] = []
    public var focusRow: [Float] = []
    public var neighbourRows: [[Float]] = []
    /// The embedding arithmetic the neighbours answer (nil: the focus's own neighbours).
    public var query: NeighboursQuery?
    public var lowestMovies: [BiasRanking.Entry] = []
    public var highestMovies: [BiasRanking.Entry] = []
    public var lowestUsers: [BiasRanking.Entry] = []
    public var highestUsers: [BiasRanking.Entry] = []
    /// The selected movie's and user's biases, with their rank from the lowest (1-based) among how many.
    public var selectedMovieBias: RankedBias?
    public var selectedUserBias: RankedBias?
    /// The rating the biases' stars are measured from (the model's mean rating).
    public var biasReference: Float = 0
    /// How much of a generated sample's planted structure the movie factors recover (R², all of
    /// it, the genres, and the tastes no category names), if measurable.
    public var planted: PlantedRecovery.Report?
    public init() {}
}

/// The part of the map on screen: the points' extent on the two components shown (with a
/// margin), zoomed around the centre.
public struct MapFrame: Sendable, Equatable {
    public var x: ClosedRange<Float>
    public var y: ClosedRange<Float>
    /// The whole extent, before zooming.
    public var full: (x: ClosedRange<Float>, y: ClosedRange<Float>)

    public static func == (a: MapFrame, b: MapFrame) -> Bool { a.x == b.x && a.y == b.y }

    public init(map: MovieMap, axes: MapAxes, zoom: Int, center: [Float], people: [MapPerson] = []) {
        let (a, b) = axes.components
        let xs = map.points.map { $0.coordinates[a] } + people.map { $0.coordinates[a] }
        let ys = map.points.map { $0.coordinates[b] } + people.map { $0.coordinates[b] }
        func span(_ v: [Float]) -> ClosedRange<Float> {
            let finite = v.filter(\.isFinite)
            guard let lo = finite.min(), let hi = finite.max() else { return -1...1 }
            let pad = max(1e-6, (hi - lo) * 0.05)
            return (lo - pad)...(hi + pad)
        }
        full = (span(xs), span(ys))
        func zoomed(_ r: ClosedRange<Float>, _ c: Float) -> ClosedRange<Float> {
            let half = (r.upperBound - r.lowerBound) / 2 / Float(max(1, zoom))
            guard zoom > 1 else { return r }
            let mid = min(max(c, r.lowerBound + half), r.upperBound - half)
            return (mid - half)...(mid + half)
        }
        x = zoomed(full.x, center.first ?? 0)
        y = zoomed(full.y, center.count > 1 ? center[1] : 0)
    }

    /// Where a point falls, 0…1 across and 0…1 up (outside when off screen).
    public func unit(_ px: Float, _ py: Float) -> (Float, Float) {
        ((px - x.lowerBound) / max(1e-12, x.upperBound - x.lowerBound), (py - y.lowerBound) / max(1e-12, y.upperBound - y.lowerBound))
    }
}
