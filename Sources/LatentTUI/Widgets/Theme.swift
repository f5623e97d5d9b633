import LatentCore

/// The explorer's colours and the meaning they carry. Every colour has an attribute
/// (bold, dim, reverse) beside it, so a monochrome terminal still tells things apart.
public enum Theme {
    public static let border = Style(foreground: .gray)
    public static let title = Style(foreground: .cyan, bold: true)
    public static let label = Style(foreground: .gray)
    public static let header = Style(bold: true)
    public static let key = Style(foreground: .yellow, bold: true)
    public static let train = Style(foreground: .cyan)
    public static let valid = Style(foreground: .magenta)
    /// A sampled model's running average over its samples (beside `valid`, each sample's own).
    public static let averaged = Style(foreground: .green)
    public static let marker = Style(foreground: .yellow, dim: true)
    /// The validation curve of the previous settings.
    public static let ghost = Style(foreground: .magenta, dim: true)
    public static let good = Style(foreground: .green, bold: true)
    public static let warn = Style(foreground: .yellow, bold: true)
    public static let bad = Style(foreground: .red, bold: true)
    public static let selected = Style(reverse: true)
    public static let message = Style(foreground: .yellow, bold: true)
    /// The map's genre colours (the legend's order); distinct on an 8-colour terminal.
    public static let genreColors: [Style] = [Style(foreground: .cyan), Style(foreground: .magenta), Style(foreground: .yellow),
                                              Style(foreground: .green), Style(foreground: .red), Style(foreground: .blue),
                                              Style(foreground: .white, bold: true)]
    /// Factor strips: positive and negative values.
    public static let positive = Style(foreground: .cyan)
    public static let negative = Style(foreground: .red)

    /// A known rating: bold; coloured by how far the prediction is off once training started.
    public static func known(error: Float?) -> Style {
        guard let e = error.map(abs) else { return Style(foreground: .white, bold: true) }
        if e < 0.5 { return good }
        if e < 1.0 { return warn }
        return bad
    }

    /// A prediction in an empty cell: dim, and lighter the higher the predicted rating
    /// (a 256-colour grey ramp; terminals with 8 colours just show it dim).
    public static func prediction(_ value: Float, scale: RatingScale) -> Style {
        let t = max(0, min(1, (value - scale.min) / max(0.01, scale.max - scale.min)))
        return Style(foreground: .indexed(UInt8(240 + Int((t * 15).rounded()))), dim: true)
    }
}
