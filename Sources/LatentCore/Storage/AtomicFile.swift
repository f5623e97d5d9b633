import Foundation

/// Writes files so that a crash or a full disk never leaves a half-written file
/// in place: the bytes go to a temporary file in the same folder, are flushed,
/// and are then renamed over the target in one step. A file already at the target is
/// replaced only when `signature` recognises it as one LatentLab wrote (`WriteGuard`).
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL, replacing signature: FileSignature) throws {
        let folder = url.deletingLastPathComponent()
        try prepareFolder(folder, for: url)
        try WriteGuard.requireReplaceable(url, by: signature)
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        // O_EXCL: the temporary name is new, never something that was there.
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DataError(file: url.path, "cannot be written: \(String(cString: strerror(errno))) (in \(folder.path))") }
        var failure: String?
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count, failure == nil {
                let n = Foundation.write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else {
                    failure = n < 0 ? String(cString: strerror(errno)) : "nothing could be written"
                }
            }
        }
        if failure == nil && fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if close(fd) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
        if failure == nil && rename(temp.path, url.path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temp.path)
            throw DataError(file: url.path, "could not be written: \(failure)")
        }
    }

    public static func write(_ text: String, to url: URL, replacing signature: FileSignature) throws {
        try write(Data(text.utf8), to: url, replacing: signature)
    }

    /// Makes the target's folder when it is missing; refuses one that is a file or cannot be written.
    static func prepareFolder(_ folder: URL, for url: URL) throws {
        switch FileAccess.kind(of: folder) {
        case .directory: break
        case .missing:
            do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
                throw DataError(file: folder.path, "cannot be created (\(FileAccess.reason(error))), so \(url.lastPathComponent) cannot be written")
            }
        case .regular: throw DataError(file: folder.path, "is a file, not a folder")
        default: throw DataError(file: folder.path, "is not a folder that can be written in")
        }
        guard access(folder.path, W_OK) == 0 else {
            throw DataError(file: url.path, "cannot be written: \(String(cString: strerror(errno))) (in \(folder.path))")
        }
    }
}
