/// One movie of the catalog, as the data set describes it.
public struct Movie: Sendable, Equatable, Codable {
    /// The id used in the data files.
    public var rawId: Int64
    /// The title as published, e.g. `Empire Strikes Back, The (1980)`.
    public var title: String
    public var year: Int?
    public var genres: [String]

    public init(rawId: Int64, title: String, year: Int? = nil, genres: [String] = []) {
        self.rawId = rawId
        self.title = title
        self.year = year ?? TitleText.year(in: title)
        self.genres = genres
    }

    /// The title as people say it: article in front, year dropped
    /// (`The Empire Strikes Back`).
    public var displayTitle: String { TitleText.display(title) }

    /// `The Empire Strikes Back (1980)`.
    public var displayTitleWithYear: String {
        if let year { return "\(displayTitle) (\(year))" }
        return displayTitle
    }
}
