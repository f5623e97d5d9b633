import Foundation
import Testing
@testable import LatentCore

/// The book's neural network: the C kernel's forward pass against the plain Swift one, its
/// hand-derived backward pass against finite differences, fastai's size rule, and training.
@Suite("The neural network (nn preset)")
struct CollabNNTests {
    static func net(hidden: [Int]) -> CollabNN {
        let net = CollabNN(users: 5, items: 4, userSize: 3, itemSize: 6, hidden: hidden, yRange: 0...5.5)
        // Embeddings larger than fastai's 0.01, so that every term of the gradient is well above round-off.
        net.initialize(seed: 9, embeddingStd: 0.5)
        return net
    }

    static let batch: [Rating] = [Rating(user: 0, item: 1, value: 4), Rating(user: 2, item: 3, value: 1.5), Rating(user: 4, item: 0, value: 3),
                                  Rating(user: 1, item: 1, value: 5), Rating(user: 0, item: 2, value: 2), Rating(user: 3, item: 3, value: 3.5)]

    /// The batch's mean squared error by the plain Swift forward pass, in Double.
    static func loss(_ net: CollabNN) -> Double {
        batch.reduce(0.0) { sum, r in
            let e = Double(net.predict(user: Int(r.user), item: Int(r.item))) - Double(r.value)
            return sum + e * e
        } / Double(batch.count)
    }

    @Test func fastaisEmbeddingSizes() {
        #expect(CollabNN.embeddingSize(943) == 74)   // MovieLens 100k's users (the book's 74)
        #expect(CollabNN.embeddingSize(1664) == 102) // its distinct titles (the book's 102)
        #expect(CollabNN.embeddingSize(1682) == 103) // its movie ids
        #expect(CollabNN.embeddingSize(10_000_000) == 600)
    }

    /// The kernel's predictions are the Swift forward pass's (six ratings: a full group of four and a tail of two).
    @Test(arguments: [[7], [10, 5]]) func kernelForwardMatchesSwift(hidden: [Int]) {
        let net = Self.net(hidden: hidden)
        let work = CollabNN.BatchWork(net, batch: 8)
        Self.batch.withUnsafeBufferPointer { net.forward($0, work) }
        for (r, rating) in Self.batch.enumerated() {
            let swift = net.predict(user: Int(rating.user), item: Int(rating.item))
            #expect(abs(work.predictions[r] - swift) < 1e-5, "rating \(r): \(work.predictions[r]) vs \(swift)")
        }
    }

    /// Every weight, bias and embedding value's gradient (the kernel's, hand-derived) against
    /// central differences of the loss, for one and two hidden layers.
    @Test(arguments: [[7], [10, 5]]) func gradientsMatchFiniteDifferences(hidden: [Int]) {
        let net = Self.net(hidden: hidden)
        let work = CollabNN.BatchWork(net, batch: 8)
        let sse = Self.batch.withUnsafeBufferPointer { net.forwardBackward($0, work) }
        #expect(abs(sse / Double(Self.batch.count) - Self.loss(net)) < 1e-5)
        // Small enough that no nudge carries a unit across its ReLU's kink (1e-2 did, for a few
        // units whose input sat near 0: their differences were off by a third, the rest exact).
        let h: Float = 1e-3
        func numeric(_ set: (Float) -> Void, at value: Float) -> Double {
            set(value + h); let up = Self.loss(net)
            set(value - h); let down = Self.loss(net)
            set(value)
            return (up - down) / Double(2 * h)
        }
        var checked = 0, worst = 0.0
        // The layers: every real (unpadded) parameter.
        let inputs = [net.userSize + net.itemSize] + hidden
        for l in 0..<hidden.count {
            for i in 0..<inputs[l] { for j in 0..<hidden[l] {
                let at = net.layout.weights[l] + i * net.strides[l + 1] + j
                let fd = numeric({ net.dense[at] = $0 }, at: net.dense[at])
                worst = max(worst, abs(fd - Double(work.gradient[at])))
                checked += 1
            } }
            for j in 0..<hidden[l] {
                let at = net.layout.biases[l] + j
                worst = max(worst, abs(numeric({ net.dense[at] = $0 }, at: net.dense[at]) - Double(work.gradient[at])))
                checked += 1
            }
        }
        for j in 0..<hidden[hidden.count - 1] {
            let at = net.layout.outputWeights + j
            worst = max(worst, abs(numeric({ net.dense[at] = $0 }, at: net.dense[at]) - Double(work.gradient[at])))
        }
        let ob = net.layout.outputBias
        worst = max(worst, abs(numeric({ net.dense[ob] = $0 }, at: net.dense[ob]) - Double(work.gradient[ob])))
        #expect(checked > 50)
        #expect(worst < 2e-3, "largest difference in the layers' gradients: \(worst)")
        // The embeddings: the input gradients summed over each row's ratings.
        for u in 0..<net.userCount { for f in 0..<net.userSize {
            let analytic = Self.batch.enumerated().filter { Int($0.element.user) == u }
                .reduce(Float(0)) { $0 + work.dx[$1.offset * net.strides[0] + f] }
            let fd = numeric({ net.userEmbedding[u, f] = $0 }, at: net.userEmbedding[u, f])
            #expect(abs(fd - Double(analytic)) < 2e-3, "U[\(u)][\(f)]: \(fd) vs \(analytic)")
        } }
        for m in 0..<net.itemCount { for f in 0..<net.itemSize {
            let analytic = Self.batch.enumerated().filter { Int($0.element.item) == m }
                .reduce(Float(0)) { $0 + work.dx[$1.offset * net.strides[0] + net.userSize + f] }
            let fd = numeric({ net.itemEmbedding[m, f] = $0 }, at: net.itemEmbedding[m, f])
            #expect(abs(fd - Double(analytic)) < 2e-3, "M[\(m)][\(f)]: \(fd) vs \(analytic)")
        } }
    }

