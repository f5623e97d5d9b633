import CKernels
import Testing
@testable import LatentCore

@Suite("Kernels: the C training loop and the epoch shuffle")
struct KernelTests {
    /// The C kernel reads LatentCore's ratings in place: the two layouts must agree.
    @Test func ratingLayoutMatchesTheKernels() {
        #expect(MemoryLayout<Rating>.size == MemoryLayout<ll_rating>.size)
        #expect(MemoryLayout<Rating>.stride == MemoryLayout<ll_rating>.stride)
        #expect(MemoryLayout<Rating>.offset(of: \.user) == MemoryLayout<ll_rating>.offset(of: \.user))
        #expect(MemoryLayout<Rating>.offset(of: \.item) == MemoryLayout<ll_rating>.offset(of: \.item))
        #expect(MemoryLayout<Rating>.offset(of: \.value) == MemoryLayout<ll_rating>.offset(of: \.value))
    }

    /// The baseline and the AVX kernel must train the very same model (no fused multiply-add,
    /// one order of additions), so a seed reproduces a run on any x86-64 machine.
    @Test func everyInstructionSetTrainsTheSameModel() throws {
        let (_, data) = smallTraining()
        var h = Hyperparameters.funkSVD
        h.factors = 50; h.epochs = 2
        func train(baseline: Bool) throws -> (factors: [Float], loss: Float) {
            TrainingKernels.useBaselineOnly(baseline)
            defer { TrainingKernels.useBaselineOnly(false) }
            let trainer = try Trainer(data: data, hyper: h)
            #expect(trainer.usesPerRatingKernel)
            _ = try trainer.fit()
            return (trainer.model.userFactors.flatValues + trainer.model.itemBias.flatValues, trainer.epochTrainLoss)
        }
        let best = try train(baseline: false), portable = try train(baseline: true)
        #expect(best.factors == portable.factors)
        #expect(best.loss == portable.loss)
        #expect(["avx", "sse2", "portable"].contains(TrainingKernels.instructionSet))
    }

    @Test func shuffleIsAPermutationAndDependsOnTheSeed() {
        for n in [0, 1, 2, 2048, 5000, 70_000] {
            let items = (0..<n).map { Rating(user: Int32($0), item: 0, value: 0) }
            var a = items, b = items, c = items
            var shuffler = CacheFriendlyShuffle<Rating>()
            var r1 = SeededRandom(seed: 1), r2 = SeededRandom(seed: 1), r3 = SeededRandom(seed: 2)
            shuffler.shuffle(&a, rng: &r1)
            shuffler.shuffle(&b, rng: &r2)
            shuffler.shuffle(&c, rng: &r3)
            #expect(a.map(\.user).sorted() == items.map(\.user))
            #expect(a == b)
            if n > 2 { #expect(a != c && a != items) }
        }
    }

    /// Where an element starts must not predict where it ends: a chi-square test of
    /// (start tenth, end tenth) over many seeded shuffles, across several buckets.
    @Test func shuffleMovesEveryElementAnywhere() {
        let n = 6000, bins = 10, runs = 40
        var table = [[Int]](repeating: [Int](repeating: 0, count: bins), count: bins)
        var shuffler = CacheFriendlyShuffle<Rating>()
        for run in 0..<runs {
            var items = (0..<n).map { Rating(user: Int32($0), item: 0, value: 0) }
            var rng = SeededRandom(seed: UInt64(100 + run))
            shuffler.shuffle(&items, rng: &rng)
            for (position, rating) in items.enumerated() {
                table[Int(rating.user) * bins / n][position * bins / n] += 1
            }
        }
        let expected = Double(n * runs) / Double(bins * bins)
        let chiSquare = table.joined().reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        // 81 degrees of freedom: the mean is 81 and 150 is beyond p = 1e-6.
        #expect(chiSquare < 150)
        #expect(chiSquare > 20) // a suspiciously even spread (a fixed interleaving) fails the other way
    }
}
