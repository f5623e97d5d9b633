import ArgumentParser
import Foundation
import LatentCore
import LatentTUI

struct Explore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the terminal explorer: the cross-tab grid, the live loss curve, training you can step through.",
        discussion: """
        The first time on a data set it opens paused at step 0 on random parameters: space trains, s takes one step, \
        t starts the tour, ? lists every key. The session (model, settings, loss curves, runs) is saved beside your \
        ratings on quit and every few epochs, and resumed the next time; i draws fresh random parameters, --fresh \
        starts without it. --model FILE opens a model written by `latentlab train --save` (or `import`), --factor-dir DIR a \
        factor directory (from Spark, PyTorch or `export --factors`). Without its ratings (an imported model, data that \
        is not here, or --without-ratings) a model opens on its factors alone: the map, neighbours, biases and your \
        recommendations work; the grid shows predictions only; training needs --data PATH.
        On small data sets (up to 400,000 parameters) Adam is the exact dense update, as in fastai, so that weight decay \
        shows its effect as in the book; larger ones use the lazy update of `latentlab train`.
        """)

    @OptionGroup var source: DataOptions
    @OptionGroup var training: TrainingOptions

    @Option(name: .long, help: "Open this model (from `latentlab train --save`) on its data set instead of random parameters.")
    var model: String?

    @Option(name: .customLong("factor-dir"), help: "Open this factor directory (manifest.json, users.csv, movies.csv) as the model; with --data, on its ratings.")
    var factors: String?

    @Flag(name: .long, help: "Open the model (--model or --factor-dir) on its factors alone, without loading its ratings.")
    var withoutRatings = false

    @Flag(name: .long, help: "Start on fresh random parameters even when a session is saved for this data set.")
    var fresh = false

    @Option(name: .long, help: "Folder for your ratings and saved sessions (default: $XDG_DATA_HOME/latentlab or ~/.local/share/latentlab).")
    var state: String?

    @Flag(name: .long, help: "After quitting, print how long frames took to draw.")
    var frameStats = false

    func validate() throws {
        if model != nil && factors != nil { throw ValidationError("Open --model FILE or --factor-dir DIR, not both.") }
        if (model != nil || factors != nil) && training.anyGiven {
            throw ValidationError("\(model != nil ? "--model" : "--factor-dir") opens a trained model with its own settings; leave out the training flags.")
        }
        if withoutRatings && model == nil && factors == nil {
            throw ValidationError("--without-ratings opens a model without its ratings: give --model FILE or --factor-dir DIR.")
        }
        if withoutRatings && source.named { throw ValidationError("--without-ratings leaves the ratings out: drop --data, --ratings and --train.") }
        if training.implicit && training.preset != .bayes {
            throw ValidationError("In the explorer implicit feedback is the bayes preset's (--preset bayes --implicit, or I): SGD with it trains whole epochs a user at a time, headless (latentlab train --preset funk-svd --implicit).")
        }
    }

    func run() throws {
        let hyper = try training.hyperparameters()
        var source = self.source
        if let model, !FileManager.default.fileExists(atPath: model) { throw Failure("\(model): no such model file") }
        if let factors, !FileManager.default.fileExists(atPath: factors) { throw Failure("\(factors): no such factor directory") }
        // Why the model opens on its factors alone, if it does.
        var factorsOnly: String? = withoutRatings ? "--without-ratings" : nil
        if !source.named && !withoutRatings {
            if let model {
                // The model knows where its data came from.
                switch try ModelSource.data(of: model) {
                case .path(let path): source.data = path
                case .absent(let why): factorsOnly = why
                }
            } else if factors != nil {
                factorsOnly = "no --data given"
            }
        }
        let name = source.data ?? source.ratings ?? source.train ?? model ?? factors ?? "SampleData"
        // Fail before the screen opens when the data cannot be found at all.
        if !source.named && factorsOnly == nil { _ = try SampleDataLocator.path() }
        var request = Opening.Request(hyper: hyper, explicitSettings: training.anyGiven, fresh: fresh, modelPath: model,
                                      stateFolder: StateFolder(state.map { URL(fileURLWithPath: $0) }), threads: training.threads)
        request.factorDirectory = factors
        let options: ExplorerApp.Options
        if let why = factorsOnly {
            let (model, factors, request) = (model, factors, request)
            options = ExplorerApp.Options(source: name, request: request, open: .factorsOnly({
                try ModelSource.openFactorsOnly(model: model, factors: factors, why: why, request: request)
            }))
        } else {
            let loadFrom = source
            options = ExplorerApp.Options(source: name, request: request) { progress in try loadFrom.load(progress: progress) }
        }
        let outcome: ExplorerApp.Outcome
        do {
            outcome = try ExplorerApp.run(options)
        } catch let error as Terminal.StartError {
            throw Failure(error.description)
        }
        if let saved = outcome.savedSession { print("Session saved to \(saved); `latentlab explore` resumes it.") }
        if let problem = outcome.saveProblem { FileHandle.standardError.write(Data("warning: \(TerminalText.safe(problem))\n".utf8)) }
        if let unsaved = outcome.unsavedRatings { FileHandle.standardError.write(Data("warning: \(TerminalText.safe(unsaved))\n".utf8)) }
        if frameStats { print(FrameStatsReport.text(outcome.stats)) }
        // Ended by a signal: saved and restored like a quit, but the shell hears 128 + its number.
        if let signal = outcome.signal { throw ExitCode(128 + signal) }
    }
}

