import LatentCore

/// The app's update function: the next state from the current one and an action, plus the
/// commands to send to the training queue. No I/O happens here.
///
/// It changes only what the person requested, and every command it emits carries an
/// absolute value computed from that request (never from the snapshot, which may be a
/// frame old): two `+` within one frame double the learning rate twice.
public enum Reducer {
    public static func reduce(_ state: AppState, _ action: Action, _ c: AppContext) -> (AppState, [TrainingCommand]) {
        var s = state
        var commands: [TrainingCommand] = []
        if case .snapshot = action {} else { s.status = nil }
        // A model opened on its factors alone answers what would train it with why it cannot.
        if !c.capabilities.trains, action.needsRatings {
            s.status = action == .tour(.toggle) && s.tourPage == nil
                ? "The tour trains a model step by step, which needs the ratings (--data PATH); v shows the map, neighbours and biases."
                : FactorsOnly.needsRatings
            return (s, [])
        }
        switch action {
        case .move(let dr, let dc):
            let rows = s.rowOrder(c), cols = s.columnOrder(c)
            let (r, col) = s.selectionPosition(c)
            if dr != 0, !rows.isEmpty { s.selectedUser = rows[clamp(r + dr, rows.count)] }
            if dc != 0, !cols.isEmpty { s.selectedItem = cols[clamp(col + dc, cols.count)] }
        case .pageRows(let d):
            let v = s.gridView(c), rows = s.rowOrder(c)
            let page = max(1, s.visibleRows) * d
            if !rows.isEmpty { s.selectedUser = rows[clamp(v.row + page, rows.count)] }
            s.top = max(0, min(v.top + page, rows.count - s.visibleRows))
        case .pageColumns(let d):
            let v = s.gridView(c), cols = s.columnOrder(c)
            let page = max(1, s.visibleColumns) * d
            if !cols.isEmpty { s.selectedItem = cols[clamp(v.column + page, cols.count)] }
            s.left = max(0, min(v.left + page, cols.count - s.visibleColumns))
        case .firstRow:
            if let first = s.rowOrder(c).first { s.selectedUser = first }
            s.top = 0
        case .lastRow:
            if let last = s.rowOrder(c).last { s.selectedUser = last }
        case .cycleOrder:
            // The selection is the same user and movie in the new order.
            s.order = s.order.next
            s.status = s.order == .predicted
                ? "Order: movies by predicted rating for \(c.userName(s.selectedUser))"
                : "Order: \(s.order.rawValue)"
        case .toggleLogScale:
            s.logScale.toggle()
            s.status = s.logScale ? "Loss axis: log scale" : "Loss axis: linear"
        case .toggleHelp:
            s.showHelp.toggle()
            s.helpScroll = 0
        case .scrollHelp(let d):
            s.helpScroll = max(0, s.helpScroll + d)
        case .startFind:
            s.mode = .findMovie(query: "", selected: 0)
        case .startGotoUser:
            s.mode = .gotoUser(text: "")
        case .type(let ch):
            switch s.mode {
            case .findMovie(let q, _): s.mode = .findMovie(query: q + String(ch), selected: 0)
            case .gotoUser(let t): if ch.isNumber || ch == "-" { s.mode = .gotoUser(text: t + String(ch)) }
            case .browse: break
            }
        case .backspace:
            switch s.mode {
            case .findMovie(let q, _): s.mode = .findMovie(query: String(q.dropLast()), selected: 0)
            case .gotoUser(let t): s.mode = .gotoUser(text: String(t.dropLast()))
            case .browse: break
            }
        case .choose(let d):
            if case .findMovie(let q, let sel) = s.mode {
                let n = c.search.find(q, limit: 8).count
                s.mode = .findMovie(query: q, selected: n == 0 ? 0 : (sel + d + n) % n)
            }
        case .accept:
            switch s.mode {
            case .findMovie(let q, let sel):
                let found = c.search.find(q, limit: 8)
                if sel < found.count {
                    s.selectedItem = Int32(found[sel])
                    s.status = "Found \(c.dataset.movie(found[sel]).displayTitleWithYear)"
                } else {
                    s.status = q.isEmpty ? nil : "No movie matches “\(q)”"
                }
            case .gotoUser(let t):
                if let raw = Int64(t), let u = c.userRawIndex[raw] {
                    s.selectedUser = u
                    s.status = "User \(raw)"
                } else {
                    s.status = t.isEmpty ? nil : "No user \(t) in this data set"
                }
            case .browse: break
            }
            s.mode = .browse
        case .cancel:
            s.mode = .browse
            s.showHelp = false
            s.showRuns = false
        case .train(let command):
            commands.append(command)
        case .reset(let newSeed):
            if newSeed { s.settings.seed &+= 1 }
            commands.append(.reset(seed: s.settings.seed))
        case .faster:
            s.speed = s.speed.faster
            commands.append(.setSpeed(s.speed))
            s.status = "Speed: \(s.speed.label)"
        case .slower:
            s.speed = s.speed.slower
            commands.append(.setSpeed(s.speed))
            s.status = "Speed: \(s.speed.label)"
        case .resize(let w, let h):
            s.width = w; s.height = h
            s.fitGrid()
        case .click(let x, let y):
            if let cell = Layout.gridCell(at: x, y, state: s) {
                let v = s.gridView(c)
                if cell.row < v.users.count { s.selectedUser = v.users[cell.row] }
                if cell.column < v.items.count { s.selectedItem = v.items[cell.column] }
            }
        case .change(let setting):
            if let (h, change) = changed(s.settings, setting) {
                s.settings = h
                commands.append(.setHyperparameters(h, reason: change))
                s.status = "\(change.label): the model starts again from random parameters"
            }
        case .rate(let stars):
            // On the map the movie under the cursor is rated (and becomes the selection).
            if s.view == .map, let cursor = s.mapCursorItem { s.selectedItem = cursor }
            let item = s.selectedItem
            let value = c.dataset.scale.clamp(stars)
            s.undo.append((item, s.person[item]))
            s.person[item] = value
            s.lastRated = item
            commands.append(.setPersonRatings(s.personRatings))
            s.status = "You rated \(c.dataset.movie(Int(item)).displayTitleWithYear) \(formatRating(value))"
        case .halfStar:
            let scale = c.dataset.scale
            if !(scale.step > 0 && scale.step <= 0.5) {
                s.status = "This data set rates in whole stars (\(formatRating(scale.min))–\(formatRating(scale.max))): no half stars"
            } else if let item = s.lastRated, let old = s.person[item] {
                if old + 0.5 <= scale.max {
                    s.undo.append((item, old))
                    s.person[item] = old + 0.5
                    commands.append(.setPersonRatings(s.personRatings))
                    s.status = "You rated \(c.dataset.movie(Int(item)).displayTitleWithYear) \(formatRating(old + 0.5))"
                } else {
                    s.status = "\(formatRating(old)) is already the top of the scale"
                }
            } else {
                s.status = "Rate a movie first (1–5); . then adds half a star"
            }
        case .clearRating:
            let item = s.selectedItem
            if let old = s.person[item] {
                s.undo.append((item, old))
                s.person[item] = nil
                commands.append(.setPersonRatings(s.personRatings))
                s.status = "Cleared your rating of \(c.dataset.movie(Int(item)).displayTitleWithYear)"
            }
        case .undoRating:
            if let last = s.undo.popLast() {
                s.person[last.item] = last.previous
                commands.append(.setPersonRatings(s.personRatings))
                s.status = "Undone: \(c.dataset.movie(Int(last.item)).displayTitleWithYear)"
            } else {
                s.status = "Nothing to undo"
            }
        case .toggleScoring:
            s.scoring = s.scoring == .dot ? .cosine : .dot
            commands.append(.setRecommendationOptions(scoring: s.scoring, minRatings: s.minRatings))
            s.status = s.scoring == .dot ? "Recommendations by predicted rating" : "Recommendations by closeness to your taste (cosine)"
        case .toggleMinRatings where !c.capabilities.countsKnown:
            s.status = "This model came without its ratings' counts: m cannot hide rarely rated movies (import it with --data to know them)"
        case .toggleMinRatings:
            s.minRatings = s.minRatings == 0 ? 20 : 0
            commands.append(.setRecommendationOptions(scoring: s.scoring, minRatings: s.minRatings))
            s.status = s.minRatings == 0 ? "All movies recommended" : "Movies with fewer than \(s.minRatings) ratings hidden"
        case .toggleView:
            s.alternateView.toggle()
        case .toggleRuns:
            s.showRuns.toggle()
        case .cycleView:
            s.view = s.view.next
            s.mapCursor = nil
            s.highlightedNeighbour = nil
            s.status = "View: \(s.view.rawValue) (v for the next)"
        case .mapMove(let dx, let dy):
            if let next = MapNavigation.step(from: s.mapCursorItem, dx: dx, dy: dy, state: s) { s.mapCursor = next }
        case .mapSelect:
            if let item = s.mapCursorItem {
                s.selectedItem = item
                s.status = "Selected \(c.dataset.movie(Int(item)).displayTitleWithYear)"
            }
        case .mapZoom(let zoomIn):
            s.mapZoom = zoomIn ? min(32, s.mapZoom * 2) : max(1, s.mapZoom / 2)
            if zoomIn, let item = s.mapCursorItem, let point = s.snapshot?.insight.map?.points.first(where: { $0.item == Int(item) }) {
                let (a, b) = s.mapAxes.components
                s.mapCenter = [point.coordinates[a], point.coordinates[b]]
            }
            if s.mapZoom == 1 { s.mapCenter = [0, 0] }
            s.status = "Map zoom ×\(s.mapZoom)"
        case .mapPan(let dx, let dy):
            if let map = s.snapshot?.insight.map {
                let frame = MapFrame(map: map, axes: s.mapAxes, zoom: s.mapZoom, center: s.mapCenter)
                let midX = (frame.x.lowerBound + frame.x.upperBound) / 2, midY = (frame.y.lowerBound + frame.y.upperBound) / 2
                s.mapCenter = [midX + Float(dx) * (frame.x.upperBound - frame.x.lowerBound) / 4,
                               midY + Float(dy) * (frame.y.upperBound - frame.y.lowerBound) / 4]
                if s.mapZoom == 1 { s.status = "Zoom in (z) to pan" }
            }
        case .cycleAxes:
            s.mapAxes = s.mapAxes.next
            s.mapZoom = 1
            s.mapCenter = [0, 0]
            s.status = "Map: components \(s.mapAxes.label)"
        case .neighbourMove(let d):
            // From where the highlighted movie stands now in the list.
            let list = s.snapshot?.insight.neighbours.map { Int32($0.item) } ?? []
            if let current = s.neighbourInFocus, let at = list.firstIndex(of: current) {
                s.highlightedNeighbour = list[max(0, min(list.count - 1, at + d))]
            }
        case .neighbourSelect:
            if let item = s.neighbourInFocus {
                s.selectedItem = item
                s.highlightedNeighbour = nil
                s.status = "Selected \(c.dataset.movie(Int(s.selectedItem)).displayTitleWithYear)"
            }
        case .toggleMetric:
            s.neighbourMetric = s.neighbourMetric == .cosine ? .euclidean : .cosine
            s.status = s.neighbourMetric == .cosine ? "Neighbours by cosine similarity (the angle between factor rows)"
                                                    : "Neighbours by Euclidean distance (as the book does)"
        case .save:
            commands.append(.save)
        case .dismissAlert, .acceptAlertOffer:
            // What the offer does (moving the ratings file) is I/O: the app loop does it.
            s.alert = nil
        case .snapshot(let snap):
            // Settings the engine could not put in force: ask for the ones it has.
            if snap.refusedSettings != (s.snapshot?.refusedSettings ?? 0) { s.settings = snap.hyper }
            s.snapshot = snap
        case .unknownKey(let name):
            s.status = "\(name) does nothing here: press ? for keys"
        case .tour(let move):
            let before = s.tourPage
            switch move {
            case .toggle: s.tourPage = s.tourPage == nil ? 0 : nil
            case .next: s.tourPage = s.tourPage.map { min($0 + 1, Tour.pages.count - 1) }
            case .back: s.tourPage = s.tourPage.map { max($0 - 1, 0) }
            }
            // A page that asks for a key waits for it: training pauses so it cannot run ahead of the text.
            if let page = s.tourPage, page != before, Tour.pages[page].asksForKey { commands.append(.pause) }
        case .quit:
            s.quit = true
        }
        // The person's row goes with their last rating: keep a selection that exists.
        if s.person.isEmpty && s.selectedUser == c.personUser, let first = s.rowOrder(c).first { s.selectedUser = first }
        // Keep the selection on screen: the scroll follows it.
        let v = s.gridView(c)
        s.top = v.top
        s.left = v.left
        return (s, commands)
    }

