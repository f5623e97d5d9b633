import LatentCore

/// The view: the whole screen drawn from the state, into a canvas.
public enum Screen {
    public static func render(_ state: AppState, _ context: AppContext, journalPath: String? = nil) -> Canvas {
        var canvas = Canvas(width: state.width, height: state.height)
        let layout = Layout.compute(width: state.width, height: state.height, tour: state.tourPage)
        if layout.tooSmall {
            let message = "LatentLab needs at least \(Layout.minimumWidth)×\(Layout.minimumHeight); this terminal is \(state.width)×\(state.height)."
            canvas.text(0, max(0, state.height / 2 - 1), message, Theme.message, width: state.width)
            canvas.text(0, max(0, state.height / 2), "Enlarge the window, or press q to quit.", Theme.label, width: state.width)
            return canvas
        }
        if let you = layout.you, let recommended = layout.recommended {
            mainView(state, context, &canvas, layout.grid)
            // tab swaps the person's panels for the data panels.
            if state.alternateView {
                DatasetWidget(state: state, context: context).render(into: &canvas, you)
                MovieWidget(state: state, context: context).render(into: &canvas, recommended)
            } else {
                YouWidget(state: state, context: context, journalPath: journalPath).render(into: &canvas, you)
                RecommendationsWidget(state: state, context: context).render(into: &canvas, recommended)
            }
        } else if state.alternateView {
            // Small screens: the person's panels replace the grid (tab goes back).
            let (you, recommended) = layout.grid.splitTop(layout.grid.height * 2 / 5)
            YouWidget(state: state, context: context, journalPath: journalPath).render(into: &canvas, you)
            RecommendationsWidget(state: state, context: context).render(into: &canvas, recommended)
        } else {
            mainView(state, context, &canvas, layout.grid)
        }
        LossChartWidget(snapshot: state.snapshot, logScale: state.logScale, trainedElsewhere: context.capabilities.trainedElsewhere).render(into: &canvas, layout.loss)
        StepWidget(snapshot: state.snapshot, context: context).render(into: &canvas, layout.step)
        StatusBar(state: state, context: context).render(into: &canvas, layout.status)
        if case .findMovie(let q, let sel) = state.mode {
            FindOverlay(query: q, selected: sel, context: context).render(into: &canvas, in: layout.grid)
        }
        if let hint = openingHint(state, context) {
            // The opening hint sits in the grid's bottom border when it fits there, else in the status line.
            if Canvas.displayWidth(hint) + 2 <= layout.grid.width - 4 {
                canvas.text(layout.grid.x + 2, layout.grid.maxY - 1, " " + hint + " ", Theme.message, width: layout.grid.width - 4)
            } else {
                var hinted = state
                hinted.status = hint
                StatusBar(state: hinted, context: context).render(into: &canvas, layout.status)
            }
        }
        if state.showRuns {
            // Over the lower part of the screen, above the status line; the loss chart's top stays
            // visible. While the tour is open, over the grid above its band (the tour points at both).
            let area = layout.tour == nil ? Rect(x: 0, y: layout.grid.y, width: state.width, height: layout.status.y - layout.grid.y) : layout.grid
            RunsOverlay(runs: state.snapshot?.runs ?? [], brief: layout.tour != nil).render(into: &canvas, in: area)
        }
        if state.showProduct {
            // Over the grid: the step panel, where the proof is, stays in sight.
            OneHotOverlay(cell: state.snapshot?.cell, context: context).render(into: &canvas, in: layout.grid)
        }
        if let page = state.tourPage, let band = layout.tour {
            Tour.render(page: page, into: &canvas, in: band)
        }
        if state.showHelp { HelpOverlay.render(into: &canvas, in: canvas.bounds, scroll: state.helpScroll) }
        if let alert = state.alert { AlertOverlay(alert: alert).render(into: &canvas, in: canvas.bounds) }
        return canvas
    }

    /// The main area: the cross-tab or one of the views of what the model learned (`v`).
    static func mainView(_ state: AppState, _ context: AppContext, _ canvas: inout Canvas, _ rect: Rect) {
        switch state.view {
        case .grid: GridWidget(state: state, context: context).render(into: &canvas, rect)
        case .map: MapWidget(state: state, context: context).render(into: &canvas, rect)
        case .neighbours: NeighboursWidget(state: state, context: context).render(into: &canvas, rect)
        case .biases: BiasesWidget(state: state, context: context).render(into: &canvas, rect)
        }
    }

    /// Random parameters, nothing trained yet: what to press (only while nothing else is said).
    static func openingHint(_ state: AppState, _ context: AppContext) -> String? {
        guard state.tourPage == nil, state.view == .grid, context.capabilities.trains, let snap = state.snapshot, snap.step == 0, !snap.running,
              state.status == nil, snap.message == nil else { return nil }
        return "Random parameters, nothing trained yet: space trains, s takes one step, t tours, ? lists keys."
    }

    /// A plain screen while the session is saved on quit.
    public static func saving(width: Int, height: Int, path: String) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        canvas.text(2, height / 2, "Saving the session to \(path) …", Theme.title, width: width - 4)
        return canvas
    }

    /// A plain screen while the data loads.
    /// The loading screen: the bar, and under it what is known (megabytes read of the total,
    /// ratings found, the rate, the time left), then what comes after the reading.
    public static func loading(width: Int, height: Int, source: String, progress: OpeningProgress, seconds: Double) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        let barWidth = max(10, min(50, width - 20))
        let fraction = progress.load?.fraction ?? 0
        let filled = Int(max(0, min(1, fraction)) * Double(barWidth))
        let y = max(0, height / 2 - 2)
        canvas.text(2, y, "Loading \(TerminalText.safe(source))", Theme.title, width: width - 4)
        canvas.text(2, y + 1, String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
                    + " \(Int(fraction * 100))%", Theme.train, width: width - 4)
        canvas.text(2, y + 2, progress.detail(seconds: seconds), Theme.label, width: width - 4)
        canvas.text(2, y + 4, "q quits", Theme.label, width: width - 4)
        return canvas
    }
}

/// What the loading screen knows: the loader's progress, and whether the model is being prepared.
public struct OpeningProgress: Sendable, Equatable {
    public var load: LoadProgress?
    public var preparing = false

    public init(load: LoadProgress? = nil, preparing: Bool = false) { self.load = load; self.preparing = preparing }

    /// "312 of 647 MB · 12,104,220 ratings · 290 MB/s · 1 s left", then the stage after reading.
    public func detail(seconds: Double) -> String {
        guard let load else { return "opening the file…" }
        if preparing { return "\(load.ratings.grouped) ratings read · preparing the model and the screens…" }
        if load.stage == .indexing { return "\(load.ratings.grouped) ratings read · ordering them and reading the movies…" }
        let mb = 1_048_576.0
        let read = Double(load.bytesRead) / mb, total = Double(load.totalBytes) / mb
        var parts = [String(format: "%.0f of %.0f MB", read, total), "\(load.ratings.grouped) ratings"]
        if seconds > 0.2, read > 0 {
            let rate = read / seconds
            parts.append(String(format: "%.0f MB/s", rate))
            parts.append("\(Int(((total - read) / rate).rounded(.up))) s left")
        }
        return parts.joined(separator: " · ")
    }
}
