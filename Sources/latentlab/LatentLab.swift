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
                      Export.self, Bench.self, Sample.self],
        defaultSubcommand: Explore.self
    )
}
