import LatentCore

extension Reducer {
    /// The overlays' keys: the help, finding a movie, going to a user, the runs table, alerts, the tour, quitting.
    /// Returns false for an action of another context.
    static func overlays(_ action: Action, _ s: inout AppState, _ c: AppContext, _ commands: inout [TrainingCommand]) -> Bool {
        switch action {
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
            s.showProduct = false
        case .toggleRuns:
            s.showRuns.toggle()
        case .toggleProduct:
            s.showProduct.toggle()
        case .dismissAlert, .acceptAlertOffer:
            // What the offer does (moving the ratings file) is I/O: the app loop does it.
            s.alert = nil
        case .unknownKey(let name):
            s.status = "\(name) does nothing here: press ? for keys"
        case .tour(let move):
            let before = s.tourPage
            switch move {
            case .toggle: s.tourPage = s.tourPage == nil ? 0 : nil
            case .next: s.tourPage = s.tourPage.map { min($0 + 1, Tour.pages.count - 1) }
            case .back: s.tourPage = s.tourPage.map { max($0 - 1, 0) }
            }
            // The tour docks below the grid (`Layout.tour`): the grid gives it each page's room, and takes it back.
            if before != s.tourPage { s.fitGrid() }
            // A page that asks for a key waits for it: training pauses so it cannot run ahead of the text.
            if let page = s.tourPage, page != before, Tour.pages[page].asksForKey { commands.append(.pause) }
            // The speed ladder's page starts at its first rung, so `>` climbs it from there.
            if let page = s.tourPage, page != before, let speed = Tour.pages[page].speed, s.speed != speed {
                s.speed = speed
                commands.append(.setSpeed(speed))
            }
        case .quit:
            s.quit = true
        default: return false
        }
        return true
    }
}
