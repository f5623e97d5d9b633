import CKernels
import Foundation

/// The per-rating SGD epoch on several threads (`BlockSchedule`): each diagonal's blocks run
/// side by side, the diagonals one after the other.
extension Trainer {
    /// What the worker threads share: each touches only its own blocks' ratings and its own
    /// shuffler (or slot of `losses`), so no two write the same memory.
    struct ShuffleWork: @unchecked Sendable {
        let ratings: UnsafeMutablePointer<Rating>
        let shufflers: UnsafeMutablePointer<CacheFriendlyShuffle<Rating>>
    }

    struct TrainWork: @unchecked Sendable {
        let ratings: UnsafeMutablePointer<ll_rating>
        let losses: UnsafeMutablePointer<Double>
        let settings: UnsafePointer<ll_sgd_model>
    }

    /// Shuffles every block in place, in parallel; block b's order is drawn from the epoch's
    /// seed and b alone, so it does not depend on which thread shuffled it.
    static func shuffleBlocks(_ ratings: inout [Rating], _ blocks: BlockSchedule, shufflers: inout [CacheFriendlyShuffle<Rating>],
                              workers: Int, seed: UInt64) {
        if shufflers.count < workers { shufflers = Array(repeating: CacheFriendlyShuffle<Rating>(), count: workers) }
        let ranges = blocks.ranges
        ratings.withUnsafeMutableBufferPointer { r in
            shufflers.withUnsafeMutableBufferPointer { s in
                guard let rb = r.baseAddress, let sb = s.baseAddress else { return }
                let work = ShuffleWork(ratings: rb, shufflers: sb)
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    for b in Swift.stride(from: w, to: ranges.count, by: workers) where ranges[b].count > 1 {
                        var rng = SeededRandom(seed: seed ^ (0xD1B5_4A32_D192_ED03 &* UInt64(b + 1)))
                        work.shufflers[w].shuffle(UnsafeMutableBufferPointer(start: work.ratings + ranges[b].lowerBound, count: ranges[b].count),
                                                  rng: &rng)
                    }
                }
            }
        }
    }

    /// One epoch, or a part of it: the diagonals in a seeded order, each one's blocks on the
    /// worker threads (`BlockTickets`), from `start` on (until about `ratingLimit` ratings are
    /// done, to the end of that diagonal). Returns the sum of squared errors, the ratings done, and where
    /// the next part begins (diagonal `groups` when the epoch is complete). Blocks of a diagonal
    /// share no row, so however the epoch is cut the model is the same. With a progress report,
    /// a diagonal at a time.
    static func blockEpoch(_ ratings: inout [Rating], _ blocks: BlockSchedule, settings: ll_sgd_model, workers: Int,
                           epochSeed: UInt64, report: ((Double) -> Void)?, from start: BlockPosition = BlockPosition(),
                           ratingLimit: Int = .max, doneBefore: Int = 0) -> (loss: Double, done: Int, next: BlockPosition) {
        let groups = blocks.groups, tickets = groups * groups
        var order = Array(0..<groups)
        var rng = SeededRandom(seed: epochSeed ^ 0xA076_1D64_78BD_642F)
        for i in Swift.stride(from: groups - 1, to: 0, by: -1) { order.swapAt(i, rng.nextIndex(below: i + 1)) }
        // Ticket t's block: the (t mod groups)-th of the epoch's (t / groups)-th diagonal.
        let blockOf = order.flatMap { blocks.diagonal($0) }
        var settings = settings
        var lossSum = 0.0
        var done = 0
        var ticket = start.diagonal * groups + start.block
        let total = ratings.count
        var losses = [Double](repeating: 0, count: tickets)
        // Where each block is entered this epoch: its ratings from there to the end, then the rest.
        let entries = blocks.ranges.map { $0.count > 1 ? rng.nextIndex(below: $0.count) : 0 }
        ratings.withMutableKernelRatings { r in
            losses.withUnsafeMutableBufferPointer { l in
                withUnsafePointer(to: &settings) { model in
                    guard let rb = r.baseAddress, let lb = l.baseAddress else { return }
                    let work = TrainWork(ratings: rb, losses: lb, settings: model)
                    while ticket < tickets && (done == 0 || done < ratingLimit) {
                        var end = report == nil ? tickets : (ticket / groups + 1) * groups
                        if ratingLimit != .max {
                            // A part of an epoch ends with a diagonal: its threads stop together, as they
                            // do at every diagonal's end, instead of one idling while the other finishes
                            // a block (the explorer's slices lost a fifth of their speed so).
                            var t = ticket, planned = done
                            while t < tickets && planned < ratingLimit {
                                planned += blocks.ranges[blockOf[t]].count
                                t += 1
                            }
                            end = min(end, (t + groups - 1) / groups * groups)
                        }
                        let stop = BlockTickets.run(from: ticket, to: end, groups: groups, workers: workers) { t in
                            let b = blockOf[t], range = blocks.ranges[b], entry = entries[b]
                            let first = work.ratings + range.lowerBound
                            work.losses[t] = range.isEmpty ? 0
                                : ll_sgd_ratings(first + entry, Int64(range.count - entry), work.settings)
                                + ll_sgd_ratings(first, Int64(entry), work.settings)
                            return range.count
                        }
                        // Added in ticket order: the sum does not depend on the threads' timing.
                        for t in ticket..<stop {
                            lossSum += work.losses[t]
                            done += blocks.ranges[blockOf[t]].count
                        }
                        ticket = stop
                        if !lossSum.isFinite { return }
                        if ticket < tickets { report?(Double(doneBefore + done) / Double(max(1, total))) }
                    }
                }
            }
        }
        return (lossSum, done, BlockPosition(diagonal: ticket / groups, block: ticket % groups))
    }
}

/// Where an epoch on the blocks stands: the next diagonal (in the epoch's order) and the next
/// block of it.
struct BlockPosition: Equatable, Sendable {
    var diagonal = 0
    var block = 0
    var atStart: Bool { diagonal == 0 && block == 0 }
}
