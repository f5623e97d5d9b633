import Foundation

/// A value behind a lock, for the few things two threads share (the training session's inbox
/// and snapshot slot, the loading screen's progress, the readers' results).
///
/// A pthread mutex (through `NSLock`) rather than `Synchronization.Mutex`: on Linux the latter
/// locks with atomics and futexes inside the precompiled standard library, where the thread
/// sanitizer cannot see them, so it reported correctly locked accesses as races (now and then,
/// when two threads met in the same window). A pthread mutex is one it knows.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
