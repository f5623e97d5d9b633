import CKernels
import Foundation
import Synchronization

/// Runs a stretch of an epoch's blocks on several threads with one wake-up for all of it.
///
/// The blocks are numbered in the order they run — ticket t is the (t mod groups)-th block of
/// the epoch's (t / groups)-th diagonal — and each worker takes the next ticket, waits until
/// every block of the earlier diagonals is done (the blocks of one diagonal share no row, those
/// of two may), and runs it. Workers spin at a diagonal's end instead of going back to sleep:
/// waking a thread costs about 20 µs, and a 100k-rating epoch cut into 8 diagonals lasts about
/// 1 ms (measured in a C model of this loop, 2 threads: 1.3 ms an epoch sleeping between the
/// diagonals, 1.0 ms spinning).
enum BlockTickets {
    /// Runs the tickets from `first` on, up to `end` or until `budget` ratings are done, and
    /// returns where it stopped: the tickets are taken in order, so those run are always
    /// `first..<returned`, and at least one is. `block(t)` runs ticket t and returns its ratings.
    static func run(from first: Int, to end: Int, groups: Int, workers: Int, budget: Int = .max,
                    _ block: @Sendable (Int) -> Int) -> Int {
        guard first < end else { return first }
        let taken = Atomic<Int>(first), finished = Atomic<Int>(0), done = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, end - first))) { _ in
            while done.load(ordering: .relaxed) < max(1, budget) {
                let t = taken.wrappingAdd(1, ordering: .relaxed).oldValue
                guard t < end else { break }
                // The tickets of this run that belong to earlier diagonals: all must be done,
                // their rows written, before this block reads them.
                let before = max(0, t - t % groups - first)
                var spins = 0
                while finished.load(ordering: .acquiring) < before {
                    spins += 1
                    // A worker that was preempted mid-block may take a while: then yield the core.
                    if spins < 4096 { ll_cpu_relax() } else { sched_yield() }
                }
                done.wrappingAdd(block(t), ordering: .relaxed)
                finished.wrappingAdd(1, ordering: .releasing)
            }
        }
        return min(taken.load(ordering: .relaxed), end)
    }
}
