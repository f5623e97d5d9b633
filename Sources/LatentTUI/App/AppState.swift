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
///
/// It holds what the person *requested* (settings, speed, the selection as a user and a
/// movie, the view and order); what is *in force* arrives from the training queue as a
/// snapshot. Positions on screen are derived from the ids when rendering, never stored.
public struct AppState: Sendable {
    public var width: Int
    public var height: Int
    /// The settings the person asked for (each key changes these; the engine reports what it trains with).
    public var settings: Hyperparameters
    public var speed = Speed.hundred
    public var order = GridOrder.activity
    /// The selection, as identities: a dense user index (the person's row included) and a movie index.
    public var selectedUser: Int32
    public var selectedItem: Int32
    /// The scroll asked for (first row and column shown); the view moves it to keep the selection on screen.
    public var top = 0
    public var left = 0
    /// How many rows and columns of the grid fit (set by the layout).
    public var visibleRows = 15
    public var visibleColumns = 15
    /// The latest snapshot from the training queue: what is in force.
    public var snapshot: TrainingSnapshot?
    public var mode = InputMode.browse
    public var logScale = true
    public var showHelp = false
    /// The first help line shown when the help is longer than the screen.
    public var helpScroll = 0
    /// The runs table overlay (`e`).
    public var showRuns = false
    /// The person's rated movies by their latest change, oldest first: the You list shows the
    /// newest first, and after a restart in the same order (from the journal).
    public var recent: [Int32] = []
    /// `o` asked for the predicted order: select its first movie when the ranking arrives.
    public var toTopWhenRanked = false
    /// The one-hot product written out row by row (`O`).
    public var showProduct = false
    /// What the main area shows (`v`).
    public var view = MainView.grid
    /// The movie under the map's cursor (nil: the selected movie, or the most rated one).
    public var mapCursor: Int32?
    /// The map's zoom (1, 2, 4, ... 32) and centre (in the shown components' units), and its components.
    public var mapZoom = 1
    public var mapCenter: [Float] = [0, 0]
    public var mapAxes = MapAxes.first
    /// The neighbours view: the metric, and the neighbour highlighted (`enter` selects it): a
    /// movie, never a row, since training re-ranks the list under it (nil: the first).
    public var neighbourMetric = Similarity.Metric.cosine
    public var highlightedNeighbour: Int32?
    /// Embedding arithmetic (`a`, `A`): movies added to and taken from the selected one; the
    /// neighbours view then lists the movies nearest M[selected] + Σ M[plus] − Σ M[minus].
    public var queryPlus: [Int32] = []
    public var queryMinus: [Int32] = []
    /// No colours on this terminal: the map draws genres as distinct glyphs.
    public var monochrome = false
    /// The guided tour's page, when it is open.
    public var tourPage: Int?
    /// The person's ratings (movie index → rating), and the changes `u` undoes (the rating before each).
    public var person: [Int32: Float] = [:]
    public var undo: [(item: Int32, previous: Float?)] = []
    /// The movie rated last, for `.` (half a star more).
    public var lastRated: Int32?
    public var scoring = Recommender.Scoring.dot
    /// A sampled model (`bayes`): rank by the posterior's lower bound (mean − spread) instead of its mean.
    public var sureBets = false
    /// Hide movies with fewer ratings than this from the recommendations (`m`).
    public var minRatings = 0
    /// `tab`: the other view (the person's panels on small screens, the data panels on large ones).
    public var alternateView = false
    public var status: String?
    /// A message that stays until a key is pressed (ratings that could not be saved or read).
    public var alert: Alert?
    /// Set by `q`: the app saves the session and quits.
    public var quit = false

