import Foundation

/// Writes files so that a crash or a full disk never leaves a half-written file
/// in place: the bytes go to a temporary file in the same folder, are flushed,
/// and are then renamed over the target in one step.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        switch FileAccess.kind(of: folder) {
        case .directory: break
        case .missing:
            do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
                throw DataError(file: folder.path, "cannot be created (\(FileAccess.reason(error)))")
            }
        case .regular: throw DataError(file: folder.path, "is a file, not a folder")
        default: throw DataError(file: folder.path, "is not a folder that can be written in")
        }
        if case .directory = FileAccess.kind(of: url) { throw DataError(file: url.path, "is a folder; it cannot be replaced by a file") }
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temp.path, contents: nil) else {
            throw DataError(file: url.path, "cannot create a file in \(folder.path)")
        }
        do {
            let handle = try FileHandle(forWritingTo: temp)
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            if rename(temp.path, url.path) != 0 {
                throw DataError(file: url.path, "cannot be replaced: \(String(cString: strerror(errno)))")
            }
        } catch let error as DataError {
            try? FileManager.default.removeItem(at: temp)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw DataError(file: url.path, "could not be written (\(FileAccess.reason(error)))")
        }
    }

    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }
}
