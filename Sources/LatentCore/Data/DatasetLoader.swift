import Foundation
import ZIPFoundation

/// Options that shape how a data set is read.
public struct LoadOptions: Sendable {
    /// Count malformed lines instead of stopping at the first.
    public var skipBadLines = false
    /// For a file in no MovieLens layout: its separator and column names (`user,item,rating`).
    public var genericLayout: RatingsLayout?
    /// A movies file to go with a generic ratings file.
    public var moviesFile: URL?
    /// Called now and then with how far the reading has come, for a progress bar (from any thread).
    public var progress: (@Sendable (LoadProgress) -> Void)?
    /// How many threads parse the ratings (the pieces of a file are read side by side).
    public var threads: Int

    public init(skipBadLines: Bool = false, genericLayout: RatingsLayout? = nil, moviesFile: URL? = nil,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                progress: (@Sendable (LoadProgress) -> Void)? = nil) {
        self.skipBadLines = skipBadLines; self.genericLayout = genericLayout
        self.moviesFile = moviesFile; self.threads = max(1, threads); self.progress = progress
    }
}

/// Finds out which MovieLens release a path holds and loads it into a `Dataset`.
public enum DatasetLoader {
    /// Where the files of a recognised layout are.
    struct Located {
        var format: DatasetFormat
        var ratings: URL
        var movies: URL?
        var layout: RatingsLayout
    }

    /// Loads a folder, a ratings file, or a `.zip` of either.
    public static func load(_ path: String, options: LoadOptions = LoadOptions()) throws -> Dataset {
        try withUnzipped(path) { url in
            let located = try locate(url, options: options)
            let columns = try RatingsReader.read([located.ratings], layout: located.layout, skipBadLines: options.skipBadLines,
                                                 threads: options.threads, progress: options.progress)
            return try finish(columns, located: located, source: path, options: options, split: nil)
        }
    }

    /// Loads a training file and a validation file of the same layout, sharing one id numbering.
    public static func load(train: String, valid: String, options: LoadOptions = LoadOptions()) throws -> Dataset {
        try withUnzipped(train) { trainURL in
            let located = try locate(trainURL, options: options)
            let validURL = URL(fileURLWithPath: valid)
            var validLocated = located
            if validURL.hasDirectoryPath || isDirectory(validURL) {
                validLocated = try locate(validURL, options: options)
            } else {
                validLocated.ratings = validURL
            }
            let columns = try RatingsReader.read([located.ratings, validLocated.ratings], layout: located.layout,
                                                 skipBadLines: options.skipBadLines, threads: options.threads, progress: options.progress)
            let nTrain = columns.perFile[0]
            let split = Split(count: columns.values.count, valid: (Int32(nTrain)..<Int32(columns.values.count)).map { $0 })
            return try finish(columns, located: located, source: "\(train) + \(valid)", options: options, split: split)
        }
    }

