import Foundation

/// The saved form of a trained model: factors, biases, hyperparameters, metrics, the id
/// maps and the catalog, so that `recommend`, `similar`, `biases` and `export` need
/// nothing else.
///
/// Layout (little-endian): the magic `LATENTLB`, a UInt32 version, a UInt64 length and a
/// JSON header, then the binary sections in a fixed order, each a UInt64 byte count and its
/// bytes, and the end marker `END.`. A file is written to a temporary name and renamed.
public enum ModelFile {
    public static let version: UInt32 = 1
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
    }

    public struct Contents: Sendable, Equatable {
        public var header: Header
        public var userIds: [Int64]
        public var itemIds: [Int64]
        /// Training ratings per movie (for `--min-ratings` and the projector metadata).
        public var itemCounts: [Int32]
        /// Movies each user rated (all ratings): `ratedItems[ratedOffsets[u] ..< ratedOffsets[u + 1]]`.
        public var ratedOffsets: [Int64]
        public var ratedItems: [Int32]
        public var userFactors: [Float]
        public var itemFactors: [Float]
        public var userBias: [Float]
        public var itemBias: [Float]

        public init(header: Header, userIds: [Int64], itemIds: [Int64], itemCounts: [Int32], ratedOffsets: [Int64],
                    ratedItems: [Int32], userFactors: [Float], itemFactors: [Float], userBias: [Float], itemBias: [Float]) {
            self.header = header; self.userIds = userIds; self.itemIds = itemIds; self.itemCounts = itemCounts
            self.ratedOffsets = ratedOffsets; self.ratedItems = ratedItems; self.userFactors = userFactors
            self.itemFactors = itemFactors; self.userBias = userBias; self.itemBias = itemBias
        }

        /// Everything needed to use a trained model later.
        public init(trainer: Trainer, dataset: Dataset, history: [EpochMetrics]) {
            let model = trainer.model
            let table = dataset.ratings
            var counts = [Int32](repeating: 0, count: dataset.itemCount)
            for m in trainer.data.trainItems { counts[Int(m)] += 1 }
            var offsets = [Int64](repeating: 0, count: dataset.userCount + 1)
            var rated = [Int32]()
            rated.reserveCapacity(table.count)
            for u in 0..<dataset.userCount {
                for r in table.ratings(ofUser: u) { rated.append(table.items[Int(r)]) }
                offsets[u + 1] = Int64(rated.count)
            }
            header = Header(hyperparameters: trainer.hyper, config: model.config, scale: dataset.scale,
                            globalMean: model.globalMean, format: dataset.format.rawValue, source: dataset.source,
                            steps: trainer.step, history: history, users: model.userCount, items: model.itemCount,
                            movies: (0..<dataset.itemCount).map { dataset.movie($0) })
            userIds = dataset.userIds
            itemIds = dataset.itemIds
            itemCounts = counts
            ratedOffsets = offsets
            ratedItems = rated
            userFactors = model.userFactors.flatValues
            itemFactors = model.itemFactors.flatValues
            userBias = model.userBias.flatValues
            itemBias = model.itemBias.flatValues
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
        out.append(contentsOf: endMarker)
        try AtomicFile.write(out, to: url)
    }

    public static func read(_ url: URL) throws -> Contents {
        let name = url.path
        let data: Data
        do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw DataError(file: name, FileManager.default.fileExists(atPath: name) ? "cannot be read" : "no such model file")
        }
        var reader = Reader(data: data, name: name)
        guard try reader.bytes(magic.count) == magic else {
            throw DataError(file: name, "is not a LatentLab model file (train one with `latentlab train --save FILE`)")
        }
        let v: UInt32 = try reader.value()
        guard v == version else {
            throw DataError(file: name, "is a model file of version \(v); this latentlab reads version \(version). Train the model again.")
        }
        let headerLength: UInt64 = try reader.value()
        let headerBytes = try reader.bytes(Int(clamping: headerLength))
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let header: Header
        do { header = try decoder.decode(Header.self, from: Data(headerBytes)) } catch {
            throw DataError(file: name, "has a damaged header (\(error))")
        }
        let contents = Contents(
            header: header,
            userIds: try reader.section(), itemIds: try reader.section(), itemCounts: try reader.section(),
            ratedOffsets: try reader.section(), ratedItems: try reader.section(),
            userFactors: try reader.section(), itemFactors: try reader.section(),
            userBias: try reader.section(), itemBias: try reader.section())
        guard try reader.bytes(endMarker.count) == endMarker else { throw DataError(file: name, "is damaged (no end marker)") }
        let f = header.config.factors
        guard contents.userIds.count == header.users, contents.itemIds.count == header.items,
              contents.userFactors.count == header.users * f, contents.itemFactors.count == header.items * f,
              contents.userBias.count == header.users, contents.itemBias.count == header.items,
              contents.itemCounts.count == header.items, contents.ratedOffsets.count == header.users + 1,
              contents.ratedOffsets.last.map({ Int($0) == contents.ratedItems.count }) ?? false,
              contents.ratedItems.allSatisfy({ $0 >= 0 && Int($0) < header.items })
        else { throw DataError(file: name, "is damaged (section sizes disagree with the header)") }
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

    /// Reads the file front to back; running out of bytes means the file was truncated.
    struct Reader {
        let data: Data
        let name: String
        var offset = 0

        mutating func bytes(_ n: Int) throws -> [UInt8] {
            guard n >= 0, offset + n <= data.count else {
                throw DataError(file: name, "is truncated (\(data.count) bytes; the header promises more)")
            }
            defer { offset += n }
            return [UInt8](data[data.startIndex + offset ..< data.startIndex + offset + n])
        }

        mutating func value<T: FixedWidthInteger>() throws -> T {
            let b = try bytes(MemoryLayout<T>.size)
            return T(littleEndian: b.withUnsafeBytes { $0.loadUnaligned(as: T.self) })
        }

        mutating func section<T>() throws -> [T] {
            let byteCount: UInt64 = try value()
            let n = Int(clamping: byteCount)
            guard n % MemoryLayout<T>.stride == 0 else { throw DataError(file: name, "is damaged (a section has a broken length)") }
            guard offset + n <= data.count else {
                throw DataError(file: name, "is truncated (\(data.count) bytes; the header promises more)")
            }
            let count = n / MemoryLayout<T>.stride
            let out = [T](unsafeUninitializedCapacity: count) { buf, initialized in
                data.withUnsafeBytes { raw in
                    if let base = raw.baseAddress, let target = buf.baseAddress, count > 0 {
                        memcpy(UnsafeMutableRawPointer(target), base + offset, n)
                    }
                }
                initialized = count
            }
            offset += n
            return out
        }
    }
}
