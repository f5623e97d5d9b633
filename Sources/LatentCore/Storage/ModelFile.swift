import CKernels
import Foundation

/// The saved form of a trained model: factors, biases, hyperparameters, metrics, the id
/// maps and the catalog, so that `recommend`, `similar`, `biases` and `export` need
/// nothing else.
///
/// Layout (little-endian): the magic `LATENTLB`, a UInt32 version, a UInt64 length and a
/// JSON header, then the binary sections in a fixed order, each a UInt64 byte count and its
/// bytes, and the end marker `END.`. A file is written to a temporary name and renamed.
///
/// Version 2 adds an optional `session` to the header (the explorer's saved session: where
/// training stands, its loss history and runs) followed by one section per optimizer state
/// table. Version 3 ends with a CRC-32C of every byte before it, checked before anything
/// else is read. Version 4 adds, for a sampled model (`bayes`), its kept samples after those:
/// one section each (`PosteriorSamples.flattened`), their count in the header. Versions 1 to 3 are still read (without a checksum); every file, whatever
/// its version, is checked for lengths that overrun it, counts that disagree and parameters
/// that are not finite (`ModelFile+Integrity.swift`).
public enum ModelFile {
    public static let version: UInt32 = 4
    static let readableVersions: ClosedRange<UInt32> = 1...4
    static let magic = Array("LATENTLB".utf8)
    static let endMarker = Array("END.".utf8)

    public struct Header: Codable, Sendable, Equatable {
        public var hyperparameters: Hyperparameters
        public var config: ModelConfig
        public var scale: RatingScale
        public var globalMean: Float
        public var format: String
        public var source: String
        public var steps: Int
        public var history: [EpochMetrics]
        public var users: Int
        public var items: Int
        /// Catalog entries of the model's movies, in item-index order.
        public var movies: [Movie]
        /// The explorer's session, when the file is one (nil for `train --save`).
        public var session: SessionRecord?
        /// Users and movies with no training rating (all theirs were held out for validation):
        /// their factors are still the random ones, so nothing can be said from them.
        public var unseenUsers: [Int] = []
        public var unseenItems: [Int] = []
        /// How a new person is folded in (nil: LatentLab's ridge); an imported ALS model says ALS-WR.
        public var foldIn: FoldIn.Rule?
        /// A sampled model's kept samples (one section each after the optimizer's); nil for other models.
        public var posteriorSamples: Int?
    }

    public struct Contents: Sendable, Equatable {
        public var header: Header
        public var userIds: [Int64]
        public var itemIds: [Int64]
        /// Ratings per movie in the data set (`RatingsTable.itemCounts`: for `--min-ratings`,
        /// search and the projector metadata, the same figures the explorer uses).
        public var itemCounts: [Int32]
        /// Movies each user rated (all ratings): `ratedItems[ratedOffsets[u] ..< ratedOffsets[u + 1]]`.
        public var ratedOffsets: [Int64]
        public var ratedItems: [Int32]
        public var userFactors: [Float]
        public var itemFactors: [Float]
        public var userBias: [Float]
        public var itemBias: [Float]
        /// The optimizer's state tables of a session (`header.session.optimizerTables` says whose rows each has).
        public var optimizerState: [[Float]]
        /// A sampled model's kept samples, one flat section each (`PosteriorSamples`).
        public var posterior: [[Float]] = []

        public init(header: Header, userIds: [Int64], itemIds: [Int64], itemCounts: [Int32], ratedOffsets: [Int64],
                    ratedItems: [Int32], userFactors: [Float], itemFactors: [Float], userBias: [Float], itemBias: [Float],
                    optimizerState: [[Float]] = []) {
            self.header = header; self.userIds = userIds; self.itemIds = itemIds; self.itemCounts = itemCounts
            self.ratedOffsets = ratedOffsets; self.ratedItems = ratedItems; self.userFactors = userFactors
            self.itemFactors = itemFactors; self.userBias = userBias; self.itemBias = itemBias
            self.optimizerState = optimizerState
        }

