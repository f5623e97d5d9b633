import Foundation

/// The movie map as an SVG picture for reports (`latentlab map --svg FILE`): points coloured by
/// main genre with a legend, the most rated movies labelled where labels do not overlap, and
/// each axis named by the movies at its two ends.
public enum MapSVG {
    /// The genre colours (the legend's order), then "other".
    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#17becf", "#e377c2", "#8c564b"]
    static let other = "#b0b0b0"

    /// The comment every map carries, so that `map --svg` knows a file it may replace.
    static let marker = "<!-- movie map written by latentlab map -->"

    /// A map `map --svg` wrote: the marker, or (written before it) the opening and title it always had.
    public static let signature = FileSignature(name: "an SVG map LatentLab wrote") { head in
        let text = String(decoding: head, as: UTF8.self)
        return text.hasPrefix("<svg ") && (text.contains(marker) || text.contains("font-size=\"16\">PCA of the "))
    }

    public static func render(map: MovieMap, movie: (Int) -> Movie, components: (Int, Int), width: Int = 900, height: Int = 700,
                              labels: Int = 40, title: String) -> String {
        let (a, b) = components
        let w = Double(max(200, width)), h = Double(max(200, height))
        let plot = LabelPlacement.Box(x: 70, y: 50, width: w - 240, height: h - 110)
        let legend = GenreLegend(movies: map.points.map { movie($0.item) }, size: palette.count)
        let xs = map.points.map { Double($0.coordinates[a]) }, ys = map.points.map { Double($0.coordinates[b]) }
        guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else { return "" }
        let padX = max(1e-9, (x1 - x0) * 0.05), padY = max(1e-9, (y1 - y0) * 0.05)
        func px(_ v: Double) -> Double { plot.x + (v - x0 + padX) / (x1 - x0 + 2 * padX) * plot.width }
        func py(_ v: Double) -> Double { plot.y + plot.height - (v - y0 + padY) / (y1 - y0 + 2 * padY) * plot.height }
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(w))" height="\(Int(h))" viewBox="0 0 \(Int(w)) \(Int(h))" font-family="sans-serif">
        \(marker)
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(Int(plot.x))" y="28" font-size="16">\(escape(title))</text>
        <rect x="\(plot.x)" y="\(plot.y)" width="\(plot.width)" height="\(plot.height)" fill="none" stroke="#ccc"/>

        """
        // Points, the least rated first so the most rated stay on top.
        for p in map.points.reversed() {
            let colour = legend.index(of: movie(p.item)).map { palette[$0] } ?? other
            out += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%@\" fill-opacity=\"0.75\"/>\n",
                          px(Double(p.coordinates[a])), py(Double(p.coordinates[b])), colour)
        }
        // Labels for the most rated movies, where they fit.
        let charWidth = 6.8, lineHeight = 13.0
        let chosen = map.points.prefix(max(0, labels) * 3)
        let candidates = chosen.map { p -> LabelPlacement.Label in
            let text = movie(p.item).displayTitle
            return .init(x: px(Double(p.coordinates[a])) + 2, y: py(Double(p.coordinates[b])) - lineHeight / 2,
                         width: Double(text.count) * charWidth, height: lineHeight)
        }
        var placed = 0
        for (p, spot) in zip(chosen, LabelPlacement.place(candidates, bounds: plot, gap: 3)) {
            guard let spot, placed < labels else { continue }
            out += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#333\">%@</text>\n",
                          spot.x, spot.y + lineHeight - 2, escape(movie(p.item).displayTitle))
            placed += 1
        }
        // Axis names: the movies at the ends of each component.
        func ends(_ c: Int) -> (String, String) {
            let lo = map.points.min { $0.coordinates[c] < $1.coordinates[c] }.map { movie($0.item).displayTitle } ?? ""
            let hi = map.points.max { $0.coordinates[c] < $1.coordinates[c] }.map { movie($0.item).displayTitle } ?? ""
            return (lo, hi)
        }
        let (xl, xh) = ends(a), (yl, yh) = ends(b)
        out += """
        <text x="\(Int(plot.x))" y="\(Int(plot.y + plot.height + 22))" font-size="12">← \(escape(xl))</text>
        <text x="\(Int(plot.x + plot.width))" y="\(Int(plot.y + plot.height + 22))" font-size="12" text-anchor="end">\(escape(xh)) →</text>
        <text x="\(Int(plot.x + plot.width / 2))" y="\(Int(plot.y + plot.height + 40))" font-size="12" text-anchor="middle">component \(a + 1)</text>
        <text x="\(Int(plot.x - 8))" y="\(Int(plot.y + 12))" font-size="12" text-anchor="end">↑</text>
        <text x="\(Int(plot.x + 6))" y="\(Int(plot.y - 6))" font-size="12">\(escape(yh)) (component \(b + 1))</text>
        <text x="\(Int(plot.x - 8))" y="\(Int(plot.y + plot.height))" font-size="12" text-anchor="end">↓</text>
        <text x="\(Int(plot.x + 6))" y="\(Int(plot.y + plot.height - 6))" font-size="12">\(escape(yl))</text>

        """
        // The legend, right of the plot.
        let lx = plot.x + plot.width + 20
        for (i, genre) in legend.genres.enumerated() {
            let y = plot.y + 10 + Double(i) * 20
            out += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%@\"/><text x=\"%.1f\" y=\"%.1f\" font-size=\"12\">%@ (%d)</text>\n",
                          lx, y, palette[i], lx + 10, y + 4, escape(genre), legend.counts[i])
        }
        out += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%@\"/><text x=\"%.1f\" y=\"%.1f\" font-size=\"12\">other</text>\n",
                      lx, plot.y + 10 + Double(legend.genres.count) * 20, other, lx + 10, plot.y + 14 + Double(legend.genres.count) * 20)
        out += "</svg>\n"
        return out
    }

    /// Text made safe for XML: the five special characters escaped, control characters dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        for s in text.unicodeScalars {
            switch s {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if s.value < 0x20 || (0x7F...0x9F).contains(s.value) { continue }
                out.unicodeScalars.append(s)
            }
        }
        return out
    }
}
