/// Finds movies by what a person types: case, accents, punctuation and the MovieLens
/// article convention ignored ("the empire strikes back" finds `Empire Strikes Back, The (1980)`),
/// best matches first, popular movies first among equals.
public struct MovieSearch: Sendable {
    private let keys: [(display: String, original: String, bare: String)]
    private let popularity: [Int32]

    /// `movies[i]` describes item `i`; `popularity[i]` breaks ties.
    public init(movies: [Movie], popularity: [Int32]) {
        keys = movies.map { (TitleText.searchKey($0.displayTitleWithYear), TitleText.searchKey($0.title), TitleText.searchKey($0.displayTitle)) }
        self.popularity = popularity
    }

    public var count: Int { keys.count }

    /// Items matching `query`, best first (at most `limit`).
    public func find(_ query: String, limit: Int = 10) -> [Int] {
        let q = TitleText.searchKey(query)
        guard !q.isEmpty else { return [] }
        var scored: [(score: Int, item: Int)] = []
        for (i, key) in keys.enumerated() {
            // The whole title typed (without the year) beats a longer title that starts with it.
            let s = key.bare == q ? 6 : max(score(q, key.display), score(q, key.original))
            if s > 0 { scored.append((s, i)) }
        }
        // Then the more rated; where the counts say nothing (a model without its ratings), the
        // shorter title: "matrix" means The Matrix before The Matrix Reloaded.
        scored.sort {
            if $0.score != $1.score { return $0.score > $1.score }
            if popularity[$0.item] != popularity[$1.item] { return popularity[$0.item] > popularity[$1.item] }
            let a = keys[$0.item].display.count, b = keys[$1.item].display.count
            return a != b ? a < b : $0.item < $1.item
        }
        return scored.prefix(limit).map(\.item)
    }

    /// What a typed title names, when it must name one movie (a ratings file, the journal,
    /// `similar --movie`): never just the first search hit.
    public enum Resolution: Sendable, Equatable {
        case found(Int)
        /// Several movies fit and none better than the others: the candidates, best first.
        case ambiguous([Int])
        case none
    }

    /// A title taken only when it is unambiguous: the one movie whose whole title it is (with or
    /// without the year, the article in front or behind), or else the only movie that matches at all.
    public func resolve(_ query: String) -> Resolution {
        let q = TitleText.searchKey(query)
        guard !q.isEmpty else { return .none }
        let exact = keys.indices.filter { keys[$0].display == q || keys[$0].original == q || keys[$0].bare == q }
        if exact.count == 1 { return .found(exact[0]) }
        if exact.count > 1 {
            return .ambiguous(exact.sorted { popularity[$0] != popularity[$1] ? popularity[$0] > popularity[$1] : $0 < $1 })
        }
        let matches = find(query, limit: 6)
        if matches.count == 1 { return .found(matches[0]) }
        return matches.isEmpty ? .none : .ambiguous(matches)
    }

    /// Titles that look like `query` when nothing contains it (letter-pair overlap), for "did you mean".
    public func closest(_ query: String, limit: Int = 5) -> [Int] {
        let q = bigrams(TitleText.searchKey(query))
        guard !q.isEmpty else { return [] }
        var scored: [(Double, Int)] = []
        for (i, key) in keys.enumerated() {
            let k = bigrams(key.display)
            let common = q.intersection(k).count
            if common > 0 { scored.append((2 * Double(common) / Double(q.count + k.count), i)) }
        }
        scored.sort { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
        return scored.prefix(limit).map(\.1)
    }

    private func score(_ q: String, _ key: String) -> Int {
        if key == q { return 5 }
        if key.hasPrefix(q + " ") { return 4 } // the whole title before the year
        if key.hasPrefix(q) { return 3 }
        if key.contains(" " + q) { return 2 }
        if key.contains(q) { return 1 }
        return 0
    }

    private func bigrams(_ s: String) -> Set<String> {
        let c = Array(s)
        guard c.count > 1 else { return Set([s]) }
        return Set((0..<(c.count - 1)).map { String(c[$0...$0 + 1]) })
    }
}