    private static func finish(_ acc: consuming RatingsColumns, located: Located, source: String,
                               options: LoadOptions, split: Split?) throws -> Dataset {
        let count = acc.values.count
        options.progress?(LoadProgress(stage: .indexing, bytesRead: 0, totalBytes: 0, ratings: count))
        var skipped = acc.skipped
        var catalog = Catalog()
        if let movies = located.movies {
            let (list, bad): ([Movie], Int)
            switch located.format {
            case .ml100k: (list, bad) = try MoviesParser.readUItem(movies, skipBadLines: options.skipBadLines)
            case .ml1m, .ml10m: (list, bad) = try MoviesParser.readMoviesDat(movies, skipBadLines: options.skipBadLines)
            case .mlLatest: (list, bad) = try MoviesParser.readMoviesCSV(movies, skipBadLines: options.skipBadLines)
            case .generic:
                let sep = located.layout.separator.count == 1 ? (located.layout.separator.first ?? ",") : ","
                (list, bad) = try MoviesParser.readMoviesCSV(movies, separator: sep, skipBadLines: options.skipBadLines)
            }
            skipped += bad
            catalog = Catalog(list)
        }
        var format = located.format
        let scale = acc.scale
        if format == .ml1m && scale.step < 1 { format = .ml10m }
        let userIds = acc.userIds, itemIds = acc.itemIds, firstSkipped = acc.firstSkipped
        // Taken out of the reader's result, so that they have one owner and are put in order
        // in place: the table takes the columns as they are, never a copy.
        var columns = acc
        var users: [Int32] = [], items: [Int32] = [], values: [Float] = []
        swap(&users, &columns.users); swap(&items, &columns.items); swap(&values, &columns.values)
        _ = consume columns
        let order = RatingsTable.reorder(users: &users, items: &items, values: &values, userCount: userIds.count)
        var table = RatingsTable(columns: users, items: items, values: values, userCount: userIds.count, itemCount: itemIds.count, scale: scale)
        (users, items, values) = ([], [], [])
        var split = split
        // A given split names ratings by their place in the files: follow them to the table's
        // (a bit per rating says which were held out; read in the new order, they come sorted).
        if let given = split, let order {
            var heldOut = [UInt64](repeating: 0, count: (count + 63) / 64)
            for old in given.valid { heldOut[Int(old) >> 6] |= 1 << UInt64(Int(old) & 63) }
            var valid: [Int32] = []
            valid.reserveCapacity(given.valid.count)
            for (new, old) in order.enumerated() where heldOut[Int(old) >> 6] & (1 << UInt64(Int(old) & 63)) != 0 {
                valid.append(Int32(new))
            }
            split = Split(count: count, valid: valid)
        }
        let duplicates = Duplicates.find(in: table)
        if let duplicates {
            // Without the earlier rating of each pair; a given split is renumbered.
            let keep = duplicates.keep
            table = table.keeping(keep)
            if let given = split {
                var renumbered = [Int32](repeating: -1, count: count)
                for (new, old) in keep.enumerated() { renumbered[Int(old)] = Int32(new) }
                split = Split(train: given.train.map { renumbered[Int($0)] }.filter { $0 >= 0 },
                              valid: given.valid.map { renumbered[Int($0)] }.filter { $0 >= 0 })
            }
        }
        var dataset = Dataset(format: format, source: source, ratings: table, userIds: userIds,
                              itemIds: itemIds, catalog: catalog, scale: scale,
                              skippedLines: skipped, firstSkipped: firstSkipped, predefinedSplit: split)
        if let duplicates {
            dataset.duplicateRatings = duplicates.count
            dataset.firstDuplicate = (userIds[Int(duplicates.first.user)], itemIds[Int(duplicates.first.item)])
        }
        // A generated sample carries its planted factors beside the ratings.
        let planted = located.ratings.deletingLastPathComponent().appendingPathComponent(PlantedFactors.fileName)
        if format == .mlLatest, FileManager.default.fileExists(atPath: planted.path) {
            dataset.planted = try PlantedFactors.read(planted)
        }
        return dataset
    }

