import Foundation

/// The planted movie side of a generated sample (`SampleData/planted.csv`): the taste vector the
/// generator gave each movie (its genres, its era, how mainstream it is, its tone, its scenes). Users' planted tastes
/// multiply these, so a model that learned the data's structure has factors that map onto them.
public struct PlantedFactors: Sendable, Equatable {
    public static let fileName = "planted.csv"
    /// The planted dimensions that a category names (the movie's genres); the rest are tastes
    /// no category names (era, mainstream, tone, scenes).
    public static let genrePrefix = "genre "
    public var names: [String]
    public var byMovie: [Int64: [Float]] = [:]

    public init(names: [String]) { self.names = names }

    /// `movieId,<name>,...` with one line per movie.
    public func csv() -> String {
        var out = "movieId," + names.map(CSV.field).joined(separator: ",") + "\n"
        for id in byMovie.keys.sorted() {
            out += "\(id)," + (byMovie[id] ?? []).map { String(format: "%.6g", $0) }.joined(separator: ",") + "\n"
        }
        return out
    }

    /// Reads `planted.csv`; a damaged file is an error that names the line.
    public static func read(_ url: URL) throws -> PlantedFactors {
        let data = try FileAccess.read(url, what: "planted-factors file")
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
        guard let header = lines.first else { throw DataError(file: url.lastPathComponent, "is empty") }
        let names = CSV.fields(String(header), separator: ",").dropFirst().map { $0 }
        var planted = PlantedFactors(names: Array(names))
        for (n, line) in lines.enumerated().dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == names.count + 1, let id = Int64(fields[0]) else {
                throw DataError(file: url.lastPathComponent, line: n + 1, "expected a movie id and \(names.count) numbers")
            }
            let values = fields.dropFirst().compactMap { Float($0) }
            guard values.count == names.count, values.allSatisfy(\.isFinite) else {
                throw DataError(file: url.lastPathComponent, line: n + 1, "expected \(names.count) numbers")
            }
            planted.byMovie[id] = values
        }
        return planted
    }
}
