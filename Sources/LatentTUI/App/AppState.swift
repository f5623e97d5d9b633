import LatentCore

/// How the grid's columns (movies) and rows (users) are ordered.
public enum GridOrder: String, Sendable, CaseIterable {
    /// Most active users and most rated movies first: the book's view.
    case activity = "activity"
    /// By the ids in the files.
    case id = "id"
    /// Movies by the selected user's predicted rating.
    case predicted = "predicted for the user"

    public var next: GridOrder {
        let all = GridOrder.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }
}

/// What the keyboard is doing: browsing, typing a search, typing a user id.
public enum InputMode: Equatable, Sendable {
    case browse
    case findMovie(query: String, selected: Int)
    case gotoUser(text: String)
}

/// Everything the screen shows, as one value. `reduce` makes the next one; the view is derived from it.
public struct AppState: Sendable {
    public var width: Int
    public var height: Int
    public var order = GridOrder.activity
    /// Scroll position and selection, as positions in the current row and column orders.
    public var top = 0
    public var left = 0
    public var row = 0
    public var column = 0
    /// How many rows and columns of the grid fit (set by the layout).
    public var visibleRows = 15
    public var visibleColumns = 15
    public var snapshot: TrainingSnapshot?
    public var mode = InputMode.browse
    public var logScale = true
    public var showHelp = false
    /// The guided tour's page, when it is open.
    public var tourPage: Int?
    /// The person's ratings (movie index → rating), and the changes `u` undoes (the rating before each).
    public var person: [Int32: Float] = [:]
    public var undo: [(item: Int32, previous: Float?)] = []
    /// The movie rated last, for `.` (half a star more).
    public var lastRated: Int32?
    public var scoring = Recommender.Scoring.dot
    /// Hide movies with fewer ratings than this from the recommendations (`m`).
    public var minRatings = 0
    /// `tab`: the other view (the person's panels on small screens, the data panels on large ones).
    public var alternateView = false
    public var status: String?
    public var quit = false

    public init(width: Int, height: Int) {
        self.width = width; self.height = height
    }
}

/// What does not change while the app runs: the data set and the orders and indexes derived from it.
public struct AppContext: Sendable {
    public let dataset: Dataset
    public let preset: String
    public let byActivity: CrossTab
    public let byId: CrossTab
    public let search: MovieSearch
    public let userRawIndex: [Int64: Int32]
    /// (rating, count) for each rating value, highest first (computed once: it reads every rating).
    public let histogram: [(rating: Float, count: Int)]

    public init(dataset: Dataset, preset: String) {
        self.dataset = dataset
        self.preset = preset
        byActivity = CrossTab(ratings: dataset.ratings, userIds: dataset.userIds, itemIds: dataset.itemIds, order: .activity)
        byId = CrossTab(ratings: dataset.ratings, userIds: dataset.userIds, itemIds: dataset.itemIds, order: .id)
        let counts = (0..<dataset.itemCount).map { Int32(dataset.ratings.itemPopularity($0)) }
        search = MovieSearch(movies: (0..<dataset.itemCount).map { dataset.movie($0) }, popularity: counts)
        var users: [Int64: Int32] = [:]
        for (i, raw) in dataset.userIds.enumerated() { users[raw] = Int32(i) }
        userRawIndex = users
        var hist: [Float: Int] = [:]
        if dataset.scale.step > 0 { for v in dataset.ratings.values { hist[v, default: 0] += 1 } }
        histogram = hist.keys.sorted(by: >).map { ($0, hist[$0] ?? 0) }
    }

    /// The user row of the person at the keyboard: one past the data set's users.
    public var personUser: Int32 { Int32(dataset.userCount) }

    /// "you", or the user's id in the files.
    public func userLabel(_ u: Int32) -> String {
        u == personUser ? "you" : "\(dataset.userIds[Int(u)])"
    }

    public var datasetName: String {
        let s = dataset.source
        if let slash = s.lastIndex(of: "/") { return String(s[s.index(after: slash)...]) }
        return s
    }
}

extension AppState {
    /// Users in display order; the person comes first once they have rated something.
    public func rowOrder(_ c: AppContext) -> [Int32] {
        let rows = order == .id ? c.byId.rowOrder : c.byActivity.rowOrder
        return person.isEmpty ? rows : [c.personUser] + rows
    }

    /// The known rating of a cell: the data set's, or the person's own.
    public func known(user u: Int32, item m: Int32, _ c: AppContext) -> Float? {
        u == c.personUser ? person[m] : c.dataset.ratings.rating(user: Int(u), item: Int(m))
    }

    /// The person's ratings for the training queue.
    public var personRatings: [PersonRating] {
        person.keys.sorted().map { PersonRating(item: $0, rating: person[$0] ?? 0) }
    }

    /// Movies in display order.
    public func columnOrder(_ c: AppContext) -> [Int32] {
        switch order {
        case .activity: return c.byActivity.columnOrder
        case .id: return c.byId.columnOrder
        case .predicted:
            if let snap = snapshot, snap.rankingUser == selectedUser(c), snap.ranking.count == c.dataset.itemCount { return snap.ranking }
            return c.byActivity.columnOrder
        }
    }

    public func selectedUser(_ c: AppContext) -> Int32? {
        let rows = rowOrder(c)
        return row < rows.count ? rows[row] : nil
    }

    public func selectedItem(_ c: AppContext) -> Int32? {
        let cols = columnOrder(c)
        return column < cols.count ? cols[column] : nil
    }

    /// The cells on screen, for the training queue to predict.
    public func viewport(_ c: AppContext) -> Viewport {
        let rows = rowOrder(c), cols = columnOrder(c)
        let users = Array(rows[min(top, rows.count)..<min(rows.count, top + visibleRows)])
        let items = Array(cols[min(left, cols.count)..<min(cols.count, left + visibleColumns)])
        return Viewport(users: users, items: items, selectedUser: selectedUser(c), selectedItem: selectedItem(c))
    }
}

extension AppState {
    /// Sets how many grid rows and columns fit the current size.
    public mutating func fitGrid() {
        let layout = Layout.compute(width: width, height: height)
        let g = GridGeometry(layout.grid)
        visibleRows = max(1, g.rows)
        visibleColumns = max(1, g.columns)
    }
}