/// Where a saved model's data set is, when the command line does not say, and the model
/// opened without it.
enum ModelSource {
    enum Data {
        case path(String)
        /// Not here, or not to be found from the model alone: why (the model then opens on its factors).
        case absent(String)
    }

    static func data(of model: String) throws -> Data {
        let header = try ModelFile.readHeader(URL(fileURLWithPath: model))
        let source = TerminalText.safe(header.source)
        if header.format == "imported" { return .absent("imported from \(source)") }
        if header.format == DatasetFormat.generic.rawValue { return .absent("trained on \(source), which needs --ratings with --sep and --columns") }
        guard FileManager.default.fileExists(atPath: header.source) else { return .absent("\(source) is not here") }
        return .path(header.source)
    }

    /// The explorer's opening on a model file or a factor directory, without ratings.
    static func openFactorsOnly(model: String?, factors: String?, why: String, request: Opening.Request) throws -> (Dataset, Opening) {
        let contents: ModelFile.Contents
        let path: String
        if let factors {
            contents = FactorDirectory.model(try FactorDirectory.read(URL(fileURLWithPath: factors)), dataset: nil, source: factors)
            path = factors
        } else if let model {
            contents = try ModelFile.read(URL(fileURLWithPath: model))
            path = model
        } else {
            throw Failure("no model to open")
        }
        let url = URL(fileURLWithPath: path).standardizedFileURL
        return try Opening.factorsOnly(contents, source: url.path, name: url.lastPathComponent, why: why, request: request)
    }
}

/// `--frame-stats`: how quickly frames were built and drawn, how many came a second while
/// training ran, how soon each key showed on screen, and how fast training went flat out.
enum FrameStatsReport {
    static func text(_ stats: FrameStats) -> String {
        func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }
        let p = { (values: [Double], q: Double) in FrameStats.percentile(values, q) }
        var lines = ["\(stats.frames.grouped) frames built and drawn in p50 \(ms(p(stats.frameSeconds, 0.5))), p95 \(ms(p(stats.frameSeconds, 0.95))), "
                     + "p99 \(ms(p(stats.frameSeconds, 0.99))), worst \(ms(stats.worstSeconds))"]
        if stats.runningFrames > 0 {
            lines.append(String(format: "while training: %.1f frames a second", stats.runningFramesPerSecond))
        }
        if !stats.flatOutRates.isEmpty {
            lines.append("flat out: \(Int(p(stats.flatOutRates, 0.5)).grouped) ratings a second (median of \(stats.flatOutRates.count.grouped) frames); "
                         + String(format: "overall %@ ratings a second over %.1f s, everything included", Int(stats.overallFlatOutRate).grouped, stats.flatOutSeconds))
        }
        if !stats.keyLatencies.isEmpty {
            lines.append("\(stats.keyLatencies.count.grouped) keys, on screen in p50 \(ms(p(stats.keyLatencies, 0.5))), "
                         + "p95 \(ms(p(stats.keyLatencies, 0.95))), worst \(ms(stats.keyLatencies.max() ?? 0))")
        }
        return lines.joined(separator: "\n")
    }
}
