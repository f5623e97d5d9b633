import Foundation

/// Reads the movie lists of each MovieLens layout into `Movie` values.
enum MoviesParser {
    /// The genre flags of ml-100k's `u.item`, in the order of `u.genre`.
    static let ml100kGenres = ["unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime",
                               "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery",
                               "Romance", "Sci-Fi", "Thriller", "War", "Western"]

    /// ml-100k `u.item`: `id | title | release date | video release date | IMDb URL | 19 flags` (Latin-1).
    static func readUItem(_ url: URL, skipBadLines: Bool) throws -> (movies: [Movie], skipped: Int) {
        try readLines(url, skipBadLines: skipBadLines) { line, number, name in
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2, let id = Int64(fields[0].trimmingSpaces()) else {
                throw DataError(file: name, line: number, "expected 'id|title|...' with a numeric id")
            }
            let flags = fields.count >= 24 ? Array(fields[(fields.count - 19)...]) : []
            let genres = zip(flags, ml100kGenres).compactMap { $0.0.trimmingSpaces() == "1" ? $0.1 : nil }
            // A `|` inside a title adds fields: the title is what lies before the last 22.
            let title = fields.count > 24 ? fields[1...(fields.count - 23)].joined(separator: "|") : fields[1]
            let date = fields.count >= 24 ? fields[fields.count - 22] : (fields.count > 2 ? fields[2] : "")
            var year = TitleText.year(in: title)
            if year == nil, let y = Int(date.suffix(4)) { year = y }
            return Movie(rawId: id, title: title.trimmingSpaces(), year: year, genres: genres.filter { $0 != "unknown" })
        }
    }

    /// ml-1m / ml-10m `movies.dat`: `id::title::Genre|Genre`.
    static func readMoviesDat(_ url: URL, skipBadLines: Bool) throws -> (movies: [Movie], skipped: Int) {
        try readLines(url, skipBadLines: skipBadLines) { line, number, name in
            let fields = line.components(separatedBy: "::")
            guard fields.count >= 2, let id = Int64(fields[0].trimmingSpaces()) else {
                throw DataError(file: name, line: number, "expected 'id::title::genres' with a numeric id")
            }
            // A `::` inside a title adds fields: the genres are the last, the title all between.
            let title = fields.count > 3 ? fields[1..<(fields.count - 1)].joined(separator: "::") : fields[1]
            return Movie(rawId: id, title: title.trimmingSpaces(), genres: genres(fields.count > 2 ? fields[fields.count - 1] : ""))
        }
    }

    /// ml-latest and friends `movies.csv`: a header, then `id,title,genres` with quoted titles.
    /// Also reads a generic movies file `id<sep>title[<sep>genres]`.
    static func readMoviesCSV(_ url: URL, separator: Character = ",", skipBadLines: Bool) throws -> (movies: [Movie], skipped: Int) {
        try readLines(url, skipBadLines: skipBadLines) { line, number, name in
            guard let fields = CSV.checkedFields(line, separator: separator) else {
                throw DataError(file: name, line: number, "a quote is opened and never closed (a title in quotes needs its closing quote)")
            }
            guard fields.count >= 2 else {
                throw DataError(file: name, line: number, "expected 'movieId\(separator)title\(separator)genres', found \(fields.count) field(s)")
            }
            guard let id = Int64(fields[0].trimmingSpaces()) else {
                if number == 1 { return nil } // the header line
                throw DataError(file: name, line: number, "movie id '\(fields[0])' \(idProblem(fields[0]))")
            }
            return Movie(rawId: id, title: fields[1].trimmingSpaces(), genres: genres(fields.count > 2 ? fields[2] : ""))
        }
    }

    static func genres(_ text: String) -> [String] {
        let t = text.trimmingSpaces()
        if t.isEmpty || t == "(no genres listed)" { return [] }
        return t.split(separator: "|").map { String($0).trimmingSpaces() }
    }

    /// Reads a text file line by line (UTF-8, or Latin-1 per line where it is not valid UTF-8).
    private static func readLines(_ url: URL, skipBadLines: Bool,
                                  _ parse: (String, Int, String) throws -> Movie?) throws -> (movies: [Movie], skipped: Int) {
        let name = url.lastPathComponent
        let data = try mappedContents(of: url, what: "movies file")
        guard !data.isEmpty else { throw DataError(file: name, "the file is empty") }
        var movies: [Movie] = []
        var skipped = 0
        try data.withUnsafeBytes { bytes in
            try forEachLine(bytes) { line, number in
                if line.count == 0 { return true }
                do {
                    if let movie = try parse(line.string, number, name) { movies.append(movie) }
                } catch let error as DataError {
                    guard skipBadLines else { throw error }
                    skipped += 1
                }
                return true
            }
        }
        return (movies, skipped)
    }
}
