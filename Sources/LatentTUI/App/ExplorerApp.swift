import Dispatch
import Foundation
import LatentCore
import Synchronization

/// Frame-time figures of one session of the explorer (`explore --frame-stats`).
public struct FrameStats: Sendable {
    public var frames = 0
    public var totalSeconds = 0.0
    public var worstSeconds = 0.0
    /// Time to build and draw each frame.
    public var frameSeconds: [Double] = []
    /// From reading a key to the end of drawing the frame that shows its effect.
    public var keyLatencies: [Double] = []
    /// Frames drawn while training ran, and the wall time they span.
    public var runningFrames = 0
    public var runningSeconds = 0.0
    /// The training rate the screen showed, sampled once a frame while training ran flat out.
    public var flatOutRates: [Double] = []
    /// Ratings trained between frames that were both flat out, and the time between them: the
    /// overall rate, everything included (epoch ends, validation, saving, the screen).
    public var flatOutRatings = 0
    public var flatOutSeconds = 0.0
    public var overallFlatOutRate: Double { flatOutSeconds > 0 ? Double(flatOutRatings) / flatOutSeconds : 0 }
    public var mean: Double { frames > 0 ? totalSeconds / Double(frames) : 0 }
    public var runningFramesPerSecond: Double { runningSeconds > 0 ? Double(runningFrames) / runningSeconds : 0 }

    /// The `p`-th percentile (0…1) of `values` (nearest rank), 0 when there are none.
    public static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))]
    }
}

/// Runs the explorer: the terminal, the loading screen, the frame loop, and a clean exit
/// (the session saved, the terminal restored on `q`, Ctrl-C, SIGTERM and on any error).
public enum ExplorerApp {
    public struct Options: Sendable {
        public var source: String
        public var request: Opening.Request
        public var open: Open

        /// What the loading screen waits for.
        public enum Open: Sendable {
            /// The ratings (with progress), then the model or session they open on (`Opening.resolve`).
            case ratings(@Sendable (@escaping @Sendable (LoadProgress) -> Void) throws -> Dataset)
            /// A model without its ratings (`Opening.factorsOnly`).
            case factorsOnly(@Sendable () throws -> (Dataset, Opening))
        }

        public init(source: String, request: Opening.Request,
                    load: @escaping @Sendable (@escaping @Sendable (LoadProgress) -> Void) throws -> Dataset) {
            self.init(source: source, request: request, open: .ratings(load))
        }

        public init(source: String, request: Opening.Request, open: Open) {
            self.source = source; self.request = request; self.open = open
        }
    }

    /// What happened, for the command to print once the terminal is restored.
    public struct Outcome: Sendable {
        public var stats = FrameStats()
        /// The saved session's path, when quitting saved one.
        public var savedSession: String?
        /// Why the session could not be saved, if it could not.
        public var saveProblem: String?
        /// Rating changes that could not be saved (and so did not count), if any.
        public var unsavedRatings: String?
        /// The signal that ended the session (SIGINT, SIGTERM, SIGHUP), if one did: the
        /// command exits with 128 + its number, as a shell expects, once the session is saved.
        public var signal: Int32?
    }

    static let framesPerSecond = 30

