import Foundation

/// A file's bytes at a fixed address for as long as the object lives: mapped read-only when the
/// system allows (a 650 MB ratings file then costs no copy, and pages already read can be handed
/// back), read into memory of its own otherwise. Several threads may read it at once.
final class FileBytes: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    let isMapped: Bool

    /// The bytes of the regular file at `url` (checked first: `what` names it in the message).
    init(_ url: URL, what: String) throws {
        try FileAccess.requireReadableFile(url, what: what)
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw DataError(file: url.path, "cannot be read (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw DataError(file: url.path, "cannot be read (\(String(cString: strerror(errno))))") }
        let size = Int(max(0, info.st_size))
        if size > 0, let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED {
            bytes = UnsafeRawBufferPointer(start: base, count: size)
            isMapped = true
            return
        }
        // Not mappable (or empty): a plain read.
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DataError(file: url.path, "cannot be read (\(error.localizedDescription))")
        }
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, data.count), alignment: 16)
        data.copyBytes(to: copy.bindMemory(to: UInt8.self), count: data.count)
        bytes = UnsafeRawBufferPointer(start: copy.baseAddress, count: data.count)
        isMapped = false
    }

    var count: Int { bytes.count }

    /// Hands the pages wholly inside `range` back to the kernel (a mapping only): they are read
    /// again from the page cache if touched later.
    func release(_ range: Range<Int>) {
        guard isMapped, let base = bytes.baseAddress, !range.isEmpty else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = Int(bitPattern: base) + max(0, range.lowerBound)
        let end = Int(bitPattern: base) + min(range.upperBound, bytes.count)
        let alignedStart = (start + page - 1) / page * page
        let alignedEnd = end / page * page
        guard alignedEnd > alignedStart, let p = UnsafeMutableRawPointer(bitPattern: alignedStart) else { return }
        madvise(p, alignedEnd - alignedStart, MADV_DONTNEED)
    }

    deinit {
        if isMapped {
            munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
        } else {
            UnsafeMutableRawPointer(mutating: bytes.baseAddress)?.deallocate()
        }
    }
}
