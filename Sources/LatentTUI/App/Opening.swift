import Foundation
import LatentCore

/// How the explorer opens a data set: on a model named with `--model`, on the saved session
/// of this data set (resumed), or on fresh random parameters, and what to tell the person.
public struct Opening: Sendable {
    public var setup: EngineSetup
    /// The status line's first words: what was resumed or opened, or why not.
    public var notice: String?

    public struct Request: Sendable {
        /// The settings from the command line (or the defaults).
        public var hyper: Hyperparameters
        /// Whether training flags were given: they win over the saved session.
        public var explicitSettings: Bool
        /// `--fresh`: start on random parameters even when a session is saved.
        public var fresh: Bool
        /// `--model FILE`.
        public var modelPath: String?
        /// `--factors DIR`: a factor directory opened as a model (joined with the data set loaded).
        public var factorDirectory: String?
        /// Where the journal and the session live.
        public var stateFolder: StateFolder
        /// `--threads` (nil: one less than the cores, leaving one to the screen).
        public var threads: Int?
        public init(hyper: Hyperparameters, explicitSettings: Bool = false, fresh: Bool = false, modelPath: String? = nil,
                    stateFolder: StateFolder = StateFolder(), threads: Int? = nil) {
            self.hyper = hyper; self.explicitSettings = explicitSettings; self.fresh = fresh
            self.modelPath = modelPath; self.stateFolder = stateFolder; self.threads = threads
        }
    }

    /// Up to this many parameters the explorer uses the dense Adam update.
    public static let denseParameterLimit = 400_000

    /// Decides the start. A `--model` that does not fit the data set is refused (thrown); a
    /// saved session that cannot be used is set aside with a notice.
    public static func resolve(_ dataset: Dataset, _ request: Request) throws -> Opening {
        let sessionURL = request.stateFolder.session(for: dataset.source)
        var hyper = request.hyper
        var start = EngineStart.fresh
        var notice: String?
        var splitFrom: (seed: UInt64, fraction: Double)? = nil
        var foldIn = FoldIn.Rule.standard
        if let path = request.modelPath ?? request.factorDirectory {
            var contents = try request.factorDirectory.map {
                FactorDirectory.model(try FactorDirectory.read(URL(fileURLWithPath: $0)), dataset: dataset, source: $0)
            } ?? ModelFile.read(URL(fileURLWithPath: path))
            // Trained elsewhere, it may lack users and movies whose ratings were all held out there.
            if contents.header.format == "imported" { contents = contents.covering(dataset) }
            foldIn = contents.header.foldIn ?? .standard
            let alignment = try ModelAlignment(contents, dataset: dataset, file: path)
            hyper = contents.header.hyperparameters
            splitFrom = (hyper.seed, hyper.validFraction)
            start = .saved(contents, alignment, origin: .model(path))
            let name = URL(fileURLWithPath: path).lastPathComponent
            notice = "Opened \(name): \(Self.figures(contents)) · space trains on · i for fresh random parameters"
        } else if FileManager.default.fileExists(atPath: sessionURL.path) {
            if request.fresh {
                notice = "Started fresh (--fresh): the saved session is replaced when you train and quit"
            } else if request.explicitSettings {
                notice = "Started fresh because training flags were given; without them the saved session resumes"
            } else {
                do {
                    let contents = try ModelFile.read(sessionURL)
                    let alignment = try ModelAlignment(contents, dataset: dataset, file: sessionURL.path)
                    guard let record = contents.header.session else { throw DataError(file: sessionURL.lastPathComponent, "holds no session") }
                    foldIn = contents.header.foldIn ?? .standard
                    hyper = contents.header.hyperparameters
                    splitFrom = (record.splitSeed ?? hyper.seed, record.splitFraction ?? hyper.validFraction)
                    start = .saved(contents, alignment, origin: .session)
                    notice = "Resumed at \(Self.figures(contents)) · i for fresh random parameters"
                } catch {
                    // Kept beside, never overwritten by the next save: it may hold hours of training.
                    let aside = try? StateFolder.setAside(sessionURL)
                    notice = "The saved session could not be used (\(error)); started fresh"
                        + (aside.map { ", and it was kept as \($0.lastPathComponent)" } ?? "")
                }
            }
        }
        // Small tables: the exact dense Adam of fastai costs little per step and shows weight decay as the book does.
        if (dataset.userCount + 1 + dataset.itemCount) * (hyper.factors + 1) <= denseParameterLimit { hyper.denseAdam = true }
        // A resumed session validates on the ratings it was validated on.
        let from = splitFrom ?? (hyper.seed, hyper.validFraction)
        let (split, splitSource) = dataset.trainingSplit(validFraction: from.fraction, seed: from.seed)
        var setup = EngineSetup(dataset: dataset, split: split, hyper: hyper, start: start, sessionURL: sessionURL)
        setup.splitSource = splitSource
        if let threads = request.threads { setup.threads = threads }
        setup.foldIn = foldIn
        return Opening(setup: setup, notice: notice)
    }

    /// A model opened from its factors alone (`explore --model` or `--factors` without the
    /// ratings): the data set is its ids and catalogue, nothing trains, nothing is saved as a
    /// session; the person's ratings are kept per model (`source` keys them).
    public static func factorsOnly(_ contents: ModelFile.Contents, source: String, name: String, why: String,
                                   request: Request) throws -> (Dataset, Opening) {
        let dataset = Dataset(factorsOf: contents, source: source, modelName: name)
        let alignment = try ModelAlignment(contents, dataset: dataset, file: name)
        let hyper = contents.header.hyperparameters
        var setup = EngineSetup(dataset: dataset, split: Split(count: 0, valid: []), hyper: hyper,
                                start: .saved(contents, alignment, origin: .model(name)), sessionURL: nil,
                                counts: dataset.movieCounts)
        if let threads = request.threads { setup.threads = threads }
        setup.foldIn = contents.header.foldIn ?? .standard
        // Two lines of an 80-column status bar at most: the data panel (tab) says the rest.
        let notice = "Opened \(name) without its ratings (\(why)): map, neighbours, biases and your recommendations work; "
            + "training needs --data PATH"
        return (dataset, Opening(setup: setup, notice: notice))
    }

    /// `epoch 5 (step 5,000), valid 0.465`: where a saved model stands.
    static func figures(_ contents: ModelFile.Contents) -> String {
        let h = contents.header
        let valid = h.session?.valid.last?.mse ?? h.history.last?.valid.mse
        // Worded as the status line words it (`cycle 2 · epoch 1/5`), so the two never disagree.
        let progress = h.session?.progress
        let completed = progress?.completedEpochs ?? h.history.count
        let cycleEpochs = completed - (progress?.cycleStartEpoch ?? 0)
        let text = TrainingSnapshot.epochText(cycle: progress?.cycle ?? 1, cycleEpochs: cycleEpochs, planned: h.hyperparameters.epochs,
                                              cycleDone: cycleEpochs >= h.hyperparameters.epochs, unit: h.hyperparameters.sampled ? "sweep" : "epoch")
        return "step \(h.steps.grouped), \(text)" + (valid.map { String(format: ", valid %.3f", $0) } ?? "")
    }
}
