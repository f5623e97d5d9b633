import Foundation

/// Which movies a file of ratings was written against: the data set's name and a fingerprint of
/// its catalogue (every movie id with its title), so that ratings given by id are never read
/// against another data set whose ids mean other movies.
public struct CatalogIdentity: Sendable, Equatable {
    public var name: String
    public var fingerprint: String

    public init(name: String, fingerprint: String) {
        self.name = name; self.fingerprint = fingerprint
    }

    /// The fingerprint of movies given as (id, title): order does not matter.
    public init(name: String, ids: [Int64], title: (Int) -> String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) { for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 } }
        for i in ids.indices.sorted(by: { ids[$0] < ids[$1] }) {
            mix(String(ids[i]).utf8); mix([0x09]); mix(title(i).utf8); mix([0x0A])
        }
        self.init(name: name, fingerprint: String(hash, radix: 16).leftPadded(16).replacingOccurrences(of: " ", with: "0"))
    }

    static let prefix = "# latentlab ratings of "

    /// The comment line that opens a journal.
    public var commentLine: String {
        "\(Self.prefix)\(TerminalText.safe(name).replacingOccurrences(of: "·", with: "-")) · catalogue \(fingerprint)"
    }

    init?(commentLine line: String) {
        guard line.hasPrefix(Self.prefix), let mark = line.range(of: " · catalogue ", options: .backwards) else { return nil }
        let name = String(line[line.index(line.startIndex, offsetBy: Self.prefix.count)..<mark.lowerBound])
        let fingerprint = String(line[mark.upperBound...]).trimmingSpaces()
        guard fingerprint.count == 16, fingerprint.allSatisfy(\.isHexDigit) else { return nil }
        self.init(name: name, fingerprint: fingerprint)
    }
}

extension Dataset {
    /// The identity a journal of this data set carries.
    public var catalogIdentity: CatalogIdentity {
        let name = URL(fileURLWithPath: source).lastPathComponent
        return CatalogIdentity(name: name.isEmpty ? source : name, ids: itemIds, title: { movie($0).title })
    }
}

extension ModelFile.Contents {
    /// The identity of the data set this model was trained on (the same as `Dataset.catalogIdentity`).
    public var catalogIdentity: CatalogIdentity {
        let name = URL(fileURLWithPath: header.source).lastPathComponent
        let movies = header.movies
        return CatalogIdentity(name: name.isEmpty ? header.source : name, ids: itemIds,
                               title: { $0 < movies.count ? movies[$0].title : "" })
    }
}