    /// Throws what went wrong after the terminal is restored.
    public static func run(_ options: Options) throws -> Outcome {
        let interrupted = SignalFlag()
        let terminal = try Terminal()
        defer { terminal.stop() }

        guard let (dataset, opening) = try loadWithProgress(options, terminal: terminal, interrupted: interrupted) else {
            var outcome = Outcome()
            outcome.signal = interrupted.signal ?? (terminal.hungUp ? SIGHUP : nil)
            return outcome
        }
        let context = AppContext(dataset: dataset, preset: opening.setup.hyper.preset)
        let setup = opening.setup
        let session = TrainingSession(setup)

        let (w, h) = terminal.size
        var state = AppState(width: w, height: h, context: context, settings: setup.hyper)
        state.monochrome = terminal.colorCount == 0
        // The person's ratings from earlier sessions on this data set.
        let store = PersonStore(folder: options.request.stateFolder, dataset: dataset)
        let opened = store.open(search: context.search)
        state.person = opened.ratings
        state.recent = opened.recent
        if case .saved(let contents, _, .session) = setup.start, let selection = contents.header.session?.selection {
            state.restore(selection, context)
        }
        state.alert = opened.alert
        if !state.person.isEmpty { session.send(.setPersonRatings(state.personRatings)) }
        state.status = openingStatus(opening.notice, ratings: state.person.count)
        var sent: EngineRequests?
        var outcome = Outcome()
        let frameNanos = UInt64(1_000_000_000 / framesPerSecond)
        var nextFrame = DispatchTime.now().uptimeNanoseconds

        var drawn: (revision: Int, keys: Int)? = nil
        var keysHandled = 0
        var keysWaiting: [UInt64] = []
        var hungUp = false
        var lastFlatOut: (time: UInt64, ratings: Int)?
        var lastRunningFrame: UInt64?
        while !state.quit && !interrupted.isSet {
            // Keys until the frame is due (waiting only as long as needed).
            while true {
                let now = DispatchTime.now().uptimeNanoseconds
                let wait = nextFrame > now ? Int((nextFrame - now) / 1_000_000) : 0
                guard let key = terminal.readKey(timeout: wait) else { break }
                guard let action = Keymap.action(for: key, in: state) else { continue }
                keysHandled += 1
                keysWaiting.append(DispatchTime.now().uptimeNanoseconds)
                let commands = apply(action, to: &state, context, store: store)
                commands.forEach(session.send)
                if state.quit { break }
            }
            if let problem = session.startupError { throw ExplorerError.training(problem) }
            // A terminal that is gone is a hang-up, whether or not the signal came: save and end.
            if terminal.hungUp {
                hungUp = true
                break
            }
            let started = DispatchTime.now().uptimeNanoseconds
            // What is in force arrives as an action, like a key.
            let snapshot = session.snapshot
            if snapshot.revision != state.snapshot?.revision {
                (state, _) = Reducer.reduce(state, .snapshot(snapshot), context)
            }
            // The cells on screen and whom to rank for follow from the state; sent only when they change.
            let requests = EngineRequests(state, context)
            requests.commands(since: sent).forEach(session.send)
            sent = requests
            // Nothing new since the last frame (paused, no key): leave the screen as it is.
            if let drawn, drawn.revision == snapshot.revision, drawn.keys == keysHandled {
                nextFrame = max(nextFrame + frameNanos, DispatchTime.now().uptimeNanoseconds)
                continue
            }
            drawn = (snapshot.revision, keysHandled)
            terminal.present(Screen.render(state, context, journalPath: store.path))
            let presented = DispatchTime.now().uptimeNanoseconds
            let seconds = Double(presented - started) / 1e9
            outcome.stats.frames += 1
            outcome.stats.totalSeconds += seconds
            outcome.stats.worstSeconds = max(outcome.stats.worstSeconds, seconds)
            if outcome.stats.frameSeconds.count < 1_000_000 { outcome.stats.frameSeconds.append(seconds) }
            for read in keysWaiting { outcome.stats.keyLatencies.append(Double(presented - read) / 1e9) }
            keysWaiting.removeAll()
            if snapshot.running {
                if let last = lastRunningFrame {
                    outcome.stats.runningFrames += 1
                    outcome.stats.runningSeconds += Double(presented - last) / 1e9
                }
                lastRunningFrame = presented
                if snapshot.speed == .max && snapshot.ratingsPerSecond > 0 { outcome.stats.flatOutRates.append(snapshot.ratingsPerSecond) }
                if snapshot.speed == .max, let (time, ratings) = lastFlatOut, snapshot.ratingsTrained >= ratings {
                    outcome.stats.flatOutRatings += snapshot.ratingsTrained - ratings
                    outcome.stats.flatOutSeconds += Double(presented - time) / 1e9
                }
                lastFlatOut = snapshot.speed == .max ? (presented, snapshot.ratingsTrained) : nil
            } else {
                lastRunningFrame = nil
                lastFlatOut = nil
            }
            nextFrame = max(nextFrame + frameNanos, DispatchTime.now().uptimeNanoseconds)
        }
        // Save on the way out (the training queue owns the model); the terminal says so meanwhile.
        let sessionPath = setup.sessionURL.map(PersonStore.shown) ?? ""
        let (sw, sh) = terminal.size
        terminal.present(Screen.saving(width: sw, height: sh, path: sessionPath))
        let report = session.shutdown()
        outcome.saveProblem = report.problem
        if report.saved { outcome.savedSession = sessionPath }
        outcome.unsavedRatings = store.quitNotice
        outcome.signal = interrupted.signal ?? (hungUp ? SIGHUP : nil)
        return outcome
    }

    /// One action: reduced, and a change of the person's ratings saved before it counts. A
    /// change that cannot be saved is undone whole (the state and the commands of the action)
    /// and an alert says why and offers another place; `a` moves the ratings there and
    /// applies the change again.
    static func apply(_ action: Action, to state: inout AppState, _ context: AppContext, store: PersonStore) -> [TrainingCommand] {
        if action == .acceptAlertOffer, case .saveElsewhere(let path, let pending)? = state.alert?.offer {
            state.alert = nil
            do {
                try store.move(to: URL(fileURLWithPath: path), ratings: state.person)
            } catch {
                state.alert = Alert(title: "Not saved there either", lines: ["\(error)", "Start again with --state DIR to choose a writable place."])
                return []
            }
            state.status = "Your ratings are now kept in \(store.path)"
            guard let pending else { return [] }
            let commands = apply(pending, to: &state, context, store: store)
            if state.alert == nil { state.status = "Your ratings are now kept in \(store.path); the rating was saved there" }
            return commands
        }
        let (next, commands) = Reducer.reduce(state, action, context)
        for item in Set(next.person.keys).union(state.person.keys) where next.person[item] != state.person[item] {
            do {
                try store.save(item: item, rating: next.person[item] ?? 0)
            } catch {
                state.alert = store.unsavedAlert(error, pending: action)
                return []
            }
        }
        state = next
        return commands
    }

