import CKernels
import Foundation

/// Trains a `CollabNN` as the book does: `fit_one_cycle(5, 5e-3, wd=0.01)`, AdamW on mini-batches
/// of 64 in a fresh seeded order each epoch. The layers are updated whole every step; the
/// embeddings lazily, only the rows in the batch (as the fastai preset's AdamW kernel does).
public final class NeuralTrainer {
    public let net: CollabNN
    public let hyper: Hyperparameters
    public let schedule: Schedule
    public private(set) var data: TrainingData
    public internal(set) var step = 0
    public internal(set) var completedEpochs = 0
    /// The next batch's position in the epoch's order (0: the epoch has not begun).
    public internal(set) var cursor = 0
    var order: [Rating]
    /// Ratings of one extra user kept apart (the explorer's person): they join the order at the
    /// next epoch start, and their embedding learns from them as everyone's does.
    var side: (user: Int32, ratings: [Rating])?
    var sideChanged = false
    /// The epoch's training loss so far.
    var epochSquaredError = 0.0, epochCount = 0
    /// The second thread's squared error of its half of the batch (`+Threads`).
    var helperError = 0.0
    /// Batches of the epoch under way that waited for the second thread longer than their own half took.
    var slowHandOvers = 0
    /// Whether two threads give way to one when the machine is busy (`+Threads`).
    var fallsBackWhenBusy = true
    /// Where the last batch lay in `order` (before it was reshuffled for the next epoch, if it ended one).
    var lastBatch = 0..<0
    /// The buffers of a batch; the second thread's, when whole epochs train on two (`+Threads`).
    let work: CollabNN.BatchWork
    let helperWork: CollabNN.BatchWork
    /// Threads for whole epochs (`fit`, `trainEpoch` from an epoch's start): 1 or 2. A step
    /// (the explorer's) is always one thread.
    public var threads = 1
    // AdamW's moments: the layers' (flat, as `net.dense`) and the embeddings' (tables shaped as theirs).
    // (Two properties, not a tuple: both are written in one access, which a tuple's exclusivity forbids.)
    var denseFirstMoment: [Float], denseSecondMoment: [Float]
    let userMoments: (m: Embedding, v: Embedding)
    let itemMoments: (m: Embedding, v: Embedding)
    // The embedding rows a batch touched and their summed gradients.
    var userSlot: [Int32], itemSlot: [Int32]
    var touchedUsers: [Int] = [], touchedItems: [Int] = []
    var userGradients: [Float], itemGradients: [Float]

    /// The network's sizes for these hyperparameters on this data: fastai's rule unless given.
    public static func architecture(_ h: Hyperparameters, users: Int, items: Int) -> (user: Int, item: Int, hidden: [Int]) {
        (h.embeddingSizes.map { $0.user } ?? CollabNN.embeddingSize(users), h.embeddingSizes.map { $0.item } ?? CollabNN.embeddingSize(items), h.hiddenLayers)
    }

    public init(data: consuming TrainingData, hyper: Hyperparameters, itemEmbedding: Embedding? = nil) throws {
        try hyper.validate()
        guard hyper.neural else { throw TrainingError.invalid("the neural trainer needs hidden layers (--layers)") }
        guard data.trainCount > 0 else { throw TrainingError.noTrainingData }
        let sizes = Self.architecture(hyper, users: data.userCount, items: data.itemCount)
        if let problem = CollabNN.validate(hidden: sizes.hidden, userSize: sizes.user, itemSize: sizes.item) { throw TrainingError.invalid(problem) }
        net = CollabNN(users: data.userCount, items: data.itemCount, userSize: sizes.user, itemSize: sizes.item,
                       hidden: sizes.hidden, yRange: data.scale.yRange, itemEmbedding: itemEmbedding)
        net.initialize(seed: hyper.seed)
        self.hyper = hyper
        schedule = hyper.scheduleValue
        order = data.takeTrain()
        self.data = data
        work = CollabNN.BatchWork(net, batch: hyper.batchSize)
        helperWork = CollabNN.BatchWork(net, batch: hyper.batchSize)
        denseFirstMoment = [Float](repeating: 0, count: net.layout.count)
        denseSecondMoment = denseFirstMoment
        userMoments = (Embedding(shapedLike: net.userEmbedding), Embedding(shapedLike: net.userEmbedding))
        itemMoments = (Embedding(shapedLike: net.itemEmbedding), Embedding(shapedLike: net.itemEmbedding))
        userSlot = [Int32](repeating: -1, count: net.userCount)
        itemSlot = [Int32](repeating: -1, count: net.itemCount)
        userGradients = [Float](repeating: 0, count: hyper.batchSize * net.userEmbedding.stride)
        itemGradients = [Float](repeating: 0, count: hyper.batchSize * net.itemEmbedding.stride)
    }

    public var stepsPerEpoch: Int { (order.count + hyper.batchSize - 1) / hyper.batchSize }

    /// Ratings in the epoch's order.
    public var epochSize: Int { order.count }
    /// How far into the epoch, 0…1.
    public var epochFraction: Double { Double(cursor) / Double(max(1, order.count)) }

