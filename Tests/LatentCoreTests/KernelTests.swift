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

    /// The baseline, AVX and AVX-512 kernels must train the very same model (no fused
    /// multiply-add, one order of additions), so a seed reproduces a run on any x86-64 machine.
    /// Checked at 50 factors (16-float pieces and an 8-float tail) and 64 (no tail), with and
    /// without the sigmoid. A set the CPU lacks runs the best it has, which compares it to itself.
    @Test(arguments: [(50, false), (64, true)])
    func everyInstructionSetTrainsTheSameModel(factors: Int, squash: Bool) throws {
        let (_, data) = smallTraining()
        var h = Hyperparameters.funkSVD
        h.factors = factors; h.epochs = 2
        h.sigmoid = squash
        defer { TrainingKernels.limit(to: .avx512) }
        var models: [(isa: String, factors: [Float], loss: Float)] = []
        for isa in TrainingKernels.InstructionSet.allCases {
            TrainingKernels.limit(to: isa)
            let trainer = try Trainer(data: data, hyper: h)
            #expect(trainer.usesPerRatingKernel)
            _ = try trainer.fit()
            models.append((TrainingKernels.instructionSet,
                           trainer.model.userFactors.flatValues + trainer.model.itemFactors.flatValues + trainer.model.itemBias.flatValues,
                           trainer.epochTrainLoss))
        }
        for m in models.dropFirst() {
            // A count, not the arrays: a failure would print thousands of floats.
            let differing = zip(m.factors, models[0].factors).filter { $0.0.bitPattern != $0.1.bitPattern }.count
            #expect(m.factors.count == models[0].factors.count)
            #expect(differing == 0, "\(m.isa) differs from \(models[0].isa)")
            #expect(m.loss == models[0].loss)
        }
        #expect(models.allSatisfy { ["avx512", "avx", "sse2", "portable"].contains($0.isa) })
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
