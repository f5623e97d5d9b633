import Dispatch
import LatentCore

/// Runs training on its own serial queue and hands the screen the latest snapshot.
///
/// The model, the optimizer and the data belong to a `TrainingEngine` that is created on
/// the queue and never leaves it. The UI talks to it only through a command inbox and reads
/// only the latest published snapshot (latest wins); neither side ever waits for the other.
public final class TrainingSession: Sendable {
    private let inbox = Locked<[TrainingCommand]>([])
    private let latestSnapshot: Locked<TrainingSnapshot>
    private let failure = Locked<String?>(nil)
    private let finalSave = Locked(SaveReport(saved: false, problem: nil))
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let queue = DispatchQueue(label: "latentlab.training", qos: .userInitiated)

    public init(_ setup: EngineSetup) {
        latestSnapshot = Locked(TrainingSnapshot(hyper: setup.hyper))
        queue.async { [self] in
            self.loop(setup)
            self.finished.signal()
        }
    }

    /// Fresh random parameters, nothing saved (tests, and data sets opened without a state folder).
    public convenience init(dataset: Dataset, split: Split, hyper: Hyperparameters) {
        self.init(EngineSetup(dataset: dataset, split: split, hyper: hyper))
    }

    /// Queues a command for the training queue; returns at once.
    public func send(_ command: TrainingCommand) {
        inbox.withLock { $0.append(command) }
        wake.signal()
    }

    /// The most recent snapshot (the UI polls this every frame).
    public var snapshot: TrainingSnapshot { latestSnapshot.withLock { $0 } }

    /// Why the session could not start, if it could not.
    public var startupError: String? { failure.withLock { $0 } }

    /// What saving on the way out did.
    public struct SaveReport: Sendable, Equatable {
        public var saved: Bool
        public var problem: String?
    }

    /// Saves the session, stops the training queue and waits for it (saving a big model takes
    /// a moment).
    @discardableResult
    public func shutdown(timeout seconds: Double = 60) -> SaveReport {
        send(.shutdown)
        if finished.wait(timeout: .now() + seconds) == .timedOut {
            return SaveReport(saved: false, problem: "the session could not be saved within \(Int(seconds)) s")
        }
        return finalSave.withLock { $0 }
    }

    private func loop(_ setup: EngineSetup) {
        let engine: TrainingEngine
        do {
            engine = try TrainingEngine(setup)
        } catch {
            failure.withLock { $0 = "\(error)" }
            return
        }
        var revision = 0
        latestSnapshot.withLock { $0 = engine.currentSnapshot() }
        while true {
            let commands = inbox.withLock { box -> [TrainingCommand] in
                let taken = box
                box.removeAll()
                return taken
            }
            if commands.contains(.shutdown) {
                let report: SaveReport
                switch engine.saveSession() {
                case .saved: report = SaveReport(saved: true, problem: nil)
                case .nothingToSave: report = SaveReport(saved: false, problem: nil)
                case .failed(let problem): report = SaveReport(saved: false, problem: problem)
                }
                finalSave.withLock { $0 = report }
                return
            }
            for command in commands { engine.apply(command) }
            let wait = engine.work()
            var published = engine.currentSnapshot()
            revision += 1
            published.revision = revision
            latestSnapshot.withLock { $0 = published }
            if let wait {
                if wait > 0 { _ = wake.wait(timeout: .now() + wait) }
            } else {
                wake.wait()
            }
        }
    }
}
