import Foundation
import LatentCore

/// A movie's title in a given width that keeps what tells it apart from its neighbours in a
/// list: its sequel number or subtitle and its year, with the middle cut (`Jurassic… III 2001`)
/// rather than the end (`Jurassic Pa…`, twice). A trailing alternate title in parentheses is the
/// first thing left out, so a cut never ends in an open parenthesis (`Birdman: Or (`).
public enum TitleFit {
    public static func fit(_ movie: Movie, width: Int) -> String {
        let title = movie.displayTitle
        let year = movie.year.map { " (\($0))" } ?? ""
        let full = title + year
        guard Canvas.displayWidth(full) > width else { return full }
        let main = withoutAlternate(title)
        let shortYear = movie.year.map { " \($0)" } ?? ""
        var candidates = [main + year, main + shortYear]
        if let tail = distinguishing(main) {
            candidates += cut(main, keeping: tail, suffix: shortYear, width: width).map { [$0] } ?? []
            candidates += cut(main, keeping: tail, suffix: "", width: width).map { [$0] } ?? []
        }
        candidates += cut(main, keeping: "", suffix: shortYear, width: width).map { [$0] } ?? []
        if let found = candidates.first(where: { Canvas.displayWidth($0) <= width }) { return found }
        return ColumnHeader.tidy(main.fitted(width))
    }

    /// `Birdman: Or (The Unexpected Virtue of Ignorance)` → `Birdman`; `The 400 Blows (Les quatre
    /// cents coups)` → `The 400 Blows`; a dangling `: Or` or `:` goes with it.
    static func withoutAlternate(_ title: String) -> String {
        guard title.hasSuffix(")"), let open = title.range(of: " (", options: .backwards), open.lowerBound > title.startIndex else { return title }
        var main = String(title[..<open.lowerBound])
        for dangling in [": Or", ": or", " Or", ":"] where main.hasSuffix(dangling) { main = String(main.dropLast(dangling.count)) }
        return main.isEmpty ? title : main
    }

    /// What tells a title apart from others of its franchise: its sequel number (`III`, `2`),
    /// else its subtitle after the last `: ` or ` - ` (`A New Hope`).
    static func distinguishing(_ title: String) -> String? {
        let words = title.split(separator: " ").map(String.init)
        if let number = ColumnHeader.sequelNumber(words) { return number }
        for separator in [" - ", ": "] {
            if let r = title.range(of: separator, options: .backwards) {
                let subtitle = String(title[r.upperBound...])
                if !subtitle.isEmpty { return subtitle }
            }
        }
        return nil
    }

    /// `head… tail suffix` in `width`, the head as long as fits (at least three columns).
    static func cut(_ title: String, keeping tail: String, suffix: String, width: Int) -> String? {
        let keep = (tail.isEmpty ? "" : " " + tail) + suffix
        let room = width - Canvas.displayWidth(keep)
        guard room >= 4 else { return nil }
        let head = ColumnHeader.tidy(title.fitted(room))
        guard head.hasSuffix("…"), !head.dropLast().isEmpty else { return nil }
        return head + keep
    }
}
