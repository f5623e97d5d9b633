import ArgumentParser
import Foundation
import LatentCore

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print what a data set holds: format, counts, sparsity, scale, histogram, top movies and users.")

    @OptionGroup var source: DataOptions

    @Flag(name: .long, help: "Print the figures as one JSON object.")
    var json = false

    @Option(name: .long, help: "How many top movies and users to list.")
    var top = 10

    func run() throws {
        let progress = ProgressLine(label: "loading")
        let data = try source.load(progress: progress.callback)
        progress.finish()
        let summary = DatasetSummary(data, top: top)
        if json {
            print(try JSONOutput.string(summary))
            return
        }
        print(InspectReport.text(summary, firstSkipped: data.firstSkipped))
    }
}

/// The plain-text report of `inspect`.
enum InspectReport {
    static func text(_ s: DatasetSummary, firstSkipped: DataError?) -> String {
        var out = ""
        out += "\(s.source)\n"
        out += "  format      \(s.format)\n"
        out += "  users       \(s.users.grouped)\n"
        out += "  movies      \(s.movies.grouped) rated, \(s.catalogMovies.grouped) in the catalog\n"
        out += "  ratings     \(s.ratings.grouped)  (mean \(String(format: "%.2f", s.meanRating)))\n"
        out += "  sparsity    \(String(format: "%.2f%%", s.sparsity * 100)) of user × movie cells are empty\n"
        out += "  scale       \(formatRating(s.ratingMin))–\(formatRating(s.ratingMax)), step \(s.ratingStep == 0 ? "continuous" : formatRating(s.ratingStep))\n"
        if s.skippedLines > 0 {
            out += "  skipped     \(s.skippedLines.grouped) malformed lines"
            if let firstSkipped { out += " (first: \(firstSkipped))" }
            out += "\n"
        }
        out += "\nRatings\n"
        let largest = s.histogram.map(\.count).max() ?? 1
        for bin in s.histogram {
            let bar = String(repeating: "█", count: max(bin.count > 0 ? 1 : 0, bin.count * 40 / max(largest, 1)))
            let pct = Double(bin.count) / Double(max(s.ratings, 1)) * 100
            out += "  \(formatRating(bin.rating).padded(4)) \(bar.padded(41)) \(bin.count.grouped) (\(String(format: "%.1f", pct))%)\n"
        }
        out += "\nMost rated movies\n"
        for r in s.mostRated { out += "  \(r.ratings.grouped.leftPadded(8))  \(r.name)\n" }
        out += "\nMost active users\n"
        for r in s.mostActive { out += "  \(r.ratings.grouped.leftPadded(8))  user \(r.id)\n" }
        return out
    }
}
