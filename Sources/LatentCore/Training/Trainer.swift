import CKernels
import Foundation

/// Trains a `DotProductBias` by the loop the book teaches:
/// **1. initialize** the parameters randomly, then for each mini-batch **2. predict**,
/// **3. compute the loss**, and **step** the parameters along its gradient.
///
/// Each epoch visits every training rating exactly once, in a fresh random order drawn
/// from the seed (never sampling with replacement), so a seed reproduces a run exactly.
/// The schedule's clock is the number of epochs trained, so ratings added between epochs
/// (the explorer's person, through the side table) never move a cycle's end.
/// Not thread-safe: one queue owns a trainer.
public final class Trainer {
    public internal(set) var data: TrainingData
    public let hyper: Hyperparameters
    public let model: DotProductBias
    public let gradients: Gradients
    let optimizer: Optimizer
    public let schedule: Schedule
    /// The Gibbs sampler of a sampled model (`Hyperparameters.sampled`, the bayes preset): its
    /// current sample is copied into `model` after each part (`Trainer+Gibbs`). Nil otherwise.
    public let sampler: BayesianMF?
    /// Alternating least squares (the `als` preset, `Trainer+ALS`); nil otherwise.
    let als: AlternatingLeastSquares?
    /// Whether least squares' rows must be indexed again (at the next epoch start).
    var alsIndexStale = true
    /// The epoch whose gravity step was taken (`Trainer+Gravity`).
    var gravityEpoch = -1
    /// The book's neural network (the `nn` preset, `Trainer+Neural`); nil otherwise.
    public internal(set) var neural: NeuralTrainer?
    /// Implicit feedback for per-rating SGD (`ImplicitSGD`, SVD++); nil without it.
    var implicitSGD: ImplicitSGD?

    /// Updates done so far.
    public internal(set) var step = 0
    /// The index of the epoch under way (the epochs before it are complete).
    var epochIndex = 0
    /// Position in the current epoch's order.
    var cursor = 0
    var epochLossSum = 0.0
    var epochLossCount = 0

    /// The training ratings, in the current epoch's visiting order: the columns of `data`
    /// and the side table as it stood when the epoch began.
    var epochRatings: [Rating] = []
    var batchPredictions: [Float] = []
    var forcedBatch: [Rating] = []
    var shuffler = CacheFriendlyShuffle<Rating>()

    /// Threads for the per-rating SGD kernel (the funk-svd preset); more than one trains the
    /// blocks of a `BlockSchedule` side by side. Takes effect at the next epoch start.
    public var threads = 1 {
        didSet {
            guard threads != oldValue else { return }
            sampler?.threads = threads
            als?.threads = threads
            blocks = nil
            // At an epoch's start (as after init), lay this epoch out for the new count at once.
            if cursor == 0 && usesFusedEpochs { startEpoch() }
        }
    }
    /// The block layout of `epochRatings` when several threads train; nil otherwise (and
    /// whenever the ratings change, until the next epoch start lays them out again).
    var blocks: BlockSchedule?
    /// How far the current epoch on the blocks has come when it is trained in parts (the
    /// explorer's flat-out slices); the start at an epoch's start.
    var blockPosition = BlockPosition()
    /// The step count when the current epoch began on the blocks (Adam's step numbers follow from it).
    var blockEpochFirstStep = 0
    var blockShufflers: [CacheFriendlyShuffle<Rating>] = []
    /// From this many training ratings, epochs run on blocks even on one thread (measured with
    /// funk-svd on one thread: 1M ratings 20 ms an epoch reshuffled whole, 13 ms on blocks; 20M
    /// ratings 1.2 s and 0.62 s, the validation RMSE the same to 0.01%). Smaller data sets keep
    /// a fresh permutation of every rating each epoch, the loop the book teaches.
    static let blocksFromRatings = 1_000_000
    /// The AdamW kernel's gradient scratch, one per thread (`Trainer+Adam`).
    var adamScratchPool: [AdamScratch] = []

    /// Ratings of one extra user kept apart from the columns (the explorer's person): they
    /// join the visiting order at the next epoch start, so a rating never rebuilds the columns.
    var side: (user: Int32, ratings: [Rating])?
    var sideChanged = false
    /// A user row the trainer reads but never updates (nil: none).
    public internal(set) var frozenUser: Int?

    /// The schedule cycle under way (1 for the first `fit_one_cycle`) and the completed
    /// epochs when it began.
    public internal(set) var cycle = 1
    /// False for a trainer made `viewingOnly` over no training ratings: it predicts, never steps.
    public let canTrain: Bool
    public internal(set) var cycleStartEpoch = 0

