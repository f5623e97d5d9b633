import Foundation

/// This process's memory as the kernel counts it: what `bench` reports beside its timings, and
/// what `/usr/bin/time -v` calls the maximum resident set size. Linux reads `/proc/self/status`;
/// macOS asks the kernel (`getrusage` for the peak, `task_info` for the resident size).
public enum MemoryUsage {
    /// The most resident memory the process has held so far (VmHWM), nil where unknown.
    public static var peakBytes: Int? {
        #if os(Linux)
        return field("VmHWM:")
        #elseif canImport(Darwin)
        var usage = rusage()
        guard getrusage(RUSAGE_SELF, &usage) == 0 else { return nil }
        return Int(usage.ru_maxrss) // bytes on macOS (kilobytes on Linux)
        #else
        return nil
        #endif
    }

    /// Resident memory now (VmRSS).
    public static var residentBytes: Int? {
        #if os(Linux)
        return field("VmRSS:")
        #elseif canImport(Darwin)
        var info = mach_task_basic_info()
        var count = mach_msg_type_number_t(MemoryLayout<mach_task_basic_info>.size / MemoryLayout<natural_t>.size)
        let result = withUnsafeMutablePointer(to: &info) {
            $0.withMemoryRebound(to: integer_t.self, capacity: Int(count)) { task_info(mach_task_self_, task_flavor_t(MACH_TASK_BASIC_INFO), $0, &count) }
        }
        return result == KERN_SUCCESS ? Int(info.resident_size) : nil
        #else
        return nil
        #endif
    }

    /// Starts the peak again from the memory held now (Linux: `5` to `/proc/self/clear_refs`), so
    /// that one stage's peak can be read on its own. False where that is not possible (macOS).
    @discardableResult
    public static func resetPeak() -> Bool {
        #if os(Linux)
        let fd = open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return write(fd, "5", 1) == 1
        #else
        return false
        #endif
    }

    #if os(Linux)
    private static func field(_ name: String) -> Int? {
        // Read by hand: /proc files say they are empty, and Foundation believes them.
        let fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 8192)
        var length = 0
        while length < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return read(fd, base + length, buffer.count - length)
            }
            if n <= 0 { break }
            length += n
        }
        let text = String(decoding: bytes[..<length], as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            let kilobytes = line.dropFirst(name.count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first.flatMap { Int($0) }
            return kilobytes.map { $0 * 1024 }
        }
        return nil
    }
    #endif
}
