import Foundation

/// A factor model as plain files any tool can write (Spark, PyTorch, a spreadsheet) and
/// LatentLab can read: `manifest.json`, `users.csv` and `movies.csv` (`id,bias,f1,…,fk`, with
/// the data set's own ids; `movies.csv` may add `title,genres`). Written to a temporary folder
/// and renamed; read line by line with the ratings loaders' standard (file, line, what).
public enum FactorDirectory {
    public static let formatVersion = 1

    /// The largest magnitude a factor, bias or intercept may have. Trained models hold values of
    /// a few units; ±3e38 is finite but its dot products overflow to ∞ and NaN. Within ±100,000,
    /// a dot product of 4,096 factors stays below 4.1e13, and its square far below a float's
    /// limit, so no prediction, distance or loss computed from the import can overflow.
    public static let maxMagnitude: Float = 100_000

    /// How predictions are made from the factors.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// `intercept + U[u] · M[m]`, the intercept 0 when not given (Spark's ALS has none).
        case dot
        /// `intercept + bᵤ + bₘ + U[u] · M[m]` (Surprise's SVD, `funk-svd`).
        case dotBias = "dot-bias"
        /// `lo + (hi − lo)·σ(bᵤ + bₘ + U[u] · M[m])` (the book's `DotProductBias`, `fastai`).
        case dotBiasSigmoid = "dot-bias-sigmoid"

