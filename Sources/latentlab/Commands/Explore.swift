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
        if frameStats {
            let stats = outcome.stats
            print(String(format: "%d frames, mean %.2f ms, worst %.2f ms to build and draw a frame", stats.frames,
                         stats.mean * 1000, stats.worstSeconds * 1000))
        }
        // Ended by a signal: saved and restored like a quit, but the shell hears 128 + its number.
        if let signal = outcome.signal { throw ExitCode(128 + signal) }
    }
}

/// Where a saved model's data set is, when the command line does not say.
enum ModelSource {
    static func dataPath(of model: String) throws -> String {
        let contents = try ModelFile.read(URL(fileURLWithPath: model))
        let source = contents.header.source
        guard contents.header.format != DatasetFormat.generic.rawValue, FileManager.default.fileExists(atPath: source) else {
            throw Failure("\(model) was trained on \(TerminalText.safe(source)), which is not here (or needs --ratings with --sep and --columns); name the data with --data PATH.")
        }
        return source
    }
}