    /// Finds the ratings and movies files of a folder or next to a file.
    static func locate(_ url: URL, options: LoadOptions) throws -> Located {
        switch FileAccess.kind(of: url) {
        case .missing: throw DataError(file: url.path, "no such file or folder")
        case .directory:
            guard access(url.path, R_OK | X_OK) == 0 else { throw DataError(file: url.path, "is a folder that cannot be read: permission denied") }
        default: try FileAccess.requireReadableFile(url, what: "ratings file")
        }
        if let generic = options.genericLayout {
            let ratings = isDirectory(url) ? firstFile(in: url, named: ["ratings.csv", "ratings.dat", "u.data"]) : url
            guard let ratings else { throw DataError(file: url.path, "no ratings file in this folder") }
            return Located(format: .generic, ratings: ratings, movies: options.moviesFile, layout: generic)
        }
        if isDirectory(url) {
            if let found = locateInFolder(url) { return found }
            // Zips and downloads often wrap the files in one more folder (ml-100k/u.data).
            let children = (try? FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)) ?? []
            for child in children.sorted(by: { $0.path < $1.path }) where isDirectory(child) {
                if let found = locateInFolder(child) { return found }
            }
            throw DataError(file: url.path, "no MovieLens files here (looked for u.data, ratings.dat, ratings.csv); for another layout pass --ratings FILE --sep ',' --columns user,item,rating")
        }
        let folder = url.deletingLastPathComponent()
        let sibling = { (name: String) -> URL? in
            let u = folder.appendingPathComponent(name)
            return FileManager.default.fileExists(atPath: u.path) ? u : nil
        }
        switch try sniff(url) {
        case .ml100k: return Located(format: .ml100k, ratings: url, movies: sibling("u.item"), layout: .ml100k)
        case .ml1m, .ml10m: return Located(format: .ml1m, ratings: url, movies: sibling("movies.dat"), layout: .mlDat)
        case .mlLatest: return Located(format: .mlLatest, ratings: url, movies: sibling("movies.csv"), layout: .mlCSV)
        case .generic:
            throw DataError(file: url.lastPathComponent, "not a MovieLens layout; describe it with --sep ',' --columns user,item,rating")
        }
    }

    private static func locateInFolder(_ folder: URL) -> Located? {
        func file(_ name: String) -> URL? {
            // Present even when it cannot be followed (a broken or looping link): reading it
            // then says why, rather than "no MovieLens files here".
            let u = folder.appendingPathComponent(name)
            var info = stat()
            return lstat(u.path, &info) == 0 ? u : nil
        }
        if let r = file("u.data") { return Located(format: .ml100k, ratings: r, movies: file("u.item"), layout: .ml100k) }
        if let r = file("ratings.dat") { return Located(format: .ml1m, ratings: r, movies: file("movies.dat"), layout: .mlDat) }
        if let r = file("ratings.csv") { return Located(format: .mlLatest, ratings: r, movies: file("movies.csv"), layout: .mlCSV) }
        return nil
    }

    private static func firstFile(in folder: URL, named names: [String]) -> URL? {
        names.map { folder.appendingPathComponent($0) }.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Tells the layout of a single file from its name, then from its first line.
    static func sniff(_ url: URL) throws -> DatasetFormat {
        switch url.lastPathComponent {
        case "u.data", "u1.base", "u1.test", "ua.base", "ua.test", "ub.base", "ub.test": return .ml100k
        case "ratings.dat": return .ml1m
        case "ratings.csv": return .mlLatest
        default: break
        }
        if url.lastPathComponent.range(of: #"^u[1-5]\.(base|test)$"#, options: .regularExpression) != nil { return .ml100k }
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4096)) ?? Data()
        guard !head.isEmpty else { throw DataError(file: url.lastPathComponent, "the file is empty") }
        let firstLine = String(decoding: head.prefix { $0 != 0x0A }, as: UTF8.self)
        if firstLine.hasPrefix("userId,movieId,rating") { return .mlLatest }
        if firstLine.contains("::") { return .ml1m }
        let tabFields = firstLine.split(separator: "\t")
        if tabFields.count == 4, tabFields.allSatisfy({ Double(String($0).trimmingSpaces()) != nil }) { return .ml100k }
        return .generic
    }

    static func isDirectory(_ url: URL) -> Bool {
        var dir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &dir) && dir.boolValue
    }

    /// Runs `body` on the path itself, or on what a zip holds (`ZipExtraction`).
    private static func withUnzipped<T>(_ path: String, _ body: (URL) throws -> T) throws -> T {
        let url = URL(fileURLWithPath: path)
        guard url.pathExtension.lowercased() == "zip" else { return try body(url) }
        guard FileManager.default.fileExists(atPath: path) else { throw DataError(file: path, "no such file") }
        return try ZipExtraction.withExtracted(path, body)
    }
}
