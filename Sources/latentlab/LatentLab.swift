import ArgumentParser
import Foundation
import LatentCore

@main
struct LatentLab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "latentlab",
        abstract: "A movie-recommendation lab that makes latent factors visible.",
        discussion: """
        With no command, opens the explorer on the bundled SampleData/.
        Data: a MovieLens folder, file or .zip (ml-100k, ml-1m, ml-10m, ml-latest, ml-20m, ml-25m, ml-32m),
        or any delimited file with --ratings FILE --sep ',' --columns user,item,rating.
        """,
        version: "latentlab 0.2.0",
        subcommands: [Explore.self, Inspect.self, Train.self, Recommend.self, Similar.self, Biases.self, MapCommand.self,
                      Export.self, Import.self, Predict.self, Bench.self, Sample.self, Compare.self],
        defaultSubcommand: Explore.self
    )

    /// Parses and runs the command; every message, the argument parser's included, reaches
    /// the terminal through `TerminalText.safe`, since it may quote a file's bytes or a flag.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = TerminalText.safe(fullMessage(for: error), keepingLines: true)
            if code == .success {
                if !message.isEmpty { Swift.print(message) }
            } else {
                FileHandle.standardError.write(Data((message.isEmpty ? "" : message + "\n").utf8))
            }
            Foundation.exit(code.rawValue)
        }
    }
}