        var hasBias: Bool { self != .dot }
    }

    /// Where the factors came from.
    public struct Source: Codable, Sendable, Equatable {
        public var tool: String
        public var version: String?
        public var hyperparameters: [String: String]?
        public var trainRMSE: Double?
        public var testRMSE: Double?
        enum CodingKeys: String, CodingKey {
            case tool, version, hyperparameters, trainRMSE = "train_rmse", testRMSE = "test_rmse"
        }
    }

    public struct Manifest: Codable, Sendable, Equatable {
        public var formatVersion: Int
        public var kind: Kind
        public var factors: Int
        /// The sigmoid's output range (`dot-bias-sigmoid` only).
        public var yRange: [Float]?
        /// Added to every score of a `dot` or `dot-bias` model (the global mean).
        public var intercept: Float?
        /// The training ratings' mean, when known: the rating a bias's effect in stars is read
        /// from (a `dot-bias-sigmoid` model has no intercept to say it).
        public var meanRating: Float?
        public var scale: RatingScale
        public var source: Source
        /// How the trainer regularised a row, for folding a new person in the same way:
        /// `als-wr` (Spark: `lambda` times the row's number of ratings) or `l2` (a fixed `lambda`).
        public var regularization: String?
        public var lambda: Float?
        enum CodingKeys: String, CodingKey {
            case formatVersion = "format_version", kind, factors, yRange = "y_range", intercept, meanRating = "mean_rating", scale, source
            case regularization, lambda
        }
    }

    // MARK: Writing

    /// Writes the model in `contents` as a factor directory at `folder`: a new folder, or one
    /// that `requireReplaceable` allows replacing. `protected` are files being read (the model),
    /// whose folder is never replaced.
    public static func write(_ contents: ModelFile.Contents, to folder: URL, version: String, protecting protected: [URL] = []) throws {
        let h = contents.header, k = h.config.factors
        // What the reader would refuse is not written: a directory always imports again.
        let untrainedRows = UntrainedRows(h)
        for (side, table, untrained, width) in [("user", contents.userFactors, untrainedRows.users, k), ("movie", contents.itemFactors, untrainedRows.items, k),
                                                ("user bias", contents.userBias, untrainedRows.users, 1), ("movie bias", contents.itemBias, untrainedRows.items, 1)] {
            if let at = table.indices.first(where: { abs(table[$0]) > maxMagnitude && !untrained.contains($0 / width) }) {
                throw DataError(file: folder.path, "cannot hold this model: a \(side) value is \(table[at]), beyond ±100,000 (the training diverged?); a factor directory refuses such numbers")
            }
        }
        for (name, v) in [("mean", h.globalMean), ("y_range", h.config.yRange.map { max(abs($0.lowerBound), abs($0.upperBound)) } ?? 0)] where abs(v) > maxMagnitude {
            throw DataError(file: folder.path, "cannot hold this model: its \(name) \(v) is beyond ±100,000; a factor directory refuses such numbers")
        }
        let kind: Kind = h.config.yRange != nil ? .dotBiasSigmoid : (h.config.useBias ? .dotBias : .dot)
        let last = h.history.last
        let manifest = Manifest(
            formatVersion: formatVersion, kind: kind, factors: k,
            yRange: h.config.yRange.map { [$0.lowerBound, $0.upperBound] },
            // A model without the sigmoid adds its global mean to every score, biases or not.
            intercept: kind == .dotBiasSigmoid ? nil : h.globalMean, meanRating: kind == .dotBiasSigmoid ? h.globalMean : nil, scale: h.scale,
            source: Source(tool: "latentlab", version: version,
                           hyperparameters: ["preset": h.hyperparameters.preset, "factors": String(k),
                                             "epochs": String(h.hyperparameters.epochs), "lr": String(h.hyperparameters.learningRate),
                                             "wd": String(h.hyperparameters.weightDecay)],
                           trainRMSE: last.map { Double($0.trainLoss).squareRoot() }.flatMap(finiteOrNil),
                                  // No held-out ratings (--valid-pct 0): no test RMSE, not NaN (which JSON cannot hold).
                                  testRMSE: last.map { Double($0.valid.rmse) }.flatMap(finiteOrNil)))
        // Each number as the shortest text that reads back as the same Float (Swift's own
        // printing: exact, and faster than a format string by an order of magnitude).
        let header = "id,bias," + (1...k).map { "f\($0)" }.joined(separator: ",")
        func row(_ out: inout [UInt8], id: Int64, bias: Float, factors: ArraySlice<Float>) {
            out.append(contentsOf: String(id).utf8)
            out.append(0x2C)
            if kind.hasBias { out.append(contentsOf: bias.description.utf8) }
            for x in factors {
                out.append(0x2C)
                out.append(contentsOf: x.description.utf8)
            }
        }
        var users = [UInt8]()
        users.reserveCapacity(h.users * (k + 2) * 12)
        users.append(contentsOf: (header + "\n").utf8)
        // Rows that never trained hold random numbers: left out, as Spark leaves out whoever had no
        // training rating (an import with the data set covers them again as untrained rows).
        let untrained = UntrainedRows(h)
        for u in 0..<h.users where !untrained.users.contains(u) {
            row(&users, id: contents.userIds[u], bias: contents.userBias[u], factors: contents.userFactors[u * k ..< (u + 1) * k])
            users.append(0x0A)
        }
        var movies = [UInt8]()
        movies.reserveCapacity(h.items * (k + 2) * 12)
        movies.append(contentsOf: (header + ",title,genres\n").utf8)
        for m in 0..<h.items where !untrained.items.contains(m) {
            let movie = h.movies[m]
            row(&movies, id: contents.itemIds[m], bias: contents.itemBias[m], factors: contents.itemFactors[m * k ..< (m + 1) * k])
            // One line a row: a line break in a title (a model file's header may hold one) becomes a space.
            func field(_ s: String) -> String { CSV.field(s.split(whereSeparator: \.isNewline).joined(separator: " ")) }
            movies.append(contentsOf: ",\(field(movie.title)),\(field(movie.genres.joined(separator: "|")))\n".utf8)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let json = String(decoding: try encoder.encode(manifest), as: UTF8.self) + "\n"
        try writeFiles([("manifest.json", Data(json.utf8)), ("users.csv", Data(users)), ("movies.csv", Data(movies))], to: folder, protecting: protected)
    }

    static func finiteOrNil(_ x: Double) -> Double? { x.isFinite ? x : nil }

    /// The files of a factor directory; a folder holding anything else is not one LatentLab may replace.
    static let fileNames: Set<String> = ["manifest.json", "users.csv", "movies.csv"]

    /// Throws unless `folder` may receive a factor directory: it does not exist, is empty, or is
    /// itself a factor directory LatentLab wrote (a manifest of ours, and nothing but
    /// `users.csv` and `movies.csv` beside it). Never the current folder or one holding `protected`.
    public static func requireReplaceable(_ folder: URL, protecting protected: [URL] = []) throws {
        switch FileAccess.kind(of: folder) {
        case .missing: return
        case .directory: break
        case .regular: throw DataError(file: folder.path, "is a file; a factor directory is a folder: give a new folder name")
        case .special(let kind): throw DataError(file: folder.path, "is \(kind); a factor directory is a folder: give a new folder name")
        case .symlinkLoop: throw DataError(file: folder.path, "is a loop of symbolic links")
        case .notPermitted: throw DataError(file: folder.path, "cannot be reached: permission denied on a folder of its path")
        case .unreadable(let reason): throw DataError(file: folder.path, "cannot be written: \(reason)")
        }
        try WriteGuard.requireApart(folder, from: protected)
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() } catch {
            throw DataError(file: folder.path, "cannot be listed to see what it holds (\(FileAccess.reason(error))); give a new folder")
        }
        if names.isEmpty { return }
        let advice = "LatentLab replaces only a factor directory it wrote: give a new folder, or move this one away first"
        let others = names.filter { !fileNames.contains($0) }
        if !others.isEmpty {
            let shown = others.prefix(3).map { "“\(TerminalText.safe($0))”" }.joined(separator: ", ")
            let more = others.count > 3 ? " and \(others.count - 3) more" : ""
            throw DataError(file: folder.path, "is not a factor directory: it holds \(shown)\(more); \(advice)")
        }
        let manifestURL = folder.appendingPathComponent("manifest.json")
        guard let data = try? FileAccess.read(manifestURL, what: "manifest"),
              let manifest = try? JSONDecoder().decode(Manifest.self, from: data), manifest.source.tool == "latentlab" else {
            throw DataError(file: folder.path, "holds \(names.joined(separator: ", ")) but no manifest.json written by LatentLab; \(advice)")
        }
    }

    /// Writes `files` as the folder `folder`: filled beside it under a new name, then renamed
    /// into place, so that there is never half a directory at the name. A directory already there
    /// must pass `requireReplaceable`; it is stepped aside, and only its own files are removed.
    static func writeFiles(_ files: [(String, Data)], to folder: URL, protecting protected: [URL]) throws {
        let fm = FileManager.default
        func fail(_ reason: String) -> DataError { DataError(file: folder.path, "could not be written: \(reason)") }
        try requireReplaceable(folder, protecting: protected)
        let parent = folder.deletingLastPathComponent()
        if case .missing = FileAccess.kind(of: parent) {
            do { try fm.createDirectory(at: parent, withIntermediateDirectories: true) } catch {
                throw fail("its folder \(parent.path) cannot be created (\(FileAccess.reason(error)))")
            }
        }
        let tag = UUID().uuidString.prefix(8)
        let staging = parent.appendingPathComponent(".\(folder.lastPathComponent).tmp-\(tag)")
        guard mkdir(staging.path, 0o755) == 0 else { throw fail("no folder can be made in \(parent.path) (\(String(cString: strerror(errno))))") }
        do {
            for (name, data) in files { try AtomicFile.write(data, to: staging.appendingPathComponent(name), replacing: .nothing) }
            if case .directory = FileAccess.kind(of: folder) {
                // The old folder stepped aside, the new one put in its place, then the old one's
                // own files removed: at every moment one whole directory is at the name or beside it.
                let old = parent.appendingPathComponent(".\(folder.lastPathComponent).old-\(tag)")
                guard rename(folder.path, old.path) == 0 else { throw fail(String(cString: strerror(errno))) }
                guard rename(staging.path, folder.path) == 0 else {
                    let reason = String(cString: strerror(errno))
                    _ = rename(old.path, folder.path)
                    throw fail(reason)
                }
                for name in fileNames { unlink(old.appendingPathComponent(name).path) }
                rmdir(old.path)
            } else {
                guard rename(staging.path, folder.path) == 0 else { throw fail(String(cString: strerror(errno))) }
            }
        } catch {
            for (name, _) in files { unlink(staging.appendingPathComponent(name).path) }
            rmdir(staging.path)
            guard let error = error as? DataError else { throw fail(FileAccess.reason(error)) }
            throw error.file == folder.path ? error : fail(error.message)
        }
    }

    // MARK: Reading

    /// One side's rows: ids in file order, biases (zeros for a model without), factors row by row.
    public struct Rows: Sendable, Equatable {
        public var ids: [Int64] = []
        public var bias: [Float] = []
        public var factors: [Float] = []
        public var titles: [String?] = []
        public var genres: [[String]] = []
    }

    public struct Contents: Sendable, Equatable {
        public var manifest: Manifest
        public var users: Rows
        public var movies: Rows
    }

    /// Reads a factor directory: the manifest checked, then both files line by line.
    public static func read(_ folder: URL) throws -> Contents {
        guard FileAccess.kind(of: folder) == .directory else {
            throw DataError(file: folder.path, "is not a folder of factors (manifest.json, users.csv, movies.csv)")
        }
        let manifestURL = folder.appendingPathComponent("manifest.json")
        var manifestData = try FileAccess.read(manifestURL, what: "manifest")
        if manifestData.starts(with: [0xEF, 0xBB, 0xBF]) { manifestData = manifestData.dropFirst(3) }
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: manifestData)
        } catch let error as DecodingError {
            throw DataError(file: manifestURL.path, "is not a factor manifest: \(describe(error))")
        }
        try check(manifest, file: manifestURL.path)
        let users = try readRows(folder.appendingPathComponent("users.csv"), manifest: manifest, movies: false)
        let movies = try readRows(folder.appendingPathComponent("movies.csv"), manifest: manifest, movies: true)
        return Contents(manifest: manifest, users: users, movies: movies)
    }

    static func check(_ m: Manifest, file: String) throws {
        guard m.formatVersion == formatVersion else {
            throw DataError(file: file, "is a factor manifest of format version \(m.formatVersion); this LatentLab reads version \(formatVersion)")
        }
        guard (1...4096).contains(m.factors) else { throw DataError(file: file, "factors must be 1–4096, got \(m.factors)") }
        if m.kind == .dotBiasSigmoid {
            guard let r = m.yRange, r.count == 2, r[0].isFinite, r[1].isFinite, r[0] < r[1] else {
                throw DataError(file: file, "a dot-bias-sigmoid model needs y_range [lo, hi] with lo < hi")
            }
        }
        if let i = m.intercept, !i.isFinite { throw DataError(file: file, "intercept is not a finite number") }
        if let r = m.meanRating, !r.isFinite { throw DataError(file: file, "mean_rating is not a finite number") }
        for (name, v) in [("intercept", m.intercept), ("mean_rating", m.meanRating), ("y_range", m.yRange?.map(abs).max())] {
            if let v, abs(v) > maxMagnitude { throw DataError(file: file, "\(name) \(v) is beyond ±100,000 (no rating model holds such numbers)") }
        }
        if let r = m.regularization, r != "als-wr" && r != "l2" { throw DataError(file: file, "regularization must be \"als-wr\" or \"l2\", got \"\(r)\"") }
        if let l = m.lambda, !(l.isFinite && l >= 0) { throw DataError(file: file, "lambda must be a finite number ≥ 0") }
        if m.regularization != nil && m.lambda == nil { throw DataError(file: file, "a regularization needs its lambda") }
        guard m.scale.min.isFinite, m.scale.max.isFinite, m.scale.min <= m.scale.max, m.scale.step >= 0 else {
            throw DataError(file: file, "scale must have finite min ≤ max and a step ≥ 0")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): return "no \"\(key.stringValue)\""
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
            let path = c.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? c.debugDescription : "\"\(path)\": \(c.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    /// `id,bias,f1..fk[,title,genres]`, the header first; each row checked. The numbers are read
    /// straight from the mapped bytes (a factor directory of millions of users is gigabytes of
    /// text); only the header, a movie's title and genres, and a line being refused become strings.
    static func readRows(_ url: URL, manifest: Manifest, movies: Bool) throws -> Rows {
        let name = url.lastPathComponent
        let data = try FileAccess.read(url, what: movies ? "movies file" : "users file", mapped: true)
        let k = manifest.factors, numeric = 2 + k
        var rows = Rows()
        var seen = Set<Int64>()
        var headerSeen = false
        var fields = [Range<Int>](repeating: 0..<0, count: numeric)
        func tooLarge(_ what: String, _ v: Float, line: Int) -> DataError {
            DataError(file: name, line: line, "\(what) \(v) is beyond ±100,000: its dot products could overflow (trained factors hold a few units)")
        }
        try data.withUnsafeBytes { whole in
            // A byte-order mark (Excel's "CSV UTF-8", PowerShell) is skipped, as every reader does.
            let bom = whole.count >= 3 && whole[0] == 0xEF && whole[1] == 0xBB && whole[2] == 0xBF
            let bytes = bom ? UnsafeRawBufferPointer(rebasing: whole[3...]) : whole
            // Room for every row at once: the number of lines is known from the bytes.
            let lines = bytes.reduce(into: 0) { n, b in if b == 0x0A { n += 1 } }
            rows.ids.reserveCapacity(lines)
            rows.bias.reserveCapacity(lines)
            rows.factors.reserveCapacity(lines * k)
            try forEachLine(bytes) { line, number in
                if line.count == 0 { return true }
                if !headerSeen {
                    headerSeen = true
                    let header = CSV.fields(line.string)
                    guard header.first?.lowercased() == "id", header.count >= numeric else {
                        throw DataError(file: name, line: number, "expected the header id,bias,f1,…,f\(k)\(movies ? "[,title,genres]" : "")")
                    }
                    return true
                }
                // The numeric fields hold no quotes or commas: cut at the commas; the rest (a
                // movie's title and genres) is CSV, quoted when it holds a comma.
                var n = 0, start = 0, i = 0
                while n < numeric {
                    while i < line.count && line[i] != 0x2C { i += 1 }
                    fields[n] = start..<i
                    n += 1
                    if i >= line.count { break }
                    i += 1
                    start = i
                }
                let rest = n == numeric && i < line.count ? CSV.fields(decodeText(UnsafeBufferPointer(start: line.base + i, count: line.count - i))) : []
                guard n == numeric && (rest.isEmpty || (movies && rest.count == 2)) else {
                    let found = CSV.fields(line.string).count
                    throw DataError(file: name, line: number, "expected \(numeric) fields (id, bias, \(k) factors)\(movies ? " or \(numeric + 2) with title and genres" : ""), found \(found)")
                }
                guard let id = parseInt(line, fields[0]) else {
                    throw DataError(file: name, line: number, "id '\(clipped(text(line, fields[0])))' \(idProblem(text(line, fields[0])))")
                }
                guard seen.insert(id).inserted else { throw DataError(file: name, line: number, "id \(id) appears twice") }
                var bias: Float = 0
                if manifest.kind.hasBias {
                    guard let b = parseExactFloat(line, fields[1]) else {
                        throw DataError(file: name, line: number, "bias '\(clipped(text(line, fields[1])))' is not a finite number (a \(manifest.kind.rawValue) model has biases)")
                    }
                    guard abs(b) <= maxMagnitude else { throw tooLarge("bias", b, line: number) }
                    bias = b
                } else if !text(line, fields[1]).isEmpty {
                    throw DataError(file: name, line: number, "a dot model has no biases: leave the bias empty")
                }
                rows.ids.append(id)
                rows.bias.append(bias)
                for f in 0..<k {
                    guard let v = parseExactFloat(line, fields[2 + f]) else {
                        throw DataError(file: name, line: number, "factor f\(f + 1) '\(clipped(text(line, fields[2 + f])))' is not a finite number")
                    }
                    guard abs(v) <= maxMagnitude else { throw tooLarge("factor f\(f + 1)", v, line: number) }
                    rows.factors.append(v)
                }
                if movies {
                    let title = rest.first ?? ""
                    rows.titles.append(title.isEmpty ? nil : title)
                    rows.genres.append(rest.count == 2 ? rest[1].split(separator: "|").map(String.init) : [])
                }
                return true
            }
        }
        guard headerSeen else { throw DataError(file: name, "the file is empty") }
        guard !rows.ids.isEmpty else { throw DataError(file: name, "no rows after the header") }
        return rows
    }

    /// A field's text, its surrounding spaces trimmed (for messages and the empty bias of a dot model).
    private static func text(_ line: ByteLine, _ r: Range<Int>) -> String {
        decodeText(UnsafeBufferPointer(start: line.base + r.lowerBound, count: r.count)).trimmingCharacters(in: .whitespaces)
    }

}