    /// Sets the extra user's ratings (the explorer's person); they join at the next epoch start.
    public func setSideRatings(user u: Int, _ ratings: [(item: Int, rating: Float)]) {
        side = (Int32(u), ratings.map { Rating(user: Int32(u), item: Int32($0.item), value: $0.rating) })
        sideChanged = true
        if u < data.userSeen.count { data.userSeen[u] = true }
    }

    /// A fresh seeded order at an epoch's start (with the side table's ratings as they stand).
    func startEpochIfDue() {
        guard cursor == 0 else { return }
        if sideChanged, let side {
            order.removeAll { $0.user == side.user }
            order += side.ratings
            sideChanged = false
        }
        var rng = SeededRandom(seed: hyper.seed &+ 0x9E37_79B9 &* UInt64(completedEpochs + 1))
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, rng.nextIndex(below: i + 1)) }
        epochSquaredError = 0
        epochCount = 0
    }

    /// Steps 2 and 3 and the update on the epoch's next batch; returns the batch's mean loss and
    /// size. The epoch ends (and the next begins with a fresh order) when its last batch is done.
    @discardableResult
    public func trainStep() throws -> (loss: Float, size: Int) {
        startEpochIfDue()
        guard !order.isEmpty else { throw TrainingError.noTrainingData }
        let end = min(order.count, cursor + hyper.batchSize)
        let position = schedulePosition(at: cursor)
        let lr = schedule.learningRate(at: position), beta1 = schedule.momentum(at: position)
        let sse = order.withUnsafeBufferPointer { all in trainBatch(UnsafeBufferPointer(rebasing: all[cursor..<end]), lr: lr, beta1: beta1) }
        guard sse.isFinite else { throw TrainingError.diverged(step: step, learningRate: lr) }
        let n = end - cursor
        lastBatch = cursor..<end
        epochSquaredError += sse
        epochCount += n
        cursor = end
        if cursor >= order.count {
            completedEpochs += 1
            cursor = 0
        }
        return (Float(sse / Double(max(1, n))), n)
    }

    /// Where the batch starting at rating `index` of the epoch stands in the one-cycle schedule, 0…1.
    public func schedulePosition(at index: Int) -> Double {
        (Double(completedEpochs) + Double(index) / Double(max(1, order.count))) / Double(hyper.epochs)
    }

    /// Whether the last batch held this cell's rating.
    public func lastBatchContains(user u: Int, item m: Int) -> Bool {
        lastBatch.upperBound <= order.count && order[lastBatch].contains { Int($0.user) == u && Int($0.item) == m }
    }

    /// The mean training loss of the epoch under way (or of the one just ended).
    public var epochTrainLoss: Float { epochCount > 0 ? Float(epochSquaredError / Double(epochCount)) : .nan }

    /// The rest of the epoch: batch after batch; then the held-out error.
    public func trainEpoch(progress: ((Double) -> Void)? = nil) throws -> EpochMetrics {
        let started = DispatchTime.now().uptimeNanoseconds
        let epoch = completedEpochs
        if threads > 1 && cursor == 0 { try epochOnTwoThreads() }
        var b = 0
        while completedEpochs == epoch {
            try trainStep()
            b += 1
            if b & 255 == 0 { progress?(epochFraction) }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return EpochMetrics(epoch: completedEpochs, trainLoss: epochTrainLoss, valid: validate(), seconds: seconds)
    }

    public func fit(onEpoch: ((EpochMetrics) -> Void)? = nil, progress: ((Double) -> Void)? = nil) throws -> [EpochMetrics] {
        var out: [EpochMetrics] = []
        while completedEpochs < hyper.epochs {
            let m = try trainEpoch(progress: progress)
            out.append(m)
            onEpoch?(m)
        }
        return out
    }

    /// Steps 2 and 3 and the update on one batch; returns its sum of squared errors.
    func trainBatch(_ batch: UnsafeBufferPointer<Rating>, lr: Float, beta1: Float) -> Double {
        let sse = forwardBackward(batch)
        update(lr: lr, beta1: beta1)
        return sse
    }

    /// AdamW on the layers (whole) and on the embedding rows the batch touched (their slots given back).
    func update(lr: Float, beta1: Float) {
        step += 1
        let c1 = 1 - pow(beta1, Float(step)), c2 = 1 - pow(hyper.beta2, Float(step))
        let rule = AdamWRule(lr: lr, beta1: beta1, beta2: hyper.beta2, eps: hyper.epsilon, decay: 1 - lr * hyper.weightDecay, c1: c1, c2: c2)
        work.gradient.withUnsafeBufferPointer { g in
            denseFirstMoment.withUnsafeMutableBufferPointer { m in
                denseSecondMoment.withUnsafeMutableBufferPointer { v in
                    rule.apply(net.dense.baseAddress, g.baseAddress, m.baseAddress, v.baseAddress, count: net.layout.count)
                }
            }
        }
        let us = net.userEmbedding.stride, ms = net.itemEmbedding.stride
        userGradients.withUnsafeBufferPointer { g in
            for (slot, u) in touchedUsers.enumerated() {
                rule.apply(net.userEmbedding.row(u), g.baseAddress.map { $0 + slot * us }, userMoments.m.row(u), userMoments.v.row(u), count: us)
                userSlot[u] = -1
            }
        }
        itemGradients.withUnsafeBufferPointer { g in
            for (slot, m) in touchedItems.enumerated() {
                rule.apply(net.itemEmbedding.row(m), g.baseAddress.map { $0 + slot * ms }, itemMoments.m.row(m), itemMoments.v.row(m), count: ms)
                itemSlot[m] = -1
            }
        }
    }

    /// The batch's gradients: the layers' in `work.gradient`, the embeddings' gathered by row.
    /// Returns the sum of squared errors.
    func forwardBackward(_ batch: UnsafeBufferPointer<Rating>) -> Double {
        touchedUsers.removeAll(keepingCapacity: true)
        touchedItems.removeAll(keepingCapacity: true)
        let sse = net.forwardBackward(batch, work)
        gatherEmbeddingGradients(batch, work.dx)
        return sse
    }

    /// Adds each touched row's gradient from its ratings' input gradients `dx` (through raw
    /// buffers: the class's arrays, indexed in a loop, cost a runtime exclusivity check per access).
    func gatherEmbeddingGradients(_ batch: UnsafeBufferPointer<Rating>, _ inputGradients: [Float]) {
        let s0 = net.strides[0], us = net.userEmbedding.stride, ms = net.itemEmbedding.stride
        let userSize = net.userSize, itemSize = net.itemSize
        var users = touchedUsers, items = touchedItems
        touchedUsers = []; touchedItems = []
        defer { touchedUsers = users; touchedItems = items }
        userSlot.withUnsafeMutableBufferPointer { userSlot in
        itemSlot.withUnsafeMutableBufferPointer { itemSlot in
        userGradients.withUnsafeMutableBufferPointer { ug in
        itemGradients.withUnsafeMutableBufferPointer { ig in
        inputGradients.withUnsafeBufferPointer { dx in
            for (r, rating) in batch.enumerated() {
                let u = Int(rating.user), m = Int(rating.item)
                if userSlot[u] < 0 {
                    userSlot[u] = Int32(users.count)
                    for j in 0..<us { ug[users.count * us + j] = 0 }
                    users.append(u)
                }
                if itemSlot[m] < 0 {
                    itemSlot[m] = Int32(items.count)
                    for j in 0..<ms { ig[items.count * ms + j] = 0 }
                    items.append(m)
                }
                let su = Int(userSlot[u]) * us, sm = Int(itemSlot[m]) * ms, x = r * s0
                for j in 0..<userSize { ug[su + j] += dx[x + j] }
                for j in 0..<itemSize { ig[sm + j] += dx[x + userSize + j] }
            }
        }
        }
        }
        }
        }
    }

    /// The held-out error (users or movies without training ratings predicted from their
    /// embeddings as initialised, as fastai does; counted in `unseen`).
    public func validate(limit: Int = .max) -> ValidationMetrics {
        let valid = data.valid
        guard valid.count > 0, limit > 0 else { return .empty }
        // A quick estimate: every stride-th held-out rating.
        let stride = limit >= valid.count ? 1 : (valid.count + limit - 1) / limit
        var se = 0.0, ae = 0.0, unseen = 0
        var batch: [Rating] = []
        batch.reserveCapacity(hyper.batchSize)
        func score() {
            batch.withUnsafeBufferPointer { net.forward($0, work) }
            for (r, rating) in batch.enumerated() {
                let e = Double(work.predictions[r] - rating.value)
                se += e * e
                ae += abs(e)
            }
            batch.removeAll(keepingCapacity: true)
        }
        var scored = 0
        for i in Swift.stride(from: 0, to: valid.count, by: stride) {
            let r = valid[i]
            scored += 1
            if !data.userSeen[Int(r.user)] || !data.itemSeen[Int(r.item)] { unseen += 1 }
            batch.append(r)
            if batch.count == hyper.batchSize { score() }
        }
        if !batch.isEmpty { score() }
        let n = Double(scored)
        return ValidationMetrics(mse: Float(se / n), rmse: Float((se / n).squareRoot()), mae: Float(ae / n), count: scored, unseen: unseen)
    }
}

/// One AdamW update (decoupled weight decay, bias-corrected moments) over `count` floats (a
/// multiple of 8), in the C kernel the fastai preset's rows use.
struct AdamWRule {
    let lr: Float, beta1: Float, beta2: Float, eps: Float, decay: Float, c1: Float, c2: Float

    func apply(_ p: UnsafeMutablePointer<Float>?, _ g: UnsafePointer<Float>?, _ m: UnsafeMutablePointer<Float>?,
               _ v: UnsafeMutablePointer<Float>?, count: Int) {
        guard let p, let g, let m, let v, count % 8 == 0 else { return }
        ll_adamw(p, g, m, v, Int64(count), beta1, beta2, lr / c1, 1 / c2, eps, decay)
    }
}
