import LatentCore

/// The app's update function: the next state from the current one and an action, plus the
/// commands to send to the training queue. No I/O happens here.
public enum Reducer {
    public static func reduce(_ state: AppState, _ action: Action, _ c: AppContext) -> (AppState, [TrainingCommand]) {
        var s = state
        var commands: [TrainingCommand] = []
        s.status = nil
        let rowCount = s.rowOrder(c).count, columnCount = s.columnOrder(c).count
        switch action {
        case .move(let dr, let dc):
            s.row = clamp(s.row + dr, rowCount)
            s.column = clamp(s.column + dc, columnCount)
        case .pageRows(let d):
            s.row = clamp(s.row + d * max(1, s.visibleRows), rowCount)
            s.top = clamp(s.top + d * max(1, s.visibleRows), max(1, rowCount - s.visibleRows + 1))
        case .pageColumns(let d):
            s.column = clamp(s.column + d * max(1, s.visibleColumns), columnCount)
            s.left = clamp(s.left + d * max(1, s.visibleColumns), max(1, columnCount - s.visibleColumns + 1))
        case .firstRow:
            s.row = 0; s.top = 0
        case .lastRow:
            s.row = max(0, rowCount - 1)
        case .cycleOrder:
            let user = s.selectedUser(c), item = s.selectedItem(c)
            s.order = s.order.next
            // Keep the selected user and movie selected in the new order.
            if let user, let r = s.rowOrder(c).firstIndex(of: user) { s.row = r }
            if s.order == .predicted {
                s.column = 0; s.left = 0
                commands.append(.rank(user: user))
            } else {
                if let item, let col = s.columnOrder(c).firstIndex(of: item) { s.column = col }
                commands.append(.rank(user: nil))
            }
            s.status = "Order: \(s.order.rawValue)"
        case .toggleLogScale:
            s.logScale.toggle()
            s.status = s.logScale ? "Loss axis: log scale" : "Loss axis: linear"
        case .toggleHelp:
            s.showHelp.toggle()
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
                if sel < found.count, let col = s.columnOrder(c).firstIndex(of: Int32(found[sel])) {
                    s.column = col
                    s.status = "Found \(c.dataset.movie(found[sel]).displayTitleWithYear)"
                } else {
                    s.status = q.isEmpty ? nil : "No movie matches “\(q)”"
                }
            case .gotoUser(let t):
                if let raw = Int64(t), let u = c.userRawIndex[raw], let r = s.rowOrder(c).firstIndex(of: u) {
                    s.row = r
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
        case .train(let command):
            commands.append(command)
        case .faster:
            let speed = (s.snapshot?.speed ?? .hundred).faster
            commands.append(.setSpeed(speed))
            s.status = "Speed: \(speed.label)"
        case .slower:
            let speed = (s.snapshot?.speed ?? .hundred).slower
            commands.append(.setSpeed(speed))
            s.status = "Speed: \(speed.label)"
        case .resize(let w, let h):
            s.width = w; s.height = h
            s.fitGrid()
        case .click(let x, let y):
            if let cell = Layout.gridCell(at: x, y, state: s) {
                s.row = clamp(s.top + cell.row, rowCount)
                s.column = clamp(s.left + cell.column, columnCount)
            }
        case .change(let setting):
            if let snap = s.snapshot, let (h, reason) = changed(snap.hyper, setting) {
                commands.append(.setHyperparameters(h, reason: reason))
                s.status = "\(reason): the model starts again from random parameters"
            }
        case .rate(let stars):
            if let item = s.selectedItem(c) {
                let value = c.dataset.scale.clamp(stars)
                s.undo.append((item, s.person[item]))
                s.person[item] = value
                s.lastRated = item
                commands.append(.setPersonRatings(s.personRatings))
                s.status = "You rated \(c.dataset.movie(Int(item)).displayTitleWithYear) \(formatRating(value))"
            }
        case .halfStar:
            if let item = s.lastRated, let old = s.person[item], c.dataset.scale.step > 0, c.dataset.scale.step <= 0.5, old + 0.5 <= c.dataset.scale.max {
                s.undo.append((item, old))
                s.person[item] = old + 0.5
                commands.append(.setPersonRatings(s.personRatings))
                s.status = "You rated \(c.dataset.movie(Int(item)).displayTitleWithYear) \(formatRating(old + 0.5))"
            }
        case .clearRating:
            if let item = s.selectedItem(c), let old = s.person[item] {
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
        case .toggleMinRatings:
            s.minRatings = s.minRatings == 0 ? 20 : 0
            commands.append(.setRecommendationOptions(scoring: s.scoring, minRatings: s.minRatings))
            s.status = s.minRatings == 0 ? "All movies recommended" : "Movies with fewer than \(s.minRatings) ratings hidden"
        case .toggleView:
            s.alternateView.toggle()
        case .tour(let move):
            switch move {
            case .toggle: s.tourPage = s.tourPage == nil ? 0 : nil
            case .next: s.tourPage = s.tourPage.map { min($0 + 1, Tour.pages.count - 1) }
            case .back: s.tourPage = s.tourPage.map { max($0 - 1, 0) }
            }
        case .quit:
            s.quit = true
        }
        // The person's row appears above the others with their first rating (and goes with the last).
        if state.person.isEmpty && !s.person.isEmpty { s.row += 1 }
        if !state.person.isEmpty && s.person.isEmpty { s.row = max(0, s.row - 1) }
        // Keep the selection on screen.
        if s.row < s.top { s.top = s.row }
        if s.row >= s.top + s.visibleRows { s.top = s.row - s.visibleRows + 1 }
        if s.column < s.left { s.left = s.column }
        if s.column >= s.left + s.visibleColumns { s.left = s.column - s.visibleColumns + 1 }
        s.top = max(0, s.top); s.left = max(0, s.left)
        if s.order == .predicted, case .move = action, let user = s.selectedUser(c), user != state.selectedUser(c) {
            commands.append(.rank(user: user))
        }
        return (s, commands)
    }

    static func clamp(_ v: Int, _ count: Int) -> Int { max(0, min(v, count - 1)) }

    /// The factor counts `f` cycles through.
    static let factorSteps = [5, 10, 20, 50, 100, 200]

    /// New hyperparameters for a setting key, and how to say what changed.
    static func changed(_ old: Hyperparameters, _ setting: Setting) -> (Hyperparameters, String)? {
        var h = old
        switch setting {
        case .learningRate(let up):
            h.learningRate = up ? old.learningRate * 2 : old.learningRate / 2
            return (h, String(format: "learning rate %.2g", h.learningRate))
        case .weightDecay:
            let standard = Hyperparameters.preset(named: old.preset)?.weightDecay ?? 0.1
            h.weightDecay = old.weightDecay > 0 ? 0 : (standard > 0 ? standard : 0.1)
            return (h, "weight decay \(formatRating(h.weightDecay))")
        case .bias:
            h.useBias.toggle()
            return (h, h.useBias ? "biases on" : "biases off")
        case .factors:
            h.factors = factorSteps.first { $0 > old.factors } ?? factorSteps[0]
            return (h, "\(h.factors) factors")
        case .preset:
            guard let other = Hyperparameters.preset(named: old.preset == "fastai" ? "funk-svd" : "fastai") else { return nil }
            h = other
            h.seed = old.seed
            h.denseAdam = old.denseAdam
            h.validFraction = old.validFraction
            return (h, "preset \(h.preset)")
        }
    }
}
