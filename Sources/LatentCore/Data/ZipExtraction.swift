import Foundation
import ZIPFoundation

/// Opens a MovieLens `.zip` by extracting only the files a load reads (the ratings, the movies,
/// a sample's planted factors) into a temporary folder, each under its own name: an entry's
/// path never chooses where a file is written, so `../` in an archive cannot escape. What an
/// archive says it unpacks to is checked against the free space before anything is written,
/// and every entry is cut off if it unpacks to more than it declared (a zip bomb).
enum ZipExtraction {
    /// The names a load reads, in the order a folder is searched.
    static let ratingsNames = ["u.data", "ratings.dat", "ratings.csv"]
    static let companionNames = ["u.item", "movies.dat", "movies.csv", PlantedFactors.fileName]

    /// Runs `body` on the folder (or the single file) extracted from the archive at `path`.
    /// Messages about extracted files name the archive, not the temporary folder.
    static func withExtracted<T>(_ path: String, _ body: (URL) throws -> T) throws -> T {
        let url = URL(fileURLWithPath: path)
        try FileAccess.requireReadableFile(url, what: "zip archive")
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch {
            throw DataError(file: path, "is not a zip archive that can be read (\(error))")
        }
        let files = archive.filter { $0.type == .file && !isHidden($0.path) }
        let chosen = try choose(files, archive: path)
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("latentlab-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temp) }
        do {
            try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true)
        } catch {
            throw DataError(file: temp.path, "cannot be created to unzip \(path) (\(FileAccess.reason(error)))")
        }
        try checkSpace(chosen.entries, archive: path, in: temp)
        for entry in chosen.entries {
            try extract(entry, from: archive, to: temp.appendingPathComponent(baseName(entry.path)), archiveName: path)
        }
        let target = chosen.single ? temp.appendingPathComponent(baseName(chosen.entries[0].path)) : temp
        // A message about an extracted file names it inside the archive (`ml-25m.zip:ml-25m/ratings.csv`).
        let inside = Dictionary(chosen.entries.map { (baseName($0.path), $0.path) }, uniquingKeysWith: { a, _ in a })
        do {
            return try body(target)
        } catch var error as DataError {
            let relative = error.file.hasPrefix(temp.path + "/") ? String(error.file.dropFirst(temp.path.count + 1)) : error.file
            if let entryPath = inside[relative] {
                error.file = path + ":" + TerminalText.safe(entryPath)
            } else if error.file.hasPrefix(temp.path) {
                error.file = path
            }
            throw error
        }
    }

    /// The entries to extract: the ratings file of the shallowest release folder and its
    /// companions beside it; or the archive's only file.
    static func choose(_ files: [Entry], archive: String) throws -> (entries: [Entry], single: Bool) {
        let ratings = files.filter { ratingsNames.contains(baseName($0.path)) }
            .min { depth($0.path) != depth($1.path) ? depth($0.path) < depth($1.path)
                   : (ratingsNames.firstIndex(of: baseName($0.path)) ?? 0) < (ratingsNames.firstIndex(of: baseName($1.path)) ?? 0) }
        if let ratings {
            let folder = folderOf(ratings.path)
            let companions = files.filter { folderOf($0.path) == folder && companionNames.contains(baseName($0.path)) }
            return ([ratings] + companions, false)
        }
        let zips = files.filter { $0.path.lowercased().hasSuffix(".zip") }
        if !zips.isEmpty {
            throw DataError(file: archive, "holds another zip (\(TerminalText.safe(baseName(zips[0].path)))) and no ratings file: unzip it first and load what it holds")
        }
        if files.count == 1, let only = files.first { return ([only], true) }
        throw DataError(file: archive, files.isEmpty ? "holds no files"
                        : "holds no MovieLens ratings file (looked for u.data, ratings.dat, ratings.csv in \(files.count) files)")
    }

    /// Refuses an archive that would not fit: what its entries declare against the free space.
    static func checkSpace(_ entries: [Entry], archive: String, in folder: URL) throws {
        let declared = entries.reduce(UInt64(0)) { $0 &+ $1.uncompressedSize }
        let free = (try? FileManager.default.attributesOfFileSystem(forPath: folder.path)[.systemFreeSize] as? NSNumber)?.uint64Value
        if let free, declared > free {
            throw DataError(file: archive, "would unpack to \(gigabytes(declared)) but the temporary folder \(folder.deletingLastPathComponent().path) has \(gigabytes(free)) free; set TMPDIR to a larger place")
        }
    }

    /// Writes one entry, stopping as soon as it unpacks to more bytes than it declared, and
    /// checking its CRC.
    static func extract(_ entry: Entry, from archive: Archive, to file: URL, archiveName: String) throws {
        guard FileManager.default.createFile(atPath: file.path, contents: nil), let handle = try? FileHandle(forWritingTo: file) else {
            throw DataError(file: file.path, "cannot be created to unzip \(archiveName)")
        }
        defer { try? handle.close() }
        let limit = entry.uncompressedSize
        var written: UInt64 = 0
        struct TooLarge: Error {}
        do {
            let crc = try archive.extract(entry) { chunk in
                written &+= UInt64(chunk.count)
                if written > limit { throw TooLarge() }
                try handle.write(contentsOf: chunk)
            }
            guard crc == entry.checksum, written == limit else {
                throw DataError(file: archiveName, "is damaged: \(TerminalText.safe(entry.path)) does not unpack to what the archive says")
            }
        } catch is TooLarge {
            throw DataError(file: archiveName, "is damaged or hostile: \(TerminalText.safe(entry.path)) unpacks to more than the \(limit) bytes it declares")
        } catch let error as DataError {
            throw error
        } catch {
            throw DataError(file: archiveName, "cannot be unzipped: \(TerminalText.safe(entry.path)) (\(FileAccess.reason(error)))")
        }
    }

    static func baseName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }
    static func folderOf(_ path: String) -> String { path.split(separator: "/").dropLast().joined(separator: "/") }
    static func depth(_ path: String) -> Int { path.split(separator: "/").count }
    /// macOS's resource forks and dot files are never data.
    static func isHidden(_ path: String) -> Bool { path.hasPrefix("__MACOSX/") || baseName(path).hasPrefix(".") }
    static func gigabytes(_ bytes: UInt64) -> String { String(format: "%.1f GB", Double(bytes) / 1e9) }
}