        /// Everything needed to use a trained model later. Only the data set's users are kept
        /// (the explorer's person is folded in again from their ratings journal).
        public init(trainer: Trainer, dataset: Dataset, history: [EpochMetrics]) {
            let model = trainer.model
            let table = dataset.ratings
            let users = dataset.userCount
            let counts = dataset.movieCounts
            // The table is ordered by user and movie: its movie column is each user's rated
            // movies in turn, shared rather than copied.
            let offsets = table.userOffsets.map(Int64.init)
            let rated = table.items
            header = Header(hyperparameters: trainer.hyper, config: model.config, scale: dataset.scale,
                            globalMean: model.globalMean, format: dataset.format.rawValue, source: dataset.source,
                            steps: trainer.step, history: history, users: users, items: model.itemCount,
                            movies: (0..<dataset.itemCount).map { dataset.movie($0) }, session: nil,
                            unseenUsers: (0..<users).filter { !trainer.data.userSeen[$0] },
                            unseenItems: (0..<dataset.itemCount).filter { !trainer.data.itemSeen[$0] })
            userIds = dataset.userIds
            itemIds = dataset.itemIds
            itemCounts = counts
            ratedOffsets = offsets
            ratedItems = rated
            userFactors = model.userFactors.flatValues(rows: users)
            itemFactors = model.itemFactors.flatValues
            userBias = model.userBias.flatValues(rows: users)
            itemBias = model.itemBias.flatValues
            optimizerState = []
            // A sampled model predicts by its posterior: the samples go with it (the tables hold the last sample).
            if let samples = trainer.sampler?.posteriorSamples, samples.count > 0 {
                posterior = samples.flattened(users: users)
                header.posteriorSamples = posterior.count
            }
        }

        /// A sampled model's kept samples (nil for other models).
        public func makePosterior() -> PosteriorSamples? {
            guard header.posteriorSamples != nil else { return nil }
            return PosteriorSamples(sections: posterior, users: header.users, items: header.items, factors: header.config.factors,
                                    mu: header.globalMean, scale: header.scale, seed: header.hyperparameters.seed)
        }

        /// The same, as the explorer's session: where training stands and the optimizer's state too.
        public init(trainer: Trainer, dataset: Dataset, history: [EpochMetrics], session: SessionRecord) {
            self.init(trainer: trainer, dataset: dataset, history: history)
            var record = session
            let tables = trainer.optimizerState
            record.optimizerTables = tables.map(\.side)
            header.session = record
            optimizerState = tables.map { $0.table.flatValues(rows: $0.side == .user ? dataset.userCount : dataset.itemCount) }
        }

        /// A live model with these parameters.
        public func makeModel() -> DotProductBias {
            let model = DotProductBias(users: header.users, items: header.items, config: header.config, globalMean: header.globalMean)
            model.userFactors.load(flat: userFactors)
            model.itemFactors.load(flat: itemFactors)
            model.userBias.load(flat: userBias)
            model.itemBias.load(flat: itemBias)
            return model
        }

        /// Movies user `u` rated.
        public func rated(byUser u: Int) -> ArraySlice<Int32> {
            ratedItems[Int(ratedOffsets[u])..<Int(ratedOffsets[u + 1])]
        }
    }

    public static func write(_ contents: Contents, to url: URL) throws {
        var out = Data()
        out.append(contentsOf: magic)
        append(&out, version)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let header = try encoder.encode(contents.header)
        append(&out, UInt64(header.count))
        out.append(header)
        section(&out, contents.userIds)
        section(&out, contents.itemIds)
        section(&out, contents.itemCounts)
        section(&out, contents.ratedOffsets)
        section(&out, contents.ratedItems)
        section(&out, contents.userFactors)
        section(&out, contents.itemFactors)
        section(&out, contents.userBias)
        section(&out, contents.itemBias)
        if contents.header.session != nil {
            for table in contents.optimizerState { section(&out, table) }
        }
        if contents.header.posteriorSamples != nil {
            for sample in contents.posterior { section(&out, sample) }
        }
        out.append(contentsOf: endMarker)
        let sum = out.withUnsafeBytes { ll_crc32c(0, $0.baseAddress, Int64($0.count), 0) }
        append(&out, sum)
        try AtomicFile.write(out, to: url, replacing: .model)
    }

