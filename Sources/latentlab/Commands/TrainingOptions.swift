import ArgumentParser
import LatentCore

/// The recipes a run starts from; every other flag overrides one of its values.
enum PresetName: String, CaseIterable, ExpressibleByArgument {
    case fastai
    case funkSVD = "funk-svd"
    case genres
    /// Bayesian matrix factorisation by Gibbs sampling (`BayesianMF`).
    case bayes
    /// Weighted alternating least squares (`AlternatingLeastSquares`).
    case als
    /// The book's neural network (`CollabNN`).
    case nn

    var hyperparameters: Hyperparameters {
        switch self {
        case .fastai: return .fastai
        case .funkSVD: return .funkSVD
        case .genres: return .genres
        case .bayes: return .bayes
        case .als: return .als
        case .nn: return .nn
        }
    }
}

extension OptimizerKind: ExpressibleByArgument {}
extension ScheduleKind: ExpressibleByArgument {}
extension Recommender.Scoring: ExpressibleByArgument {}
extension Similarity.Metric: ExpressibleByArgument {}

/// "(fastai: 50, funk-svd: 100)": what each preset sets, for the help of a flag (genres is
/// fastai's recipe, so it is named only where it differs).
private func presets<T>(_ value: (Hyperparameters) -> T, genres: String? = nil) -> String {
    "(fastai: \(value(.fastai)), funk-svd: \(value(.funkSVD))" + (genres.map { ", genres: \($0)" } ?? "") + ")"
}

/// Every hyperparameter as a flag; unset flags keep the preset's value.
struct TrainingOptions: ParsableArguments {
    @Option(name: .long, help: "The recipe to start from: fastai (the book's), funk-svd (Surprise's SVD), genres (the book's with each movie's factors fixed to its genres: categories instead of learned factors), bayes (Bayesian matrix factorisation by Gibbs sampling, 10 factors, --epochs sweeps, default 200), als (weighted alternating least squares, Google's WALS: 20 factors, 10 epochs of two half-steps, --wd is λ per rating, --unobserved-weight w₀), or nn (the book's neural network: embeddings by fastai's rule side by side through Linear → ReLU layers, --layers). (default: fastai)")
    var preset: PresetName?
    @Option(name: .long, help: "Number of latent factors, 1–4096 \(presets({ $0.factors }, genres: "one per genre")).",
            transform: FlagBounds.int(1...4096, "the number of factors")) var factors: Int?
    @Option(name: .long, help: "Number of epochs, 1–100,000 \(presets { $0.epochs }).",
            transform: FlagBounds.int(1...100_000, "the number of epochs")) var epochs: Int?
    @Option(name: [.customLong("lr"), .long], help: "Learning rate, the one-cycle peak \(presets { $0.learningRate }).",
            transform: FlagBounds.float(0...100, "the learning rate", aboveLower: true)) var learningRate: Float?
    @Option(name: [.customLong("wd"), .long], help: "Weight decay (Adam) or L2 regularisation (SGD) \(presets { $0.weightDecay }).",
            transform: FlagBounds.float(0...100, "the weight decay")) var weightDecay: Float?
    @Option(name: [.customLong("bs"), .customLong("batch-size")], help: "Mini-batch size, 1–16,777,216 \(presets { $0.batchSize }).",
            transform: FlagBounds.int(1...16_777_216, "the batch size")) var batchSize: Int?
    @Option(name: .long, help: "The update rule \(presets { $0.optimizer.rawValue }).") var optimizer: OptimizerKind?
    @Option(name: .long, help: "The learning-rate schedule \(presets { $0.schedule.rawValue }).") var schedule: ScheduleKind?
    @Option(name: .long, help: "Standard deviation of the random initialisation \(presets { $0.initStd }).",
            transform: FlagBounds.float(0...10, "the init std")) var initStd: Float?
    @Option(name: .long, help: "SGD momentum, or Adam's beta1 with a constant schedule \(presets { $0.momentum }).",
            transform: FlagBounds.float(0...1, "the momentum", belowUpper: true)) var momentum: Float?
    @Flag(inversion: .prefixedNo, help: "Squash predictions with a sigmoid into y_range \(presets { $0.sigmoid ? "yes" : "no" }).")
    var sigmoid: Bool?
    @Flag(inversion: .prefixedNo, help: "Use user and movie biases \(presets { $0.useBias ? "yes" : "no" }).")
    var bias: Bool?
    @Flag(name: .long, help: "Update every Adam moment on every step (exact PyTorch Adam; slow on big data).") var denseAdam = false
    @Option(name: .long, help: "Random seed: initialisation, split and shuffling (default: 42).") var seed: UInt64?
    @Option(name: .long, help: "Fraction of ratings held out for validation, fastai's valid_pct, 0 up to below 1 (default: 0.2).",
            transform: FlagBounds.double(0...1, "the validation fraction", belowUpper: true)) var validPct: Double?

