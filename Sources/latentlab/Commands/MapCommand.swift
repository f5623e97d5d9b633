import ArgumentParser
import Foundation
import LatentCore
import LatentTUI

struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "The movie map: the most rated movies' factors on their principal components, as text or SVG.",
        discussion: """
        PCA of the movie factor rows of the most rated movies (as chapter 8 of the book does), drawn as a braille \
        scatter with the most rated movies labelled, each axis named by the movies at its two ends, and a legend of \
        main genres. --glyphs draws each genre as its own character (plain text has no colours); --svg FILE writes \
        the map as an SVG picture with coloured points.
        """)

    @OptionGroup var modelOption: ModelOption

    @Option(name: .long, help: "Columns of the text map, 40–1,000.", transform: FlagBounds.int(40...1_000, "the width"))
    var width = 100

    @Option(name: .long, help: "Rows of the text map, 12–500.", transform: FlagBounds.int(12...500, "the height"))
    var height = 36

    @Option(name: .long, help: "The two components shown: 1,2 or 1,3 or 2,3.")
    var components = "1,2"

    @Option(name: .long, help: "How many of the most rated movies, 2–1,000,000.", transform: FlagBounds.int(2...1_000_000, "the number of movies"))
    var movies = 1_000

    @Flag(name: .long, help: "A character per genre instead of braille dots.")
    var glyphs = false

    @Option(name: .long, help: "Write the map as an SVG picture to this file.")
    var svg: String?

    func validate() throws {
        guard (20...1_000).contains(width), (10...500).contains(height) else {
            throw ValidationError("--width is 20 to 1000 columns and --height 10 to 500 rows.")
        }
        guard (2...1_000_000).contains(movies) else { throw ValidationError("--movies is at least 2.") }
        guard axes != nil else { throw ValidationError("--components is 1,2 or 1,3 or 2,3.") }
    }

    var axes: MapAxes? {
        switch components.replacingOccurrences(of: " ", with: "") {
        case "1,2", "2,1": return .first
        case "1,3", "3,1": return .firstThird
        case "2,3", "3,2": return .secondThird
        default: return nil
        }
    }

    func run() throws {
        if let svg { try WriteGuard.requireReplaceable(URL(fileURLWithPath: svg), by: MapSVG.signature) }
        let loaded = try LoadedModel(path: modelOption.model)
        let map = MovieMap.build(model: loaded.model, counts: loaded.trainedCounts, count: movies)
        guard map.points.count >= 2 else { throw Failure("The model has fewer than two rated movies: nothing to map.") }
        let axes = self.axes ?? .first
        let (a, b) = axes.components
        let explained = map.explained
        // A model imported without its data set knows no counts: its movies are taken as the file lists them.
        let which = loaded.countsKnown ? "most rated movies' factors" : "movies' factors (imported without --data: no counts, so the first in the file)"
        let title = String(format: "PCA of the %@ %@: components %d (%.0f%% of the variance) and %d (%.0f%%)",
                           map.points.count.grouped, which, a + 1, explained[a] * 100, b + 1, explained[b] * 100)
        let movie = { (m: Int) in loaded.contents.header.movies[m] }
        if let svg {
            let text = MapSVG.render(map: map, movie: movie, components: (a, b), title: title)
            try AtomicFile.write(text, to: URL(fileURLWithPath: svg), replacing: MapSVG.signature)
            print("wrote \(svg): \(title)")
            return
        }
        var canvas = Canvas(width: width, height: height)
        MapPlot(map: map, movie: movie, axes: axes, glyphs: glyphs).draw(into: &canvas, canvas.bounds)
        print(title)
        print(canvas.text)
    }
}
