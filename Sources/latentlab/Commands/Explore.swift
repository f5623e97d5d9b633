import ArgumentParser
import Foundation
import LatentCore
import LatentTUI

struct Explore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the terminal explorer: the cross-tab grid, the live loss curve, training you can step through.",
        discussion: """
        Opens paused at step 0 on random parameters. Press space to train, s for one step, t for the tour, ? for every key.
        On small data sets (up to 400,000 parameters) Adam is the exact dense update, as in fastai, so that weight decay
        shows its effect as in the book; larger ones use the lazy update of `latentlab train`.
        """)

    @OptionGroup var source: DataOptions
    @OptionGroup var training: TrainingOptions

    @Option(name: .long, help: "Folder for your own ratings (default: $XDG_DATA_HOME/latentlab or ~/.local/share/latentlab).")
    var state: String?

    @Flag(name: .long, help: "After quitting, print how long frames took to draw.")
    var frameStats = false

    func run() throws {
        let hyper = try training.hyperparameters()
        let source = self.source
        let name = source.data ?? source.ratings ?? source.train ?? "SampleData"
        // Fail before the screen opens when the data cannot be found at all.
        if source.data == nil && source.ratings == nil && source.train == nil { _ = try SampleDataLocator.path() }
        let options = ExplorerApp.Options(source: name, hyper: hyper, stateFolder: state.map { URL(fileURLWithPath: $0) }) { progress in
            try source.load(progress: progress)
        }
        let stats: FrameStats
        do {
            stats = try ExplorerApp.run(options)
        } catch let error as Terminal.StartError {
            throw Failure(error.description)
        }
        if frameStats {
            print(String(format: "%d frames, mean %.2f ms, worst %.2f ms to build and draw a frame", stats.frames,
                         stats.mean * 1000, stats.worstSeconds * 1000))
        }
    }
}
