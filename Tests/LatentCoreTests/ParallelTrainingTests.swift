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

    /// The ticket runner: a block starts only once every block of the earlier diagonals has
    /// ended, a budget stops it after a prefix of the tickets, and a run may begin mid-diagonal.
    @Test(arguments: [(0, Int.max), (6, Int.max), (0, 5), (3, 1)])
    func ticketsWaitForTheDiagonalsBeforeThem(first: Int, budget: Int) {
        let groups = 4, end = 16
        let log = Locked<[(ticket: Int, started: Bool)]>([])
        let stop = BlockTickets.run(from: first, to: end, groups: groups, workers: 3, budget: budget) { t in
            log.withLock { $0.append((t, true)) }
            // Long enough for the other workers to take tickets meanwhile.
            var x = 0.0
            for i in 0..<20_000 { x += Double(i).squareRoot() }
            log.withLock { $0.append((t, x < 0)) }
            return 1
        }
        let events = log.withLock { $0 }
        let run = Set(events.map(\.ticket))
        #expect(run == Set(first..<stop), "a prefix of the tickets ran: \(run.sorted())")
        #expect(events.count == 2 * run.count, "each ran once")
        if budget == .max { #expect(stop == end) } else { #expect(stop - first >= min(budget, 1) && stop - first < budget + 3) }
        for (i, e) in events.enumerated() where e.started {
            let earlier = Set(first..<max(first, e.ticket - e.ticket % groups))
            let ended = Set(events[..<i].filter { !$0.started }.map(\.ticket))
            #expect(earlier.isSubset(of: ended), "ticket \(e.ticket) started before \(earlier.subtracting(ended).sorted()) ended")
        }
    }

    /// Rows are grouped in runs of 16 (one cache line of biases, never written by two threads),
    /// shorter runs when a side has too few rows to give each group four runs of 16, and row by
    /// row on a tiny side.
    @Test(arguments: [(300, 200, 4, 3), (5_000, 3_000, 4, 4), (40, 30, 1, 0)])
    func theDiagonalsShareNoUserAndNoMovieAndCoverEveryRatingOnce(_ userCount: Int, _ itemCount: Int, _ userShift: Int, _ itemShift: Int) throws {
        var rng = SeededRandom(seed: 11)
        var ratings = (0..<20_000).map { _ in Rating(user: Int32(rng.nextIndex(below: userCount)), item: Int32(rng.nextIndex(below: itemCount)), value: 3) }
        let before = ratings
        let groups = 4
        let blocks = BlockSchedule(&ratings, groups: groups, users: userCount, items: itemCount)
        #expect(blocks.userShift == userShift && blocks.itemShift == itemShift)
        let run = 1 << userShift
        for line in 0..<(userCount / run) {
            let first = BlockSchedule.group(Int32(line * run), groups, shift: blocks.userShift)
            #expect((1..<run).allSatisfy { BlockSchedule.group(Int32(line * run + $0), groups, shift: blocks.userShift) == first })
        }
        if userCount >= 1000 {
            // The runs still spread over every group, about evenly.
            var sizes = [Int](repeating: 0, count: groups)
            for r in ratings { sizes[BlockSchedule.group(r.user, groups, shift: blocks.userShift)] += 1 }
            #expect(sizes.min()! * 10 > sizes.max()! * 8, "user groups of \(sizes) ratings")
        }
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

@Suite("The mini-batch AdamW kernel: whole fastai epochs in C, on one thread or on blocks")
struct FusedAdamTests {
    static func hyper(epochs: Int = 3) -> Hyperparameters {
        var h = Hyperparameters.fastai
        h.factors = 16; h.epochs = epochs; h.learningRate = 1e-2
        return h
    }

    static func maxDifference(_ a: Embedding, _ b: Embedding) -> Float {
        zip(a.flatValues, b.flatValues).map { abs($0 - $1) }.max() ?? 0
    }

    /// The kernel takes the steps `trainStep` takes (the same batches, learning rates, moments
    /// and bias corrections); only the order of a few additions differs.
    @Test func anEpochInTheKernelMatchesStepByStep() throws {
        let (_, training) = smallTraining()
        let fused = try Trainer(data: training, hyper: Self.hyper())
        #expect(fused.usesFusedAdam)
        let stepped = try Trainer(data: training, hyper: Self.hyper())
        let metrics = try fused.trainEpoch()
        while stepped.completedEpochs < 1 { try stepped.trainStep() }
        #expect(fused.step == stepped.step)
        #expect(Self.maxDifference(fused.model.userFactors, stepped.model.userFactors) < 1e-4)
        #expect(Self.maxDifference(fused.model.itemFactors, stepped.model.itemFactors) < 1e-4)
        #expect(Self.maxDifference(fused.model.itemBias, stepped.model.itemBias) < 1e-4)
        #expect(abs(metrics.trainLoss - stepped.epochTrainLoss) < 1e-4)
        #expect(metrics.valid.rmse < 1.2, "it learned")
    }

    @Test func aFrozenUserRowIsNeverWritten() throws {
        let (_, training) = smallTraining()
        let trainer = try Trainer(data: training, hyper: Self.hyper(epochs: 1))
        trainer.freeze(user: 3)
        let before = trainer.model.userFactors.lookup(3)
        _ = try trainer.trainEpoch()
        #expect(trainer.model.userFactors.lookup(3) == before)
        let untrained = try ParallelTrainingTests.untrainedRow(4)
        #expect(trainer.model.userFactors.lookup(4) != untrained, "the others learn")
    }

    /// Enough movies for blocks (each must keep many more movies than a batch has ratings):
    /// ratings from planted rank-4 factors, 1,200 users × 1,100 movies.
    static let medium: TrainingData = {
        var rng = SeededRandom(seed: 5)
        let users = 1_200, items = 1_100, rank = 4
        func factors(_ n: Int) -> [[Float]] { (0..<n).map { _ in (0..<rank).map { _ in Float(rng.nextUnit() * 2 - 1) } } }
        let u = factors(users), m = factors(items)
        var train: [Rating] = [], valid: [Rating] = []
        for k in 0..<100_000 {
            let (a, b) = (rng.nextIndex(below: users), rng.nextIndex(below: items))
            let dot = zip(u[a], m[b]).reduce(Float(0)) { $0 + $1.0 * $1.1 }
            let r = Rating(user: Int32(a), item: Int32(b), value: min(5, max(1, (3 + 1.5 * dot).rounded())))
            if k % 5 == 0 { valid.append(r) } else { train.append(r) }
        }
        return TrainingData(train: train, valid: valid, userCount: users, itemCount: items, scale: RatingScale(min: 1, max: 5, step: 1))
    }()

    static func trained(threads: Int, data: TrainingData = medium) throws -> Trainer {
        let trainer = try Trainer(data: data, hyper: Self.hyper(epochs: 5), threads: threads)
        _ = try trainer.fit()
        return trainer
    }

    @Test func blocksOnTwoThreadsAreDeterministicAndAsAccurate() throws {
        let a = try Self.trained(threads: 2), b = try Self.trained(threads: 2)
        #expect(a.blocks != nil, "laid out in blocks")
        #expect(a.model.userFactors.flatValues == b.model.userFactors.flatValues)
        #expect(a.model.itemFactors.flatValues == b.model.itemFactors.flatValues)
        #expect(a.step == b.step)
        let one = try Self.trained(threads: 1).validate().rmse, two = a.validate().rmse
        #expect(abs(two - one) / one < 0.015, "validation RMSE \(two) with two threads, \(one) with one: within 1.5%")
        #expect(one != two)
    }

    @Test func aSmallDataSetIsNotSplit() throws {
        let (_, training) = smallTraining()
        let one = try Self.trained(threads: 1, data: training), two = try Self.trained(threads: 2, data: training)
        #expect(two.blocks == nil)
        #expect(one.model.itemFactors.flatValues == two.model.itemFactors.flatValues)
    }
}

extension ParallelTrainingTests {
    /// User `u`'s factors as initialization leaves them (the same seed, no training).
    static func untrainedRow(_ u: Int) throws -> [Float] {
        let (_, training) = smallTraining()
        return try Trainer(data: training, hyper: FusedAdamTests.hyper(epochs: 1)).model.userFactors.lookup(u)
    }
}

@Suite("Training in slices (the explorer's flat out) is training in epochs")
struct TrainingSliceTests {
    static func compare(_ hyper: Hyperparameters, threads: Int, data: TrainingData) throws {
        let whole = try Trainer(data: data, hyper: hyper, threads: threads)
        let sliced = try Trainer(data: data, hyper: hyper, threads: threads)
        for _ in 0..<2 { _ = try whole.trainEpoch() }
        var slices = 0
        while sliced.completedEpochs < 2 {
            let slice = try #require(try sliced.trainSlice(ratings: 3_000))
            #expect(slice.ratings > 0 && slice.steps > 0 && slice.meanLoss.isFinite)
            // On the blocks, a part ends with its diagonal: both threads stop together.
            if sliced.blocks != nil && hyper.optimizer == .sgd { #expect(sliced.blockPosition.block == 0) }
            slices += 1
        }
        #expect(slices >= 4, "cut into slices")
        #expect(sliced.step == whole.step)
        #expect(sliced.model.userFactors.flatValues == whole.model.userFactors.flatValues, "\(hyper.preset), \(threads) thread(s)")
        #expect(sliced.model.itemFactors.flatValues == whole.model.itemFactors.flatValues)
        #expect(sliced.model.itemBias.flatValues == whole.model.itemBias.flatValues)
    }

    @Test(arguments: [1, 2]) func slicesGiveTheModelOfWholeEpochs(threads: Int) throws {
        var funk = Hyperparameters.funkSVD
        funk.factors = 8
        try Self.compare(funk, threads: threads, data: FusedAdamTests.medium)
        try Self.compare(FusedAdamTests.hyper(), threads: threads, data: FusedAdamTests.medium)
    }

    @Test func theGenresPresetHasNoSlices() throws {
        let (_, training) = smallTraining()
        let trainer = try Trainer(data: training, hyper: .genres)
        #expect(try trainer.trainSlice(ratings: 1_000) == nil)
    }
}
