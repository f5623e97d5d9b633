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
        starts without it. --model FILE opens a model written by `latentlab train --save`.
        On small data sets (up to 400,000 parameters) Adam is the exact dense update, as in fastai, so that weight decay \
        shows its effect as in the book; larger ones use the lazy update of `latentlab train`.
        """)

    @OptionGroup var source: DataOptions
    @OptionGroup var training: TrainingOptions

    @Option(name: .long, help: "Open this model (from `latentlab train --save`) on its data set instead of random parameters.")
    var model: String?

    @Flag(name: .long, help: "Start on fresh random parameters even when a session is saved for this data set.")
    var fresh = false

    @Option(name: .long, help: "Folder for your ratings and saved sessions (default: $XDG_DATA_HOME/latentlab or ~/.local/share/latentlab).")
    var state: String?

    @Flag(name: .long, help: "After quitting, print how long frames took to draw.")
    var frameStats = false

    func validate() throws {
        if model != nil && training.anyGiven {
            throw ValidationError("--model opens a trained model with its own settings; leave out the training flags.")
        }
    }

    func run() throws {
        let hyper = try training.hyperparameters()
        var source = self.source
        if let model, source.data == nil && source.ratings == nil && source.train == nil {
            // The model knows where its data came from.
            source.data = try ModelSource.dataPath(of: model)
        }
        let name = source.data ?? source.ratings ?? source.train ?? "SampleData"
        // Fail before the screen opens when the data cannot be found at all.
        if source.data == nil && source.ratings == nil && source.train == nil { _ = try SampleDataLocator.path() }
        if let model, !FileManager.default.fileExists(atPath: model) { throw Failure("\(model): no such model file") }
        let request = Opening.Request(hyper: hyper, explicitSettings: training.anyGiven, fresh: fresh, modelPath: model,
                                      stateFolder: StateFolder(state.map { URL(fileURLWithPath: $0) }), threads: training.threads)
        let loadFrom = source
        let options = ExplorerApp.Options(source: name, request: request) { progress in try loadFrom.load(progress: progress) }
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

/// Where a saved model's data set is, when the command line does not say.
enum ModelSource {
    static func dataPath(of model: String) throws -> String {
        let contents = try ModelFile.read(URL(fileURLWithPath: model))
        let source = contents.header.source
        if contents.header.format == "imported" {
            throw Failure("\(model) was imported from a factor directory (\(TerminalText.safe(source))); the explorer needs the data set it was trained on: --data PATH.")
        }
        guard contents.header.format != DatasetFormat.generic.rawValue, FileManager.default.fileExists(atPath: source) else {
            throw Failure("\(model) was trained on \(TerminalText.safe(source)), which is not here (or needs --ratings with --sep and --columns); name the data with --data PATH.")
        }
        return source
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
            lines.append("flat out: \(Int(p(stats.flatOutRates, 0.5)).grouped) ratings a second (median of \(stats.flatOutRates.count.grouped) frames)")
        }
        if !stats.keyLatencies.isEmpty {
            lines.append("\(stats.keyLatencies.count.grouped) keys, on screen in p50 \(ms(p(stats.keyLatencies, 0.5))), "
                         + "p95 \(ms(p(stats.keyLatencies, 0.95))), worst \(ms(stats.keyLatencies.max() ?? 0))")
        }
        return lines.joined(separator: "\n")
    }
}