    public static func read(_ url: URL) throws -> Contents {
        try read(FileAccess.read(url, what: "model file", mapped: true), name: url.path)
    }

    /// Only the header (what the model is, where it was trained): the tables are neither read
    /// nor checked (`read` checks the whole file when the model is used).
    public static func readHeader(_ url: URL) throws -> Header {
        let data = try FileAccess.read(url, what: "model file", mapped: true)
        _ = try checkOpening(data, name: url.path)
        var reader = Reader(data: data, name: url.path)
        return try header(&reader, name: url.path)
    }

    private static func header(_ reader: inout Reader, name: String) throws -> Header {
        _ = try reader.bytes(magic.count + MemoryLayout<UInt32>.size)
        let headerLength: UInt64 = try reader.value()
        let headerBytes = try reader.bytes(headerLength)
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let header: Header
        do { header = try decoder.decode(Header.self, from: Data(headerBytes)) } catch {
            throw DataError(file: name, "has a damaged header (\(Self.describe(error)))")
        }
        try check(header, name: name)
        return header
    }

    /// Reads a model from its bytes; `name` is the file's, for messages.
    public static func read(_ data: Data, name: String) throws -> Contents {
        let v = try checkOpening(data, name: name)
        // Version 3 and later: the last four bytes are the checksum of all the others.
        let body = v >= 3 ? try checkSum(data, name: name) : data
        var reader = Reader(data: body, name: name)
        let header = try Self.header(&reader, name: name)
        var contents = Contents(
            header: header,
            userIds: try reader.section(), itemIds: try reader.section(), itemCounts: try reader.section(),
            ratedOffsets: try reader.section(), ratedItems: try reader.section(),
            userFactors: try reader.section(), itemFactors: try reader.section(),
            userBias: try reader.section(), itemBias: try reader.section())
        for _ in header.session?.optimizerTables ?? [] {
            contents.optimizerState.append(try reader.section())
        }
        // (The count is checked with the header: never negative, never more than a chain keeps.)
        for _ in 0..<(header.posteriorSamples ?? 0) {
            contents.posterior.append(try reader.section())
        }
        guard try reader.bytes(UInt64(endMarker.count)) == endMarker else { throw DataError(file: name, "is damaged (no end marker)") }
        guard reader.atEnd else { throw DataError(file: name, "is damaged (bytes after the end marker)") }
        try check(contents, name: name)
        return contents
    }

    private static func append<T: FixedWidthInteger>(_ out: inout Data, _ value: T) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func section<T>(_ out: inout Data, _ values: [T]) {
        values.withUnsafeBytes { raw in
            append(&out, UInt64(raw.count))
            out.append(contentsOf: raw)
        }
    }
}

extension ModelFile.Header {
    /// Decoded so that the header can grow: what a model cannot be used without is required,
    /// everything else takes a default when an older (or a hand-made) file leaves it out.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        hyperparameters = try c.decode(Hyperparameters.self, forKey: .hyperparameters)
        config = try c.decode(ModelConfig.self, forKey: .config)
        scale = try c.decode(RatingScale.self, forKey: .scale)
        globalMean = try c.decode(Float.self, forKey: .globalMean)
        users = try c.decode(Int.self, forKey: .users)
        items = try c.decode(Int.self, forKey: .items)
        movies = try c.decode([Movie].self, forKey: .movies)
        format = try c.decodeIfPresent(String.self, forKey: .format) ?? DatasetFormat.generic.rawValue
        source = try c.decodeIfPresent(String.self, forKey: .source) ?? ""
        steps = try c.decodeIfPresent(Int.self, forKey: .steps) ?? 0
        history = try c.decodeIfPresent([EpochMetrics].self, forKey: .history) ?? []
        session = try c.decodeIfPresent(SessionRecord.self, forKey: .session)
        unseenUsers = try c.decodeIfPresent([Int].self, forKey: .unseenUsers) ?? []
        unseenItems = try c.decodeIfPresent([Int].self, forKey: .unseenItems) ?? []
        foldIn = try c.decodeIfPresent(FoldIn.Rule.self, forKey: .foldIn)
        posteriorSamples = try c.decodeIfPresent(Int.self, forKey: .posteriorSamples)
    }
}
