/// One movie of the catalog, as the data set describes it.
public struct Movie: Sendable, Equatable, Codable {
    /// The id used in the data files.
    public var rawId: Int64
    /// The title as published, e.g. `Empire Strikes Back, The (1980)`.
    public var title: String
    public var year: Int?
    public var genres: [String]

    /// Longer titles are cut (with "…"): no real title comes near, and a 100 kB one from a
    /// damaged or hostile file would be measured and drawn again on every frame.
    public static let maximumTitleLength = 300

    public init(rawId: Int64, title: String, year: Int? = nil, genres: [String] = []) {
        self.rawId = rawId
        self.title = Self.capped(title)
        self.year = year ?? TitleText.year(in: self.title)
        self.genres = Array(genres.prefix(32).map(Self.capped))
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(rawId: try c.decode(Int64.self, forKey: .rawId), title: try c.decode(String.self, forKey: .title),
                  year: try c.decodeIfPresent(Int.self, forKey: .year), genres: try c.decodeIfPresent([String].self, forKey: .genres) ?? [])
    }

    static func capped(_ text: String) -> String {
        // The byte count first: counting characters walks the whole string.
        guard text.utf8.count > maximumTitleLength, text.count > maximumTitleLength else { return text }
        return String(text.prefix(maximumTitleLength - 1)) + "…"
    }

    /// The title as people say it: article in front, year dropped
    /// (`The Empire Strikes Back`).
    /// A movie whose file gave no title is `(untitled, id 42)`, never a blank name.
    public var displayTitle: String { isUntitled ? "(untitled, id \(rawId))" : TitleText.display(title) }

    /// `The Empire Strikes Back (1980)`.
    public var displayTitleWithYear: String {
        if let year, !isUntitled { return "\(displayTitle) (\(year))" }
        return displayTitle
    }

    /// No title in the file (empty, or only spaces): counted in the load report.
    public var isUntitled: Bool { TitleText.display(title).allSatisfy(\.isWhitespace) }
}
