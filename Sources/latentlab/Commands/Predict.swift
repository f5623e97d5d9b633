import ArgumentParser
import Foundation
import LatentCore

struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Predict ratings for user and movie pairs (a CSV of user,item with the files' ids): user,item,prediction.",
        discussion: "Predictions are the model's own, not clipped to the rating scale (--clip clips them), so that a model imported from Spark or PyTorch can be checked against that tool's output. A bayes model predicts the mean over its kept samples (each clipped to the scale) and adds a column, spread: their standard deviation.")

    @OptionGroup var modelOption: ModelOption

    @Option(name: .long, help: "A CSV whose first two columns are a user id and a movie id (a header line is skipped).")
    var pairs: String

    @Flag(name: .long, help: "Clip each prediction to the rating scale, as recommend shows them.")
    var clip = false

    func run() throws {
        let loaded = try LoadedModel(path: modelOption.model)
        let url = URL(fileURLWithPath: pairs)
        let data = try FileAccess.read(url, what: "pairs file")
        let posterior = loaded.posterior
        var out = posterior == nil ? "user,item,prediction\n" : "user,item,prediction,spread\n"
        var notes: [String] = [], noted = 0
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
        for (index, line) in lines.enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count >= 2, let user = Int64(fields[0]), let item = Int64(fields[1]) else {
                if index == 0 { continue } // a header
                throw Failure("\(url.lastPathComponent):\(index + 1): expected a user id and a movie id, found '\(TerminalText.safe(clipped(String(line))))'")
            }
            let u = try loaded.user(rawId: user)
            guard let m = loaded.item(rawId: item) else { throw Failure("\(url.lastPathComponent):\(index + 1): no movie \(item) in the model") }
            // A user or movie that never trained is left out of the prediction, as training does.
            let sampled = posterior?.posterior(user: u, item: m)
            let p = sampled.map { Float($0.mean) } ?? loaded.predict(user: u, item: m)
            guard p.isFinite else {
                throw Failure("\(url.lastPathComponent):\(index + 1): the model's numbers for user \(user) and movie \(item) overflow a float; the model is damaged")
            }
            if let note = loaded.untrained.note(user: u, userId: user, item: m, itemId: item) {
                noted += 1
                if notes.count < 3 { notes.append("line \(index + 1): \(note)") }
            }
            out += "\(user),\(item),\(String(format: "%.9g", clip ? loaded.contents.header.scale.clip(p) : p))"
                + (sampled.map { String(format: ",%.9g", $0.spread) } ?? "") + "\n"
        }
        print(out, terminator: "")
        // Beside the table, on standard error: the CSV stays as other tools read it.
        if noted > 0 {
            printError("note: \(noted) of the pairs involve a user or movie without training ratings; their predictions use only what the model learned:")
            for n in notes { printError("  " + n) }
            if noted > notes.count { printError("  … and \(noted - notes.count) more") }
        }
    }
}