    /// `threads` for the per-rating kernel, given here so that the first epoch is laid out for
    /// them at once (setting `threads` later lays the epoch out again). `viewingOnly` takes
    /// data without training ratings (a model opened from its factors alone, to predict and
    /// fold in): every training step then throws `noTrainingData`.
    public init(data: consuming TrainingData, hyper requested: Hyperparameters, threads: Int = 1, viewingOnly: Bool = false) throws {
        self.threads = max(1, threads)
        try requested.validate()
        sampler = requested.sampled ? BayesianMF(data: copy data, settings: Self.samplerSettings(requested, threads: threads)) : nil
        als = Self.leastSquares(requested, threads: threads)
        guard data.trainCount > 0 || viewingOnly else { throw TrainingError.noTrainingData }
        canTrain = data.trainCount > 0
        var hyper = requested
        if hyper.neural {
            // The views' model: the network's movie embedding as factors, no biases.
            hyper = Self.viewModelConfig(hyper, users: data.userCount, items: data.itemCount)
        }
        if hyper.genreFactors {
            // Categories as factors: one per genre, fixed to each movie's genres.
            guard let genres = data.itemGenres, genres.count > 0 else {
                throw TrainingError.invalid("the genres preset needs the movies' genres, and this data set lists none")
            }
            hyper.factors = genres.count
        }
        let (users, items, scale, mean, genres) = (data.userCount, data.itemCount, data.scale, data.trainMean, data.itemGenres)
        // Moved in, not copied: the training ratings must have one owner, or laying them out
        // in place would copy all of them.
        self.data = consume data
        self.hyper = hyper
        model = DotProductBias(users: users, items: items, config: hyper.modelConfig(scale: scale), globalMean: mean)
        gradients = Gradients(for: model)
        optimizer = hyper.makeOptimizer()
        optimizer.prepare(model, gradients)
        schedule = hyper.scheduleValue
        model.initialize(seed: hyper.seed)
        if hyper.genreFactors, let genres {
            model.itemFactors.load(flat: genres.rows)
            gradients.freezeItemFactors()
        }
        copySample(.users)
        copySample(.movies)
        if hyper.implicit && sampler == nil { implicitSGD = ImplicitSGD(data: self.data, model: model) }
        if requested.neural {
            // The network's movie embedding is the views' movie factors: one table.
            neural = try NeuralTrainer(data: self.data, hyper: requested, itemEmbedding: model.itemFactors)
        }
        startEpoch()
    }

    // MARK: Where training stands

    /// Ratings in the current epoch's order.
    public var epochSize: Int { epochRatings.count }
    public var stepsPerEpoch: Int {
        if sampler != nil { return GibbsPart.allCases.count }
        if als != nil { return 2 }
        if let neural { return neural.stepsPerEpoch }
        return (epochSize + hyper.batchSize - 1) / hyper.batchSize
    }
    /// How far into the current epoch, 0…1 (1 once its last rating is trained).
    public var epochFraction: Double { Double(cursor) / Double(max(1, epochSize)) }
    /// Epochs fully trained so far.
    public var completedEpochs: Int { epochIndex + (cursor >= epochSize ? 1 : 0) }
    /// Epochs trained, counting the current one's fraction.
    public var epochsTrained: Double { Double(epochIndex) + epochFraction }
    /// Epochs trained in the current cycle.
    public var cycleEpochs: Double { epochsTrained - Double(cycleStartEpoch) }
    /// Position in the current cycle, 0…1 (the schedule's clock).
    public var progress: Double { min(1, max(0, cycleEpochs / Double(hyper.epochs))) }
    /// Whether the planned epochs of the current cycle are all trained.
    public var cycleDone: Bool { completedEpochs - cycleStartEpoch >= hyper.epochs }

    /// Starts another one-cycle run from here (fastai: calling `fit_one_cycle` again).
    /// It begins with the next epoch, so a cycle is always whole epochs.
    public func startNewCycle() {
        cycle += 1
        cycleStartEpoch = completedEpochs
    }

    /// The learning rate the next step will use.
    public var currentLearningRate: Float { schedule.learningRate(at: progress) }

    /// Where training stands, for a saved session.
    public var trainingProgress: TrainingProgress {
        TrainingProgress(step: step, completedEpochs: completedEpochs, epochFraction: cursor >= epochSize ? 0 : epochFraction,
                         cycle: cycle, cycleStartEpoch: cycleStartEpoch)
    }

    // MARK: The person's side table

    /// Sets the ratings of user `u` kept apart from the columns (the explorer's person). They
    /// join the visiting order at the next epoch start; until then the current epoch is unchanged.
    public func setSideRatings(user u: Int, _ ratings: [(item: Int, rating: Float)]) {
        side = (Int32(u), ratings.map { Rating(user: Int32(u), item: Int32($0.item), value: $0.rating) })
        sideChanged = true
        sampler?.setExtraRatings(user: u, ratings.map { (item: $0.item, value: $0.rating) })
        neural?.setSideRatings(user: u, ratings)
        alsIndexStale = true
        // Their row is known (folded in) from now on: predict with it, not from biases alone.
        if u < data.userSeen.count { data.userSeen[u] = true }
        for r in ratings where r.item < data.itemSeen.count { data.itemSeen[r.item] = true }
    }

    /// Makes user `u`'s row read-only for training: its ratings still train the movies, but
    /// no gradient, moment or weight decay ever reaches the row (whoever set it stays its only writer).
    public func freeze(user u: Int?) {
        // The network has no closed-form fold-in: the person's embedding learns from their ratings.
        guard neural == nil else { return }
        frozenUser = u
        gradients.freezeUser(u)
    }

    // MARK: Predictions

    /// Predictions for cells, as the model stands now (unseen users/movies from what is known).
    public func predict(user u: Int, item m: Int) -> Float {
        if let neural, u < neural.net.userCount, m < neural.net.itemCount { return neural.net.predict(user: u, item: m) }
        return model.predictKnown(user: u, item: m, userKnown: data.userSeen[u], itemKnown: data.itemSeen[m], mean: trainMean)
    }

    lazy var trainMean: Float = data.trainMean
    /// The quick validation's sample, packed (`sample(limit:)`).
    var validationSample: ValidationSample?
}
