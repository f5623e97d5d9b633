import ArgumentParser
import Foundation
import LatentCore

/// A saved model opened for the query commands, with the look-ups they share.
struct LoadedModel {
    let contents: ModelFile.Contents
    let model: DotProductBias
    let search: MovieSearch
    private let itemByRaw: [Int64: Int]
    private let userByRaw: [Int64: Int]
    /// Movies and users the model never trained on (only held-out ratings, or added to cover a
    /// data set an import lacked): never used, predicted from what is known.
    let untrained: UntrainedRows
    /// A sampled model's kept samples: its predictions are their mean, with a spread.
    let posterior: PosteriorSamples?
    var untrainedItems: Set<Int> { untrained.items }
    var untrainedUsers: Set<Int> { untrained.users }

    init(path: String) throws {
        contents = try ModelFile.read(URL(fileURLWithPath: path))
        model = contents.makeModel()
        search = MovieSearch(movies: contents.header.movies, popularity: contents.itemCounts)
        itemByRaw = Dictionary(contents.itemIds.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        userByRaw = Dictionary(contents.userIds.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        untrained = UntrainedRows(contents.header)
        posterior = contents.makePosterior()
    }

    var counts: [Int32] { contents.itemCounts }
    /// The counts with the movies the model never trained on as 0 (never placed on a map).
    var trainedCounts: [Int32] {
        // A model imported without its data set knows no counts: every movie then counts once
        // (the map and the lists take them all, ordered as the file gives them).
        guard countsKnown else { return [Int32](repeating: 1, count: contents.itemCounts.count) }
        return contents.itemCounts.enumerated().map { untrainedItems.contains($0) ? 0 : $1 }
    }

    /// False for a model imported from a factor directory without `--data`.
    var countsKnown: Bool { contents.header.format != "imported" || contents.itemCounts.contains { $0 > 0 } }

    /// Ratings per user (from the saved lists of what each rated); 0 for a user who never trained.
    var activity: [Int32] {
        (0..<contents.header.users).map { untrained.users.contains($0) ? 0 : Int32(clamping: contents.ratedOffsets[$0 + 1] - contents.ratedOffsets[$0]) }
    }

    /// The prediction for a cell from trained rows only (`UntrainedRows.predict`).
    func predict(user u: Int, item m: Int) -> Float {
        untrained.predict(model, user: u, item: m, mean: contents.header.globalMean)
    }

    /// A user as the model knows them: an untrained user is nobody in particular (no taste, no
    /// bias), so what they are shown follows the movies' biases, the same for anyone.
    func person(user u: Int) -> Recommender.Person {
        untrained.users.contains(u) ? .unknown(factors: model.config.factors) : Recommender.person(model, user: u)
    }

    /// A title ready for the terminal (control characters from the file made harmless).
    func title(_ item: Int) -> String { TerminalText.safe(contents.header.movies[item].displayTitleWithYear) }

    func item(rawId: Int64) -> Int? { itemByRaw[rawId] }

    /// A movie from an id or a title that names one movie; an ambiguous title fails with the
    /// candidates, an unknown one with the closest titles.
    func movie(_ query: String) throws -> Int {
        if let id = Int64(query), let m = itemByRaw[id] { return m }
        switch search.resolve(query) {
        case .found(let m): return m
        case .ambiguous(let candidates):
            throw Failure("'\(TerminalText.safe(query))' matches several movies: " + candidates.map(title).joined(separator: "; ")
                          + ". Write the whole title with its year, or the movie id.")
        case .none:
            let near = search.closest(query, limit: 5).map(title)
            throw Failure("No movie matches '\(TerminalText.safe(query))'." + (near.isEmpty ? "" : " Closest titles: " + near.joined(separator: "; ")))
        }
    }

    func user(rawId: Int64) throws -> Int {
        guard let u = userByRaw[rawId] else {
            let ids = contents.userIds
            // The distance as an unsigned number: `abs(a - b)` traps for ids at the ends of Int64.
            func distance(_ a: Int64) -> UInt64 { a > rawId ? UInt64(bitPattern: a &- rawId) : UInt64(bitPattern: rawId &- a) }
            let nearest = ids.min { distance($0) < distance($1) }.map { " (nearest id: \($0))" } ?? ""
            throw Failure("No user \(rawId) in this model; its users have ids \(ids.min() ?? 0)…\(ids.max() ?? 0)\(nearest).")
        }
        return u
    }

    func movieLine(_ item: Int) -> String {
        let m = contents.header.movies[item]
        return TerminalText.safe("\(m.displayTitleWithYear)" + (m.genres.isEmpty ? "" : "  [\(m.genres.joined(separator: "|"))]"))
    }
}

struct ModelOption: ParsableArguments {
    @Option(name: .long, help: "A model saved by `latentlab train --save FILE`.")
    var model: String
}
