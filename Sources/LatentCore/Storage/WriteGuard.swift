import Foundation

/// How a writer recognises a file it made: a name for messages ("a LatentLab model file") and a
/// test on the file's first bytes. LatentLab replaces a file only when it passes (or is empty).
public struct FileSignature: Sendable {
    public let name: String
    let recognises: @Sendable ([UInt8]) -> Bool

    public init(name: String, recognises: @escaping @Sendable ([UInt8]) -> Bool) {
        self.name = name
        self.recognises = recognises
    }

    /// A text file whose first line (after any byte-order mark) begins with one of `headers`.
    public static func text(_ name: String, firstLine headers: [String]) -> FileSignature {
        FileSignature(name: name) { head in
            let bytes = head.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(head.dropFirst(3)) : head
            return headers.contains { bytes.starts(with: Array($0.utf8)) }
        }
    }

    /// Nothing but an empty file: for names that are new (a staging folder's files).
    public static let nothing = FileSignature(name: "a file LatentLab is writing now") { _ in false }

    /// A model or session file (`ModelFile`'s magic).
    public static let model = FileSignature(name: "a LatentLab model file") { $0.starts(with: ModelFile.magic) }
}

/// The rule every writer follows (issue 20): a command never deletes or replaces anything it did
/// not create. A target that does not exist is written; an empty file, or one the writer's
/// `FileSignature` recognises, is replaced; anything else is refused with what is there, before a
/// single byte is written.
public enum WriteGuard {
    /// How much of an existing file is read to recognise it.
    static let headSize = 4096

    /// Throws unless `url` is absent, empty, or a file `signature` recognises.
    public static func requireReplaceable(_ url: URL, by signature: FileSignature) throws {
        let advice = "LatentLab replaces only files it wrote: choose another name, or move it away first"
        switch FileAccess.kind(of: url) {
        case .missing: return
        case .regular(let size):
            if size == 0 { return }
            let head = try readHead(url)
            guard !signature.recognises(head) else { return }
            throw DataError(file: url.path, "is already there and is not \(signature.name) (\(describe(head))); \(advice)")
        case .directory: throw DataError(file: url.path, "is a folder; it cannot be replaced by a file: choose a file name")
        case .special(let kind): throw DataError(file: url.path, "is \(kind); it cannot be replaced: choose a file name")
        case .symlinkLoop: throw DataError(file: url.path, "is a loop of symbolic links")
        case .notPermitted: throw DataError(file: url.path, "cannot be reached: permission denied on a folder of its path")
        case .unreadable(let reason): throw DataError(file: url.path, "cannot be written: \(reason)")
        }
    }

    /// Throws unless a file could be written beside `url` now: for a command that works a long
    /// time before it saves (`train --save`), so that it fails before the work, not after. A
    /// probe file of a new name is made there and removed (nothing else is touched).
    public static func requireWritableFolder(for url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try AtomicFile.prepareFolder(folder, for: url)
        let probe = folder.appendingPathComponent(".latentlab-probe-\(UUID().uuidString)")
        let fd = open(probe.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw DataError(file: url.path, "cannot be written: \(String(cString: strerror(errno))) (in \(folder.path))") }
        close(fd)
        unlink(probe.path)
    }

    /// The first `headSize` bytes of a regular file.
    static func readHead(_ url: URL) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw DataError(file: url.path, "is already there and cannot be read to see what it is; LatentLab replaces only files it wrote")
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: headSize)) ?? nil
        return [UInt8](data ?? Data())
    }

    /// What a file looks like, for a refusal: its first line when it is text, else "binary data".
    static func describe(_ head: [UInt8]) -> String {
        let text = head.prefix(200)
        if text.contains(0) { return "it holds binary data" }
        let firstLine = String(decoding: text.prefix { $0 != 0x0A && $0 != 0x0D }, as: UTF8.self).trimmingSpaces()
        guard !firstLine.isEmpty else { return "it begins with a blank line" }
        return "it begins “\(TerminalText.safe(clipped(firstLine)))”"
    }

    /// Refuses a folder that is the current folder, or holds it or `protected` (the model being
    /// exported, say): replacing a folder there would take them along.
    public static func requireApart(_ folder: URL, from protected: [URL]) throws {
        let target = realPath(folder)
        let cwd = realPath(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        if isSameOrAncestor(target, of: cwd) {
            throw DataError(file: folder.path, "is the current folder or holds it; give a new folder for the output")
        }
        for p in protected where isSameOrAncestor(target, of: realPath(p)) {
            throw DataError(file: folder.path, "holds \(p.lastPathComponent), which is being read; give a new folder for the output")
        }
    }

    /// The path with symbolic links and `..` resolved, as far as it exists.
    static func realPath(_ url: URL) -> String {
        let absolute = url.standardizedFileURL
        if let resolved = realpath(absolute.path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        // Not there yet: resolve its folder and put the name back.
        let parent = absolute.deletingLastPathComponent()
        guard parent.path != absolute.path else { return absolute.path }
        return (realPath(parent) as NSString).appendingPathComponent(absolute.lastPathComponent)
    }

    static func isSameOrAncestor(_ a: String, of b: String) -> Bool {
        if a == b { return true }
        let prefix = a.hasSuffix("/") ? a : a + "/"
        return b.hasPrefix(prefix)
    }
}
