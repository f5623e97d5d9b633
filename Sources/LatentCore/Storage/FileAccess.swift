import Foundation

/// What a path is, told before it is opened, so that every reader can refuse what it cannot
/// read with the reason a person can act on ("is a pipe", "is a loop of symbolic links")
/// instead of blocking on a FIFO or reporting a permission problem that is not one.
public enum FileAccess {
    public enum Kind: Equatable, Sendable {
        case regular(size: UInt64)
        case directory
        case missing
        /// A FIFO, a socket or a device: reading it once consumes it, and it may never end.
        case special(String)
        case symlinkLoop
        case notPermitted
        case unreadable(String)
    }

    public static func kind(of url: URL) -> Kind {
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            switch errno {
            case ENOENT, ENOTDIR: return .missing
            case ELOOP: return .symlinkLoop
            case EACCES, EPERM: return .notPermitted
            default: return .unreadable(String(cString: strerror(errno)))
            }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular(size: UInt64(max(0, info.st_size)))
        case S_IFDIR: return .directory
        case S_IFIFO: return .special("a pipe (FIFO)")
        case S_IFSOCK: return .special("a socket")
        case S_IFCHR: return .special("a character device")
        case S_IFBLK: return .special("a block device")
        default: return .special("not a regular file")
        }
    }

    /// Throws unless `url` is a regular file this process may read; `what` names it in the
    /// message ("ratings file", "model file").
    public static func requireReadableFile(_ url: URL, what: String = "file") throws {
        let name = url.path
        switch kind(of: url) {
        case .regular:
            guard access(name, R_OK) == 0 else { throw DataError(file: name, "cannot be read: permission denied") }
        case .directory: throw DataError(file: name, "is a folder, expected a \(what)")
        case .missing: throw DataError(file: name, "no such \(what)")
        case .special(let kind): throw DataError(file: name, "is \(kind), not a \(what); save it to a file first")
        case .symlinkLoop: throw DataError(file: name, "is a loop of symbolic links")
        case .notPermitted: throw DataError(file: name, "cannot be reached: permission denied on a folder of its path")
        case .unreadable(let reason): throw DataError(file: name, "cannot be read: \(reason)")
        }
    }

    /// A regular file's bytes, memory-mapped when `mapped` (a 600 MB file then costs no copy).
    public static func read(_ url: URL, what: String = "file", mapped: Bool = false) throws -> Data {
        try requireReadableFile(url, what: what)
        // An empty file is no data (and Foundation's mapped read leaks a page on one).
        if case .regular(let size) = kind(of: url), size == 0 { return Data() }
        if mapped, let data = map(url) { return data }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw DataError(file: url.path, "cannot be read (\(error.localizedDescription))")
        }
    }

    /// The file mapped read-only (nil if it cannot be), freed with the `Data`. (The ratings
    /// reader maps its files through `FileBytes`, which also hands pages back as it reads.)
    static func map(_ url: URL) -> Data? {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else { return nil }
        let size = Int(info.st_size)
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else { return nil }
        return Data(bytesNoCopy: base, count: size, deallocator: .custom { pointer, count in munmap(pointer, count) })
    }

    /// Throws unless a file could be written at `url`: its folder exists (or can be made) and
    /// is writable, and `url` itself is a regular file or nothing yet.
    public static func requireWritable(_ url: URL, what: String = "file") throws {
        let name = url.path
        switch kind(of: url) {
        case .regular:
            guard access(name, W_OK) == 0 else { throw DataError(file: name, "cannot be written: permission denied") }
            return
        case .missing: break
        case .directory: throw DataError(file: name, "is a folder; the \(what) cannot be written there")
        case .special(let kind): throw DataError(file: name, "is \(kind); the \(what) cannot be written there")
        case .symlinkLoop: throw DataError(file: name, "is a loop of symbolic links")
        case .notPermitted: throw DataError(file: name, "cannot be reached: permission denied on a folder of its path")
        case .unreadable(let reason): throw DataError(file: name, "cannot be written: \(reason)")
        }
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw DataError(file: folder.path, "cannot be created for the \(what) (\(reason(error)))")
        }
        guard access(folder.path, W_OK) == 0 else { throw DataError(file: folder.path, "is not writable: the \(what) cannot be saved there") }
    }

    /// The reason of a Foundation file error, without the framework's wording around it.
    public static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = (ns.userInfo[NSUnderlyingErrorKey] as? Error).map({ $0 as NSError }), underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        if let data = error as? DataError { return data.message }
        return ns.localizedDescription
    }
}