    public init(width: Int, height: Int, context c: AppContext, settings: Hyperparameters) {
        self.width = width; self.height = height
        self.settings = settings
        selectedUser = c.byActivity.rowOrder.first ?? 0
        // The first of the first user's columns that holds a rating: x and the tour's "watch this
        // cell move" have a rating to train toward from the start.
        let user = Int(selectedUser)
        let rated = c.dataset.capabilities.trains && user < c.dataset.userCount
            ? c.byActivity.columnOrder.prefix(20).first { c.dataset.ratings.rating(user: user, item: Int($0)) != nil } : nil
        selectedItem = rated ?? c.byActivity.columnOrder.first ?? 0
        // Without the ratings the cross-tab holds predictions only: the map is the place to start.
        if !c.capabilities.trains { view = .map }
        fitGrid()
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
    /// Ratings per movie: the one figure the `m` filter, search and the recommendations all use.
    public let counts: [Int32]
    /// (rating, count) for each rating value, highest first (computed once: it reads every rating).
    public let histogram: [(rating: Float, count: Int)]
    /// The best-loved popular movies by their ratings alone: what is recommended before a model
    /// is trained (random parameters would rank at random).
    public let popular: [PopularMovies.Entry]
    /// Movies with fewer ratings than this are "rarely rated": `m` hides them from the
    /// recommendations. The least-rated quarter of the rated movies, and at least 20.
    public let rareBelow: Int

    public init(dataset: Dataset, preset: String) {
        self.dataset = dataset
        self.preset = preset
        if !dataset.capabilities.trains {
            // No ratings: the model's own counts (what each user rated, how often each movie was) order the grid.
            byActivity = CrossTab(activity: dataset.userActivity, counts: dataset.movieCounts, userIds: dataset.userIds, itemIds: dataset.itemIds)
        } else {
            byActivity = CrossTab(ratings: dataset.ratings, userIds: dataset.userIds, itemIds: dataset.itemIds, order: .activity)
        }
        counts = dataset.movieCounts
        byId = CrossTab(ratings: dataset.ratings, userIds: dataset.userIds, itemIds: dataset.itemIds, order: .id)
        search = MovieSearch(movies: (0..<dataset.itemCount).map { dataset.movie($0) }, popularity: counts)
        var users: [Int64: Int32] = [:]
        for (i, raw) in dataset.userIds.enumerated() { users[raw] = Int32(i) }
        userRawIndex = users
        // The data panel lists the ratings from the top of the scale down.
        histogram = dataset.scale.step > 0 ? RatingHistogram(dataset.ratings.values, scale: dataset.scale).populated.reversed() : []
        popular = dataset.capabilities.trains ? PopularMovies.rank(dataset.ratings, n: 20) : []
        let rated = counts.filter { $0 > 0 }.sorted()
        rareBelow = max(20, rated.isEmpty ? 0 : Int(rated[rated.count / 4]))
    }

    /// Set when the model was opened without its ratings.
    /// What the data set can do (train, counts known, trained elsewhere): what views ask for.
    public var capabilities: Capabilities { dataset.capabilities }

    /// The user row of the person at the keyboard: one past the data set's users.
    public var personUser: Int32 { Int32(dataset.userCount) }

    /// "you", or the user's id in the files.
    public func userLabel(_ u: Int32) -> String {
        u == personUser ? "you" : (Int(u) < dataset.userIds.count && u >= 0 ? "\(dataset.userIds[Int(u)])" : "?")
    }

    /// "you", or "user 42": how sentences name a user.
    public func userName(_ u: Int32) -> String { u == personUser ? "you" : "user \(userLabel(u))" }

    public var datasetName: String {
        let s = dataset.source
        if let slash = s.lastIndex(of: "/") { return String(s[s.index(after: slash)...]) }
        return s
    }
}

/// The grid as it is drawn: which users and movies are on screen and where the selection is.
public struct GridView: Equatable, Sendable {
    public var users: [Int32]
    public var items: [Int32]
    /// The first row and column shown, and the selection's row and column within the whole orders.
    public var top: Int
    public var left: Int
    public var row: Int
    public var column: Int
}

extension AppState {
    /// Selects the cell a saved session was left on, if it is still there (the person's row
    /// only while they have ratings).
    public mutating func restore(_ selection: SessionRecord.Selection, _ c: AppContext) {
        guard let item = c.dataset.itemIndex(rawId: selection.movie) else { return }
        selectedItem = Int32(item)
        if let raw = selection.user, let u = c.userRawIndex[raw] { selectedUser = u } else if selection.user == nil && !person.isEmpty { selectedUser = c.personUser }
    }

    /// Keeps `recent` in step with a change of the person's rating of `item`: it moves to the
    /// end (newest) while rated, and leaves the list when cleared.
    mutating func touch(_ item: Int32) {
        recent.removeAll { $0 == item }
        if person[item] != nil { recent.append(item) }
    }

    /// Users in display order; the person comes first once they have rated something.
    public func rowOrder(_ c: AppContext) -> [Int32] {
        let rows = order == .id ? c.byId.rowOrder : c.byActivity.rowOrder
        return person.isEmpty ? rows : [c.personUser] + rows
    }

    /// Whether the predicted order is shown as asked (the ranking for the selected user has arrived).
    public func rankingReady(_ c: AppContext) -> Bool {
        guard let snap = snapshot else { return false }
        return snap.rankingUser == selectedUser && snap.ranking.count == c.dataset.itemCount
    }

    /// Movies in display order. The predicted order falls back to popularity until its ranking arrives.
    public func columnOrder(_ c: AppContext) -> [Int32] {
        switch order {
        case .activity: return c.byActivity.columnOrder
        case .id: return c.byId.columnOrder
        case .predicted: return rankingReady(c) ? (snapshot?.ranking ?? c.byActivity.columnOrder) : c.byActivity.columnOrder
        }
    }