    static func clamp(_ v: Int, _ count: Int) -> Int { max(0, min(v, count - 1)) }

    /// The factor counts `f` cycles through.
    static let factorSteps = [5, 10, 20, 50, 100, 200]

    /// New settings for a setting key, from the settings asked for so far, and what changed.
    static func changed(_ old: Hyperparameters, _ setting: Setting) -> (Hyperparameters, SettingChange)? {
        var h = old
        switch setting {
        case .learningRate(let up):
            h.learningRate = up ? old.learningRate * 2 : old.learningRate / 2
            guard h.learningRate.isFinite, h.learningRate > 0 else { return nil }
            return (h, .learningRate(h.learningRate))
        case .weightDecay:
            let standard = Hyperparameters.preset(named: old.preset)?.weightDecay ?? 0.1
            h.weightDecay = old.weightDecay > 0 ? 0 : (standard > 0 ? standard : 0.1)
            return (h, .weightDecay(h.weightDecay))
        case .bias:
            h.useBias.toggle()
            return (h, .bias(h.useBias))
        case .factors:
            h.factors = factorSteps.first { $0 > old.factors } ?? factorSteps[0]
            return (h, .factors(h.factors))
        case .preset:
            let order = Hyperparameters.presetOrder
            let next = order[((order.firstIndex(of: old.preset) ?? -1) + 1) % order.count]
            guard let other = Hyperparameters.preset(named: next) else { return nil }
            h = other
            h.seed = old.seed
            h.denseAdam = old.denseAdam
            h.validFraction = old.validFraction
            return (h, .preset(h.preset))
        }
    }
}
