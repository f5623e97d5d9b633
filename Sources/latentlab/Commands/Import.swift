import ArgumentParser
import Foundation
import LatentCore

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read a factor directory (manifest.json, users.csv, movies.csv, from `export --factors`, Spark or PyTorch) into a model file.",
        discussion: "Every command that takes --model then works on it. With --data, the data set it was trained on, each movie's count of ratings and each user's rated movies come along, and titles the directory lacks.")

    @Option(name: .long, help: "The factor directory.")
    var factors: String

    @Option(name: .long, help: "The data set the factors were trained on (optional).")
    var data: String?

    @Option(name: .long, help: "The model file to write.")
    var out: String

    func run() throws {
        try WriteGuard.requireReplaceable(URL(fileURLWithPath: out), by: .model)
        try WriteGuard.requireWritableFolder(for: URL(fileURLWithPath: out))
        let directory = try FactorDirectory.read(URL(fileURLWithPath: factors))
        let dataset = try data.map { try DatasetLoader.load($0) }
        var note: String?
        if let dataset {
            let overlap = FactorDirectory.overlap(directory, with: dataset)
            if let refusal = overlap.refusal { throw Failure("\(data ?? ""): \(refusal).") }
            note = overlap.note
        }
        let contents = FactorDirectory.model(directory, dataset: dataset, source: factors)
        try ModelFile.write(contents, to: URL(fileURLWithPath: out))
        let m = directory.manifest
        print("imported \(m.kind.rawValue) model of \(m.factors) factors from \(m.source.tool): \(contents.header.users.grouped) users, "
              + "\(contents.header.items.grouped) movies\(dataset == nil ? "" : ", joined with \(data ?? "")") → \(out)")
        if let note { print("note: \(note)") }
    }
}