    @Flag(name: .long, help: "Implicit feedback (SVD++), with --preset bayes or funk-svd: each user is also the normalised sum of factors of the movies they are known to have seen, the ones they rated in training and the held-out pairs (whose ratings are never read); with bayes each movie is also the sum over the users who saw it.")
    var implicit = false

    @Option(name: .long, help: "Alternating least squares' weight w₀ on the pairs nobody rated, whose taste term is pulled toward 0 (Google's WALS), 0–1 (default: 0).",
            transform: FlagBounds.float(0...1, "the unobserved weight")) var unobservedWeight: Float?

    @Option(name: .long, help: "Gravity for the SGD presets (Google's course): g times the mean over every user-movie pair of the squared dot product, pulling every prediction's taste term toward 0, one full step an epoch, 0–1,000 (default: 0).",
            transform: FlagBounds.float(0...1000, "the gravity")) var gravity: Float?
    @Option(name: .long, help: "The nn preset's hidden layers, e.g. 100 (the book's CollabNN) or 100,50 (collab_learner(use_nn=True, layers=[100,50])); 1–4 layers of 1–1,024 units (default: 100).",
            transform: FlagBounds.intList(1...1024, count: 1...4, "the hidden layers")) var layers: [Int]?
    @Option(name: .long, help: "The nn preset's embedding sizes USERS,MOVIES, 1–600 each (default: fastai's rule min(600, round(1.6·n^0.56)): 74,103 on MovieLens 100k).",
            transform: FlagBounds.intList(1...600, count: 2...2, "the embedding sizes")) var embeddingSizes: [Int]?

    @Option(name: .long, help: "Threads for whole epochs (funk-svd's per-rating SGD, fastai's AdamW kernel): blocks of the rating matrix trained side by side, 1–256 (default: every core for train, one less than every core in the explorer).",
            transform: FlagBounds.int(1...256, "the number of threads")) var threads: Int?

    /// The threads to train with: the flag, else `fallback`.
    func threadCount(default fallback: Int) -> Int { threads ?? max(1, fallback) }

    /// Whether any training flag was given (the explorer then starts fresh instead of resuming).
    var anyGiven: Bool {
        preset != nil || factors != nil || epochs != nil || learningRate != nil || weightDecay != nil || batchSize != nil
            || optimizer != nil || schedule != nil || initStd != nil || momentum != nil || sigmoid != nil || bias != nil
            || denseAdam || seed != nil || validPct != nil || implicit || unobservedWeight != nil || layers != nil || embeddingSizes != nil || gravity != nil
    }

    func hyperparameters() throws -> Hyperparameters {
        var h = (preset ?? .fastai).hyperparameters
        if let factors { h.factors = factors }
        if let epochs { h.epochs = epochs }
        if let learningRate { h.learningRate = learningRate }
        if let weightDecay { h.weightDecay = weightDecay }
        if let batchSize { h.batchSize = batchSize }
        if let optimizer { h.optimizer = optimizer }
        if let schedule { h.schedule = schedule }
        if let initStd { h.initStd = initStd }
        if let momentum { h.momentum = momentum }
        if let sigmoid { h.sigmoid = sigmoid }
        if let bias { h.useBias = bias }
        if denseAdam { h.denseAdam = true }
        if let seed { h.seed = seed }
        if let validPct { h.validFraction = validPct }
        h.implicit = implicit
        if let unobservedWeight { h.unobservedWeight = unobservedWeight }
        if let gravity { h.gravity = gravity }
        if let layers {
            guard h.neural else { throw ValidationError("--layers is the neural network's (--preset nn)") }
            h.hiddenLayers = layers
        }
        if let embeddingSizes, embeddingSizes.count == 2 {
            guard h.neural else { throw ValidationError("--embedding-sizes is the neural network's (--preset nn); the other presets take --factors") }
            h.embeddingSizes = EmbeddingSizes(user: embeddingSizes[0], item: embeddingSizes[1])
        }
        do { try h.validate() } catch { throw ValidationError(String(describing: error)) }
        return h
    }
}