    /// Ranking by the first layer split in two (a movie's half once) gives the brute-force order.
    @Test func rankingMatchesBruteForce() {
        let net = Self.net(hidden: [6, 4])
        let projections = net.itemProjections()
        for u in 0..<net.userCount {
            let fast = net.top(user: u, n: 3, exclude: [1], projections: projections)
            let brute = (0..<net.itemCount).filter { $0 != 1 }.sorted { net.predict(user: u, item: $0) > net.predict(user: u, item: $1) }
            #expect(fast == Array(brute.prefix(3)), "user \(u)")
        }
    }

    /// The book's recipe on a sample: the training loss falls epoch after epoch and the held-out
    /// error ends below the start's; the settings that cannot go with it are refused.
    @Test func trainsAndRefuses() throws {
        let data = Fixtures.smallSample()
        let split = data.trainingSplit(validFraction: 0.2, seed: 1).split
        var h = Hyperparameters.nn
        h.hiddenLayers = [16]
        h.embeddingSizes = EmbeddingSizes(user: 6, item: 5)
        h.epochs = 4
        let trainer = try NeuralTrainer(data: TrainingData(dataset: data, split: split), hyper: h)
        let before = trainer.validate().mse
        let history = try trainer.fit()
        #expect(history.count == 4)
        #expect(zip(history, history.dropFirst()).allSatisfy { $1.trainLoss < $0.trainLoss }, "\(history.map(\.trainLoss))")
        #expect(history.last.map { $0.valid.mse < before } == true)
        var bad = Hyperparameters.nn
        bad.optimizer = .sgd
        #expect(throws: TrainingError.self) { try bad.validate() }
    }

    /// Whole epochs on two threads: the same run twice gives the same bits, and it stays within
    /// round-off of the one-thread run (the halves' sums are added in another order).
    @Test func twoThreadsReproduceThemselves() throws {
        let data = Fixtures.smallSample()
        let split = data.trainingSplit(validFraction: 0.2, seed: 1).split
        var h = Hyperparameters.nn
        h.hiddenLayers = [16, 8]
        h.embeddingSizes = EmbeddingSizes(user: 6, item: 5)
        h.epochs = 3
        func run(_ threads: Int) throws -> (losses: [Float], row: [Float]) {
            let t = try NeuralTrainer(data: TrainingData(dataset: data, split: split), hyper: h)
            t.threads = threads
            // (On a busy test machine the trainer would fall back to one thread part-way.)
            t.fallsBackWhenBusy = false
            let history = try t.fit()
            return (history.map(\.trainLoss), t.net.itemEmbedding.lookup(3))
        }
        let one = try run(1), two = try run(2), again = try run(2)
        #expect(two.losses == again.losses && two.row == again.row)
        #expect(zip(one.losses, two.losses).allSatisfy { abs($0 - $1) < 1e-3 * $0 }, "\(one.losses) vs \(two.losses)")
        #expect(zip(two.losses, two.losses.dropFirst()).allSatisfy { $1 < $0 })
    }

    /// Driven as a trainer (the explorer's way): a step is a mini-batch, the views' movie factors
    /// are the network's movie embedding itself, predictions and validation are the network's,
    /// and the person's ratings (the side table) train their embedding: their row is never frozen.
    @Test func asATrainer() throws {
        var data = TrainingData(dataset: Fixtures.smallSample(), split: Fixtures.smallSample().trainingSplit(validFraction: 0.2, seed: 1).split)
        data.addUsers(1)
        let person = data.userCount - 1
        var h = Hyperparameters.nn
        h.hiddenLayers = [12]
        h.batchSize = 32
        h.epochs = 2
        let trainer = try Trainer(data: data, hyper: h)
        let neural = try #require(trainer.neural)
        #expect(trainer.model.itemFactors === neural.net.itemEmbedding)
        #expect(!trainer.model.config.useBias && trainer.hyper.factors == neural.net.itemSize)
        #expect(trainer.stepsPerEpoch == neural.stepsPerEpoch)
        trainer.freeze(user: person)
        #expect(trainer.frozenUser == nil, "the network has no fold-in: the person's row learns")
        trainer.setSideRatings(user: person, [(item: 0, rating: 5), (item: 1, rating: 1)])
        let personBefore = neural.net.userEmbedding.lookup(person)
        let report = try trainer.trainStep(watching: (user: 0, item: 0))
        #expect(report.batchSize == 32 && report.loss.isFinite)
        #expect(report.watched.map { $0.after == trainer.predict(user: 0, item: 0) } == true)
        #expect(trainer.predict(user: 3, item: 4) == neural.net.predict(user: 3, item: 4))
        #expect(trainer.validate() == neural.validate())
        while trainer.completedEpochs < 1 { try trainer.trainStep() }
        #expect(trainer.completedEpochs == 1 && neural.completedEpochs == 1)
        // The side table joined at the epoch's start: by the end of the next one the person's row moved.
        let metrics = try trainer.trainEpoch()
        #expect(metrics.trainLoss.isFinite && trainer.completedEpochs == 2)
        #expect(neural.net.userEmbedding.lookup(person) != personBefore)
    }
}