    /// The known rating of a cell: the data set's, or the person's own.
    public func known(user u: Int32, item m: Int32, _ c: AppContext) -> Float? {
        if u == c.personUser { return person[m] }
        guard u >= 0, Int(u) < c.dataset.userCount else { return nil }
        return c.dataset.ratings.rating(user: Int(u), item: Int(m))
    }

    /// The person's ratings for the training queue.
    public var personRatings: [PersonRating] {
        person.keys.sorted().map { PersonRating(item: $0, rating: person[$0] ?? 0) }
    }

    /// Where the selection is in the current orders (the first row or column when it is not there).
    public func selectionPosition(_ c: AppContext) -> (row: Int, column: Int) {
        (rowOrder(c).firstIndex(of: selectedUser) ?? 0, columnOrder(c).firstIndex(of: selectedItem) ?? 0)
    }

    /// The grid as it is drawn: the scroll asked for, moved just enough to show the selection.
    /// Once the person has rated something their row is pinned at the top: the other rows
    /// scroll beneath it (`top` counts those), so `g 11` or paging never scrolls `you` away.
    public func gridView(_ c: AppContext) -> GridView {
        let rows = rowOrder(c), cols = columnOrder(c)
        let (row, column) = selectionPosition(c)
        let pinned = !person.isEmpty && rows.first == c.personUser && visibleRows > 1 ? 1 : 0
        let scrolled = rows.dropFirst(pinned)
        let visible = max(1, visibleRows - pinned)
        // The pinned row selected: the others keep their scroll.
        let top = Self.scroll(top, toShow: pinned == 1 && row == 0 ? min(top, max(0, scrolled.count - 1)) : row - pinned,
                              visible: visible, count: scrolled.count)
        let left = Self.scroll(left, toShow: column, visible: visibleColumns, count: cols.count)
        let start = scrolled.startIndex + min(top, scrolled.count)
        let users = Array(rows.prefix(pinned)) + Array(scrolled[start..<min(scrolled.endIndex, start + visible)])
        let items = Array(cols[min(left, cols.count)..<min(cols.count, left + visibleColumns)])
        return GridView(users: users, items: items, top: top, left: left, row: row, column: column)
    }

    /// A scroll offset moved as little as possible so that `position` is visible.
    static func scroll(_ offset: Int, toShow position: Int, visible: Int, count: Int) -> Int {
        var o = min(offset, max(0, count - visible))
        if position < o { o = position }
        if position >= o + visible { o = position - visible + 1 }
        return max(0, o)
    }

    /// The cells on screen, for the training queue to predict.
    public func viewport(_ c: AppContext) -> Viewport {
        let v = gridView(c)
        return Viewport(users: v.users, items: v.items, selectedUser: selectedUser, selectedItem: selectedItem)
    }

    /// Who the training queue should rank movies for (the predicted order), if anyone.
    public var rankingRequest: Int32? { order == .predicted ? selectedUser : nil }

    /// The movie the map's cursor is on: as set, else the selected movie when it is on the map, else the most rated.
    public var mapCursorItem: Int32? {
        guard let map = snapshot?.insight.map, !map.points.isEmpty else { return mapCursor ?? selectedItem }
        if let c = mapCursor, map.points.contains(where: { $0.item == Int(c) }) { return c }
        if map.points.contains(where: { $0.item == Int(selectedItem) }) { return selectedItem }
        return map.points.first.map { Int32($0.item) }
    }

    /// What the interpretation views ask of the training queue.
    public func insightRequest(_ c: AppContext) -> InsightRequest {
        var people: [Int32] = []
        if !person.isEmpty { people.append(c.personUser) }
        if selectedUser != c.personUser { people.append(selectedUser) }
        switch view {
        case .grid: return InsightRequest(view: .grid)
        case .map: return InsightRequest(view: .map, focus: mapCursorItem, neighbours: 5, metric: neighbourMetric, people: people)
        case .neighbours:
            var request = InsightRequest(view: .neighbours, focus: selectedItem, neighbours: 12, metric: neighbourMetric)
            request.plus = queryPlus
            request.minus = queryMinus
            return request
        case .biases: return InsightRequest(view: .biases, focus: selectedItem, people: [selectedUser])
        }
    }

    /// Sets how many grid rows and columns fit the current size.
    public mutating func fitGrid() {
        let layout = Layout.compute(width: width, height: height, tour: tourPage)
        let g = GridGeometry(layout.grid)
        visibleRows = max(1, g.rows)
        visibleColumns = max(1, g.columns)
    }
}

extension AppState {
    /// The neighbour `enter` would select: the highlighted movie while it is still in the list,
    /// else the first.
    public var neighbourInFocus: Int32? {
        guard let list = snapshot?.insight.neighbours, let first = list.first else { return nil }
        if let h = highlightedNeighbour, list.contains(where: { $0.item == Int(h) }) { return h }
        return Int32(first.item)
    }
}
