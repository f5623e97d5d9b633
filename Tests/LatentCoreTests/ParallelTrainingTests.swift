import Foundation
import Testing
@testable import LatentCore

@Suite("Per-rating SGD on several threads: blocks no two threads share")
struct ParallelTrainingTests {
    static func trained(threads: Int, epochs: Int = 6) throws -> Trainer {
        let (_, training) = smallTraining()
        var h = Hyperparameters.funkSVD
        h.factors = 16; h.epochs = epochs
        let trainer = try Trainer(data: training, hyper: h)
        trainer.threads = threads
        _ = try trainer.fit()
        return trainer
    }

    @Test func theSameSeedAndThreadsGiveTheSameModelBitForBit() throws {
        let a = try Self.trained(threads: 2), b = try Self.trained(threads: 2)
        #expect(a.model.userFactors.flatValues == b.model.userFactors.flatValues)
        #expect(a.model.itemFactors.flatValues == b.model.itemFactors.flatValues)
        #expect(a.model.itemBias.flatValues == b.model.itemBias.flatValues)
        // Four threads on a two-core machine: still the same model for the same count.
        let c = try Self.trained(threads: 4), d = try Self.trained(threads: 4)
        #expect(c.model.itemFactors.flatValues == d.model.itemFactors.flatValues)
    }

    @Test func twoThreadsReachTheSameErrorAsOne() throws {
        let one = try Self.trained(threads: 1).validate().rmse
        let two = try Self.trained(threads: 2).validate().rmse
        #expect(abs(two - one) / one < 0.01, "validation RMSE \(two) with two threads, \(one) with one: within 1%")
        #expect(one != two, "the block schedule visits the ratings in another order (so the test compares two real runs)")
    }

    @Test func theDiagonalsShareNoUserAndNoMovieAndCoverEveryRatingOnce() throws {
        var rng = SeededRandom(seed: 11)
        var ratings = (0..<5_000).map { _ in Rating(user: Int32(rng.nextIndex(below: 300)), item: Int32(rng.nextIndex(below: 200)), value: 3) }
        let before = ratings
        let groups = 4
        let blocks = BlockSchedule(&ratings, groups: groups)
        #expect(ratings.count == before.count)
        #expect(blocks.ranges.reduce(0) { $0 + $1.count } == ratings.count, "every rating in one block")
        #expect(Set(ratings.map { "\($0.user):\($0.item)" }) == Set(before.map { "\($0.user):\($0.item)" }), "a permutation")
        for d in 0..<groups {
            var users = Set<Int32>(), items = Set<Int32>()
            for b in blocks.diagonal(d) {
                let u = Set(ratings[blocks.ranges[b]].map(\.user)), m = Set(ratings[blocks.ranges[b]].map(\.item))
                #expect(users.isDisjoint(with: u) && items.isDisjoint(with: m), "diagonal \(d): block \(b) shares a row with another")
                users.formUnion(u); items.formUnion(m)
            }
        }
        let all = (0..<groups).flatMap(blocks.diagonal)
        #expect(Set(all).count == groups * groups, "the diagonals together are every block")
    }
}
