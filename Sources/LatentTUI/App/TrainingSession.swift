import Dispatch
import LatentCore
import Synchronization

/// Runs training on its own serial queue and hands the screen the latest snapshot.
///
/// The model, the optimizer and the data belong to a `TrainingEngine` that is created on
/// the queue and never leaves it. The UI talks to it only through a command inbox and reads
/// only the latest published snapshot (latest wins); neither side ever waits for the other.
public final class TrainingSession: Sendable {
    private let inbox = Mutex<[TrainingCommand]>([])
    private let latestSnapshot: Mutex<TrainingSnapshot>
    private let failure = Mutex<String?>(nil)
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let queue = DispatchQueue(label: "latentlab.training", qos: .userInitiated)

    public init(dataset: Dataset, split: Split, hyper: Hyperparameters) {
        latestSnapshot = Mutex(TrainingSnapshot(hyper: hyper))
        queue.async { [self] in
            self.loop(dataset: dataset, split: split, hyper: hyper)
            self.finished.signal()
        }
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

    /// Stops the training queue and waits (briefly) for it to finish its step.
    public func shutdown() {
        send(.shutdown)
        _ = finished.wait(timeout: .now() + 2)
    }

    private func loop(dataset: Dataset, split: Split, hyper: Hyperparameters) {
        let engine: TrainingEngine
        do {
            engine = try TrainingEngine(dataset: dataset, split: split, hyper: hyper)
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
            if commands.contains(.shutdown) { return }
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