    /// The first status line: what was resumed or opened, and the person's ratings.
    static func openingStatus(_ notice: String?, ratings: Int) -> String? {
        var parts: [String] = []
        if let notice { parts.append(notice) }
        if ratings > 0 { parts.append(notice == nil ? "Welcome back: \(ratings) of your ratings loaded" : "\(ratings) of your ratings loaded") }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// Loads the data, then the saved model or session, on another thread while the screen
    /// shows progress. Nil when the person quit.
    private static func loadWithProgress(_ options: Options, terminal: Terminal, interrupted: SignalFlag) throws -> (Dataset, Opening)? {
        let box = ProgressBox()
        let started = DispatchTime.now().uptimeNanoseconds
        DispatchQueue.global(qos: .userInitiated).async {
            let outcome = Result { () throws -> Loaded in
                switch options.open {
                case .ratings(let load):
                    let dataset = try load { p in box.setProgress(p) }
                    box.setPreparing(ratings: dataset.ratings.count)
                    let opening = try Opening.resolve(dataset, options.request)
                    return Loaded(dataset: dataset, opening: opening)
                case .factorsOnly(let open):
                    let (dataset, opening) = try open()
                    return Loaded(dataset: dataset, opening: opening)
                }
            }
            box.setResult(outcome)
        }
        while true {
            if let outcome = box.result {
                let loaded = try outcome.get()
                return (loaded.dataset, loaded.opening)
            }
            if interrupted.isSet || terminal.hungUp { return nil }
            let (w, h) = terminal.size
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            terminal.present(Screen.loading(width: w, height: h, source: options.source, progress: box.progress, seconds: seconds))
            if let key = terminal.readKey(timeout: 50), key == .char("q") || key == .interrupt { return nil }
        }
    }

    struct Loaded: Sendable {
        var dataset: Dataset
        var opening: Opening
    }
}

/// What the training queue should work on for the screen: the visible cells and, in the
/// predicted order, whom to rank movies for. Derived from the state every frame and sent
/// only when it changed.
struct EngineRequests: Equatable {
    var viewport: Viewport
    var rankingUser: Int32?
    var insight: InsightRequest

    init(_ state: AppState, _ c: AppContext) {
        viewport = state.viewport(c)
        rankingUser = state.rankingRequest
        insight = state.insightRequest(c)
    }

    func commands(since previous: EngineRequests?) -> [TrainingCommand] {
        var out: [TrainingCommand] = []
        if previous?.viewport != viewport { out.append(.setViewport(viewport)) }
        if previous == nil || previous?.rankingUser != rankingUser { out.append(.rank(user: rankingUser)) }
        if previous?.insight != insight { out.append(.setInsight(insight)) }
        return out
    }
}

/// Shares the loading progress and outcome between the loading thread and the screen.
private final class ProgressBox: Sendable {
    private let progressValue = Locked(OpeningProgress())
    private let resultValue = Locked<Result<ExplorerApp.Loaded, Error>?>(nil)
    var progress: OpeningProgress { progressValue.withLock { $0 } }
    var result: Result<ExplorerApp.Loaded, Error>? { resultValue.withLock { $0 } }
    func setProgress(_ p: LoadProgress) { progressValue.withLock { $0.load = p } }
    func setPreparing(ratings: Int) { progressValue.withLock { $0.preparing = true; $0.load?.ratings = ratings } }
    func setResult(_ r: Result<ExplorerApp.Loaded, Error>) { resultValue.withLock { $0 = r } }
}

public enum ExplorerError: Error, CustomStringConvertible {
    case training(String)
    public var description: String {
        switch self { case .training(let s): return "training could not start: \(s)" }
    }
}

/// Set when SIGINT, SIGTERM or SIGHUP arrives; the frame loop then ends and restores the terminal.
final class SignalFlag {
    private final class Flag: Sendable {
        let value = Atomic<Bool>(false)
        let number = Atomic<Int32>(0)
    }
    private let flag = Flag()
    /// The dispatch sources must live as long as the flag does.
    private var sources: [DispatchSourceSignal] = []

    init() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            ignoreSignal(sig)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [flag] in
                flag.number.store(sig, ordering: .relaxed)
                flag.value.store(true, ordering: .relaxed)
            }
            source.resume()
            sources.append(source)
        }
    }

    var isSet: Bool { flag.value.load(ordering: .relaxed) }
    /// Which signal arrived, if one did.
    var signal: Int32? {
        let n = flag.number.load(ordering: .relaxed)
        return n == 0 ? nil : n
    }
}

/// The C library's `signal`, spelled by platform: the bare name would be ambiguous with
/// Dispatch's signal sources in this file.
private func ignoreSignal(_ sig: Int32) {
    #if canImport(Glibc)
    _ = Glibc.signal(sig, SIG_IGN)
    #elseif canImport(Darwin)
    _ = Darwin.signal(sig, SIG_IGN)
    #endif
}
