import Dispatch
import Foundation
import LatentCore
import Synchronization

/// Frame-time figures of one session of the explorer.
public struct FrameStats: Sendable {
    public var frames = 0
    public var totalSeconds = 0.0
    public var worstSeconds = 0.0
    public var mean: Double { frames > 0 ? totalSeconds / Double(frames) : 0 }
}

/// Runs the explorer: the terminal, the loading screen, the frame loop, and a clean exit
/// (the terminal is restored on `q`, Ctrl-C, SIGTERM and on any error).
public enum ExplorerApp {
    public struct Options: Sendable {
        public var source: String
        public var hyper: Hyperparameters
        public var load: @Sendable (@escaping @Sendable (Double) -> Void) throws -> Dataset
        /// Where the person's ratings journal lives (`--state DIR`; nil: `$XDG_DATA_HOME/latentlab`).
        public var stateFolder: URL?
        public init(source: String, hyper: Hyperparameters, stateFolder: URL? = nil,
                    load: @escaping @Sendable (@escaping @Sendable (Double) -> Void) throws -> Dataset) {
            self.source = source; self.hyper = hyper; self.stateFolder = stateFolder; self.load = load
        }
    }

    static let framesPerSecond = 30
    /// Up to this many parameters the explorer uses the dense Adam update.
    public static let denseParameterLimit = 400_000

    /// Returns the frame statistics; throws what went wrong after the terminal is restored.
    public static func run(_ options: Options) throws -> FrameStats {
        let interrupted = SignalFlag()
        let terminal = try Terminal()
        defer { terminal.stop() }

        guard let dataset = try loadWithProgress(options, terminal: terminal, interrupted: interrupted) else { return FrameStats() }
        var hyper = options.hyper
        // Small tables: the exact dense Adam of fastai costs little per step and shows weight decay as the book does.
        if (dataset.userCount + dataset.itemCount) * (hyper.factors + 1) <= denseParameterLimit { hyper.denseAdam = true }
        let context = AppContext(dataset: dataset, preset: hyper.preset)
        let split = dataset.predefinedSplit ?? Split.random(count: dataset.ratings.count, validFraction: hyper.validFraction, seed: hyper.seed)
        let session = TrainingSession(dataset: dataset, split: split, hyper: hyper)
        defer { session.shutdown() }

        let (w, h) = terminal.size
        var state = AppState(width: w, height: h)
        state.fitGrid()
        // The person's ratings from earlier sessions on this data set.
        let journal = RatingsJournal.forDataset(source: dataset.source, stateFolder: options.stateFolder)
        for (raw, rating) in journal.load() {
            if let item = dataset.itemIndex(rawId: raw) { state.person[Int32(item)] = rating }
        }
        if !state.person.isEmpty {
            session.send(.setPersonRatings(state.personRatings))
            state.status = "Welcome back: \(state.person.count) of your ratings loaded"
        }
        if let notice = journal.notice { state.status = notice }
        let journalPath = journal.url.path.replacingOccurrences(of: ProcessInfo.processInfo.environment["HOME"] ?? "\u{0}", with: "~")
        var sentViewport: Viewport?
        var stats = FrameStats()
        let frameNanos = UInt64(1_000_000_000 / framesPerSecond)
        var nextFrame = DispatchTime.now().uptimeNanoseconds

        var drawn: (revision: Int, keys: Int)? = nil
        var keysHandled = 0
        while !state.quit && !interrupted.isSet {
            // Keys until the frame is due (waiting only as long as needed).
            while true {
                let now = DispatchTime.now().uptimeNanoseconds
                let wait = nextFrame > now ? Int((nextFrame - now) / 1_000_000) : 0
                guard let key = terminal.readKey(timeout: wait) else { break }
                guard let action = Keymap.action(for: key, in: state) else { continue }
                keysHandled += 1
                var (next, commands) = Reducer.reduce(state, action, context)
                // A rating counts once it is on disk: append each change to the journal.
                if next.person != state.person {
                    for item in Set(next.person.keys).union(state.person.keys) where next.person[item] != state.person[item] {
                        do {
                            try journal.append(movie: dataset.itemIds[Int(item)], rating: next.person[item] ?? 0)
                        } catch {
                            // Kept in memory and shown; the next change tries the file again.
                            next.status = "Could not save your rating to \(journalPath): \(error)"
                        }
                    }
                }
                state = next
                commands.forEach(session.send)
                if state.quit { break }
            }
            if let problem = session.startupError { throw ExplorerError.training(problem) }
            let started = DispatchTime.now().uptimeNanoseconds
            state.snapshot = session.snapshot
            // Nothing new since the last frame (paused, no key): leave the screen as it is.
            let revision = state.snapshot?.revision ?? 0
            if let drawn, drawn.revision == revision, drawn.keys == keysHandled {
                nextFrame = max(nextFrame + frameNanos, DispatchTime.now().uptimeNanoseconds)
                continue
            }
            drawn = (revision, keysHandled)
            let viewport = state.viewport(context)
            if viewport != sentViewport {
                session.send(.setViewport(viewport))
                sentViewport = viewport
            }
            terminal.present(Screen.render(state, context, journalPath: journalPath))
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            stats.frames += 1
            stats.totalSeconds += seconds
            stats.worstSeconds = max(stats.worstSeconds, seconds)
            nextFrame = max(nextFrame + frameNanos, DispatchTime.now().uptimeNanoseconds)
        }
        return stats
    }

    /// Loads the data on another thread while the screen shows progress. Nil when the person quit.
    private static func loadWithProgress(_ options: Options, terminal: Terminal, interrupted: SignalFlag) throws -> Dataset? {
        let progress = Mutex<Double>(0)
        let result = Mutex<Result<Dataset, Error>?>(nil)
        let box = ProgressBox(progress: progress, result: result)
        DispatchQueue.global(qos: .userInitiated).async {
            let outcome = Result { try options.load { f in box.setProgress(f) } }
            box.setResult(outcome)
        }
        while true {
            if let outcome = box.result { return try outcome.get() }
            if interrupted.isSet { return nil }
            let (w, h) = terminal.size
            terminal.present(Screen.loading(width: w, height: h, source: options.source, fraction: box.progress))
            if let key = terminal.readKey(timeout: 50), key == .char("q") || key == .interrupt { return nil }
        }
    }
}

/// Shares the loading progress and outcome between the loading thread and the screen.
private final class ProgressBox: Sendable {
    private let progressValue: Mutex<Double>
    private let resultValue: Mutex<Result<Dataset, Error>?>
    init(progress: consuming Mutex<Double>, result: consuming Mutex<Result<Dataset, Error>?>) {
        progressValue = progress; resultValue = result
    }
    var progress: Double { progressValue.withLock { $0 } }
    var result: Result<Dataset, Error>? { resultValue.withLock { $0 } }
    func setProgress(_ f: Double) { progressValue.withLock { $0 = f } }
    func setResult(_ r: Result<Dataset, Error>) { resultValue.withLock { $0 = r } }
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
    }
    private let flag = Flag()
    /// The dispatch sources must live as long as the flag does.
    private var sources: [DispatchSourceSignal] = []

    init() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [flag] in flag.value.store(true, ordering: .relaxed) }
            source.resume()
            sources.append(source)
        }
    }

    var isSet: Bool { flag.value.load(ordering: .relaxed) }
}
