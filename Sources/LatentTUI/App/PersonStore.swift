import Foundation
import LatentCore

/// The person's ratings on disk, for the explorer: opens the journal of the data set (refusing
/// one written for other movies, listing every line it could not take), and saves each change
/// before it counts. When a change cannot be saved, it does not count; `alternative` offers
/// another place, and `move` keeps the ratings there from then on.
final class PersonStore {
    let journal: RatingsJournal
    let identity: CatalogIdentity
    private let dataset: Dataset
    /// Changes refused because they could not be saved, and the last reason: said at quit.
    private(set) var refused = 0
    private(set) var lastProblem: String?
    /// Set when the journal must not be written (one for other movies that could not be moved aside).
    private var blocked: String?
    /// Where the ratings were meant to be, when they moved elsewhere this session.
    private var movedFrom: URL?

    struct Opened {
        var ratings: [Int32: Float] = [:]
        /// The rated movies by their latest change, oldest first (the journal's order): the You
        /// list comes back in the order it was left in.
        var recent: [Int32] = []
        /// What the person must read before going on (lines ignored, a journal set aside, …).
        var alert: Alert?
    }

    init(folder: StateFolder, dataset: Dataset) {
        journal = folder.journal(for: dataset.source)
        identity = dataset.catalogIdentity
        self.dataset = dataset
    }

    var path: String { Self.shown(journal.url) }

    static func shown(_ url: URL) -> String {
        guard let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty, url.path.hasPrefix(home + "/") else { return url.path }
        return "~" + url.path.dropFirst(home.count)
    }

    /// Reads the journal: the ratings it holds, and an alert when anything in it was not taken.
    func open(search: MovieSearch) -> Opened {
        let parsed: RatingLines.Parsed
        do { parsed = try journal.read(scale: dataset.scale) } catch {
            return Opened(alert: Alert(title: "Your ratings could not be read",
                                       lines: ["\(error)", "Nothing was changed. New ratings cannot be saved there until it is a file again."]))
        }
        if let written = parsed.identity, written.fingerprint != identity.fingerprint {
            let aside = try? journal.setAside(fingerprint: written.fingerprint)
            if aside == nil { blocked = "\(path) holds the ratings of other movies and could not be moved aside" }
            return Opened(alert: Alert(title: "Your ratings file is for other movies", lines: [
                "\(path) was written for \(written.name) (catalogue \(written.fingerprint)); these are the movies of \(identity.name) (catalogue \(identity.fingerprint)). Its movie ids may name other movies here, so none of it was used.",
                aside.map { "It was kept as \(Self.shown($0)); new ratings start a new file." } ?? "It could not be moved aside, so it is left alone: a rating asks where else to keep it."]))
        }
        var ratings: [Int32: Float] = [:]
        var recent: [Int32] = []
        var problems = parsed.problems.map(\.description)
        for e in parsed.entries {
            let item: Int?
            if let id = Int64(e.movie) {
                item = dataset.itemIndex(rawId: id)
                if item == nil { problems.append("line \(e.line): no movie with id \(id) in this data set") }
            } else if case .found(let m) = search.resolve(e.movie) {
                item = m
            } else {
                item = nil
                problems.append("line \(e.line): “\(e.movie)” does not name one movie")
            }
            if let item {
                ratings[Int32(item)] = e.rating == 0 ? nil : e.rating
                recent.removeAll { $0 == Int32(item) }
                if e.rating != 0 { recent.append(Int32(item)) }
            }
        }
        // A journal from before journals carried their identity gets it now.
        if parsed.identity == nil && !parsed.entries.isEmpty { try? journal.adopt(identity) }
        guard !problems.isEmpty else { return Opened(ratings: ratings, recent: recent) }
        let count = problems.count
        let shown = problems.prefix(8).map { "  " + $0 } + (count > 8 ? ["  … and \(count - 8) more"] : [])
        return Opened(ratings: ratings, recent: recent, alert: Alert(
            title: "\(count) line\(count == 1 ? "" : "s") of your ratings file \(count == 1 ? "was" : "were") ignored",
            lines: ["In \(path):"] + shown + ["The file is left as it is (nothing in it is removed); rating one of these movies again adds a line that counts instead."]))
    }

    /// Saves one change (0 clears); throws, and the change must not count, when it cannot.
    func save(item: Int32, rating: Float) throws {
        do {
            if let blocked { throw DataError(file: journal.url.path, blocked) }
            try journal.append(movie: dataset.itemIds[Int(item)], rating: rating, identity: identity)
        } catch {
            refused += 1
            lastProblem = "\(error)"
            throw error
        }
    }

    /// Another place to keep the ratings, writable, when the journal's cannot be written.
    func alternative() -> URL? {
        let name = journal.url.lastPathComponent
        var candidates: [URL] = []
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty {
            candidates.append(URL(fileURLWithPath: home).appendingPathComponent("latentlab-\(name)"))
        }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("latentlab-\(name)"))
        candidates.append(FileManager.default.temporaryDirectory.appendingPathComponent("latentlab-\(name)"))
        return candidates.first { $0.standardizedFileURL != journal.url.standardizedFileURL && (try? FileAccess.requireWritable($0)) != nil }
    }

    /// Writes every rating to `url` and keeps the journal there from now on.
    func move(to url: URL, ratings: [Int32: Float]) throws {
        let list = ratings.sorted { $0.key < $1.key }.map { (movie: dataset.itemIds[Int($0.key)], rating: $0.value) }
        let from = journal.url
        try journal.move(to: url, ratings: list, identity: identity)
        blocked = nil
        movedFrom = from
        // The change that could not be saved is applied again there: it did count in the end.
        refused = max(0, refused - 1)
    }

    /// The alert when a change could not be saved.
    func unsavedAlert(_ error: Error, pending: Action) -> Alert {
        var lines = ["Your rating was not saved, so it does not count:", "\(error)"]
        var offer: Alert.Offer?
        if let other = alternative() {
            offer = .saveElsewhere(path: other.path, pending: pending)
            lines.append("Press a to keep your ratings in \(Self.shown(other)) from now on (all of them are written there), or any other key to go on without this rating.")
        } else {
            lines.append("No other writable place was found (home, this folder, the temporary folder). Start again with --state DIR to choose one.")
        }
        return Alert(title: "Not saved", lines: lines, offer: offer)
    }

    /// What to say at quit about changes that did not count.
    var quitNotice: String? {
        var parts: [String] = []
        if refused > 0, let lastProblem {
            parts.append("\(refused) rating change\(refused == 1 ? "" : "s") could not be saved and did not count (\(lastProblem))")
        }
        if let movedFrom {
            parts.append("your ratings were kept in \(path) this time; the next start reads \(Self.shown(movedFrom)): move the file there once it can be written, or start with --state DIR")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}
