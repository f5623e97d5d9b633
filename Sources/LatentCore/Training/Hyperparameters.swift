/// Everything that decides how a model is trained. The presets reproduce the book's recipe
/// (`fastai`) and Surprise's SVD (`funk-svd`); every field can be overridden.
public struct Hyperparameters: Sendable, Codable, Equatable {
    public var preset: String
    public var factors: Int
    public var epochs: Int
    public var learningRate: Float
    /// Adam: decoupled weight decay. SGD: the L2 regularisation `reg`.
    public var weightDecay: Float
    public var batchSize: Int
    public var optimizer: OptimizerKind
    public var schedule: ScheduleKind
    public var initStd: Float
    /// Squash predictions with a sigmoid into `y_range` (fastai) or not (Surprise).
    public var sigmoid: Bool
    public var useBias: Bool
    /// SGD momentum, or Adam's β₁ with a constant schedule.
    public var momentum: Float
    public var beta2: Float
    public var epsilon: Float
    /// Visit every parameter row on every Adam step (PyTorch's exact update) instead of only the touched rows.
    public var denseAdam: Bool
    public var seed: UInt64
    public var validFraction: Double
    /// Categories instead of learned factors: each movie's factor row is fixed to its genres
    /// (a normalised genre indicator, one factor per genre, never trained); only the users'
    /// rows and the biases are learned. The `genres` preset.
    public var genreFactors = false
    /// Implicit feedback (SVD++, Koren 2008): each user is also the normalised sum of factors of
    /// the movies they are known to have seen (with `bayes`, each movie of the users who saw it
    /// too). With the `bayes` preset and per-rating SGD (`funk-svd`, `ImplicitSGD`).
    public var implicit = false
    /// Alternating least squares (`als`): the weight w₀ of the unobserved pairs, whose taste term
    /// is pulled toward 0 (Google's WALS; 0: observed ratings alone).
    public var unobservedWeight: Float = 0
    /// The `nn` preset (`CollabNN`): the hidden layers' widths (empty: a dot-product model), and
    /// the user and movie embedding sizes (nil: fastai's rule, `CollabNN.embeddingSize`).
    public var hiddenLayers: [Int] = []
    public var embeddingSizes: EmbeddingSizes?
    /// The SGD presets' gravity (Google's course): g · mean over every pair of (U[u]·M[m])²
    /// added to the loss, one full step of it an epoch (`Trainer+Gravity`). 0: none.
    public var gravity: Float = 0

    /// The book's recipe: `fit_one_cycle(5, 5e-3, wd=0.1)` on a 50-factor `DotProductBias` with `y_range=(0, 5.5)`.
    public static let fastai = Hyperparameters(
        preset: "fastai", factors: 50, epochs: 5, learningRate: 5e-3, weightDecay: 0.1, batchSize: 64,
        optimizer: .adam, schedule: .oneCycle, initStd: 0.01, sigmoid: true, useBias: true,
        momentum: 0.9, beta2: 0.99, epsilon: 1e-5, denseAdam: false, seed: 42, validFraction: 0.2)

    /// Surprise's `SVD()`: per-rating SGD, lr 0.005, reg 0.02, 100 factors, init std 0.1, 20 epochs, no sigmoid.
    public static let funkSVD = Hyperparameters(
        preset: "funk-svd", factors: 100, epochs: 20, learningRate: 0.005, weightDecay: 0.02, batchSize: 1,
        optimizer: .sgd, schedule: .constant, initStd: 0.1, sigmoid: false, useBias: true,
        momentum: 0, beta2: 0.99, epsilon: 1e-5, denseAdam: false, seed: 42, validFraction: 0.2)

    /// The book's recipe with hand-made factors: each movie's row is its genres, fixed. What
    /// categories alone can do, to compare with learned factors (factors: one per genre).
    public static let genres: Hyperparameters = {
        var h = fastai
        h.preset = "genres"
        h.genreFactors = true
        return h
    }()

    /// Bayesian matrix factorisation by Gibbs sampling (`BayesianMF`): 10 factors and init std
    /// 0.1 as myFM's defaults; epochs are sweeps. No learning rate or weight decay: the priors
    /// are sampled with the rest.
    public static let bayes = Hyperparameters(
        preset: "bayes", factors: 10, epochs: 200, learningRate: 1, weightDecay: 0, batchSize: 1,
        optimizer: .gibbs, schedule: .constant, initStd: 0.1, sigmoid: false, useBias: true,
        momentum: 0, beta2: 0.99, epsilon: 1e-5, denseAdam: false, seed: 42, validFraction: 0.2)

    /// Weighted alternating least squares (Google's recommendation course, Spark MLlib's ALS):
    /// each half-step solves every user's (then every movie's) row in closed form; λ (the weight
    /// decay field) is scaled by each row's rating count as Spark's regParam. No learning rate.
    public static let als: Hyperparameters = {
        var h = Hyperparameters(
            preset: "als", factors: 20, epochs: 10, learningRate: 1, weightDecay: 0.1, batchSize: 1,
            optimizer: .als, schedule: .constant, initStd: 0.1, sigmoid: false, useBias: true,
            momentum: 0, beta2: 0.99, epsilon: 1e-5, denseAdam: false, seed: 42, validFraction: 0.2)
        h.unobservedWeight = 0
        return h
    }()

    /// The book's neural network (`CollabNN`): embeddings by fastai's rule, one hidden layer of
    /// 100, `fit_one_cycle(5, 5e-3, wd=0.01)` with y_range (0, 5.5).
    public static let nn: Hyperparameters = {
        var h = fastai
        h.preset = "nn"
        h.weightDecay = 0.01
        h.hiddenLayers = [100]
        return h
    }()

    /// Whether the model is the neural network (`NeuralTrainer`) rather than a dot product.
    public var neural: Bool { !hiddenLayers.isEmpty }

    public static let presets = ["fastai": fastai, "funk-svd": funkSVD, "genres": genres, "bayes": bayes, "als": als, "nn": nn]

    /// The presets in the order `p` cycles through them.
    public static let presetOrder = ["fastai", "funk-svd", "genres", "bayes", "als", "nn"]

    /// Whether the model is sampled (`bayes`) rather than trained by gradient steps.
    public var sampled: Bool { optimizer == .gibbs }

    public static func preset(named name: String) -> Hyperparameters? { presets[name.lowercased()] }

    public func modelConfig(scale: RatingScale) -> ModelConfig {
        ModelConfig(factors: factors, yRange: sigmoid ? scale.yRange : nil, useBias: useBias, initStd: initStd)
    }

    public var scheduleValue: Schedule {
        Schedule(kind: schedule, maxLearningRate: learningRate,
                 moms: schedule == .constant ? (momentum, momentum, momentum) : (0.95, 0.85, 0.95))
    }

    public func makeOptimizer() -> Optimizer {
        switch optimizer {
        case .adam: return Adam(weightDecay: weightDecay, beta2: beta2, epsilon: epsilon, dense: denseAdam)
        case .sgd: return SGD(regularization: weightDecay)
        case .momentum: return SGD(regularization: weightDecay, momentum: true)
        case .gibbs, .als: return NoUpdate()
        }
    }

    enum CodingKeys: String, CodingKey {
        case preset, factors, epochs, learningRate, weightDecay, batchSize, optimizer, schedule, initStd, sigmoid, useBias
        case momentum, beta2, epsilon, denseAdam, seed, validFraction, genreFactors, implicit, unobservedWeight
        case hiddenLayers, embeddingSizes, gravity
    }

    /// Saved models from before `genreFactors` existed read as learned factors.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        preset = try c.decode(String.self, forKey: .preset)
        factors = try c.decode(Int.self, forKey: .factors)
        epochs = try c.decode(Int.self, forKey: .epochs)
        learningRate = try c.decode(Float.self, forKey: .learningRate)
        weightDecay = try c.decode(Float.self, forKey: .weightDecay)
        batchSize = try c.decode(Int.self, forKey: .batchSize)
        optimizer = try c.decode(OptimizerKind.self, forKey: .optimizer)
        schedule = try c.decode(ScheduleKind.self, forKey: .schedule)
        initStd = try c.decode(Float.self, forKey: .initStd)
        sigmoid = try c.decode(Bool.self, forKey: .sigmoid)
        useBias = try c.decode(Bool.self, forKey: .useBias)
        momentum = try c.decode(Float.self, forKey: .momentum)
        beta2 = try c.decode(Float.self, forKey: .beta2)
        epsilon = try c.decode(Float.self, forKey: .epsilon)
        denseAdam = try c.decode(Bool.self, forKey: .denseAdam)
        seed = try c.decode(UInt64.self, forKey: .seed)
        validFraction = try c.decode(Double.self, forKey: .validFraction)
        genreFactors = try c.decodeIfPresent(Bool.self, forKey: .genreFactors) ?? false
        implicit = try c.decodeIfPresent(Bool.self, forKey: .implicit) ?? false
        unobservedWeight = try c.decodeIfPresent(Float.self, forKey: .unobservedWeight) ?? 0
        hiddenLayers = try c.decodeIfPresent([Int].self, forKey: .hiddenLayers) ?? []
        embeddingSizes = try c.decodeIfPresent(EmbeddingSizes.self, forKey: .embeddingSizes)
        gravity = try c.decodeIfPresent(Float.self, forKey: .gravity) ?? 0
    }

    public init(preset: String, factors: Int, epochs: Int, learningRate: Float, weightDecay: Float, batchSize: Int,
                optimizer: OptimizerKind, schedule: ScheduleKind, initStd: Float, sigmoid: Bool, useBias: Bool,
                momentum: Float, beta2: Float, epsilon: Float, denseAdam: Bool, seed: UInt64, validFraction: Double,
                genreFactors: Bool = false) {
        self.preset = preset; self.factors = factors; self.epochs = epochs; self.learningRate = learningRate
        self.weightDecay = weightDecay; self.batchSize = batchSize; self.optimizer = optimizer; self.schedule = schedule
        self.initStd = initStd; self.sigmoid = sigmoid; self.useBias = useBias; self.momentum = momentum
        self.beta2 = beta2; self.epsilon = epsilon; self.denseAdam = denseAdam; self.seed = seed
        self.validFraction = validFraction; self.genreFactors = genreFactors
    }

    /// Problems a person can fix, in words.
    public func validate() throws {
        func fail(_ s: String) throws { throw TrainingError.invalid(s) }
        if factors < 1 || factors > 4096 { try fail("factors must be between 1 and 4096 (got \(factors))") }
        if epochs < 1 { try fail("epochs must be at least 1 (got \(epochs))") }
        if !(learningRate > 0) || !learningRate.isFinite { try fail("the learning rate must be positive (got \(learningRate))") }
        if !(weightDecay >= 0) { try fail("weight decay must be 0 or more (got \(weightDecay))") }
        if batchSize < 1 { try fail("the batch size must be at least 1 (got \(batchSize))") }
        if !(initStd >= 0) { try fail("the init std must be 0 or more (got \(initStd))") }
        if !(validFraction >= 0 && validFraction < 1) { try fail("the validation fraction must be in [0, 1) (got \(validFraction))") }
        if implicit && !sampled && !(optimizer == .sgd && batchSize == 1 && schedule == .constant && !genreFactors) {
            try fail("implicit feedback works with the bayes preset and with per-rating SGD (the funk-svd preset) for now")
        }
        if sampled && genreFactors { try fail("the genres preset's fixed factors cannot be sampled") }
        if !(unobservedWeight >= 0 && unobservedWeight <= 1) { try fail("the unobserved weight w₀ must be between 0 and 1 (got \(unobservedWeight))") }
        if unobservedWeight > 0 && optimizer != .als { try fail("the unobserved weight w₀ is alternating least squares' (--optimizer als, the als preset)") }
        if optimizer == .als && sigmoid { try fail("alternating least squares solves for the rating itself: it cannot go through a sigmoid (--no-sigmoid)") }
        if neural && (optimizer != .adam || genreFactors || implicit || sampled) {
            try fail("the neural network (the nn preset) trains with AdamW on learned embeddings: no \(optimizer != .adam ? "--optimizer \(optimizer.rawValue)" : genreFactors ? "genre factors" : "implicit feedback")")
        }
        if !(gravity >= 0 && gravity <= 1000) { try fail("gravity must be between 0 and 1,000 (got \(gravity))") }
        if gravity > 0 && !(optimizer == .sgd || optimizer == .momentum) {
            try fail("gravity is for the SGD presets (funk-svd, --optimizer sgd or momentum); least squares has the unobserved weight w₀ instead")
        }
        if neural && !sigmoid { try fail("the neural network ends in sigmoid_range, as the book's: it cannot go without (--no-sigmoid)") }
        if optimizer == .als && genreFactors { try fail("the genres preset's fixed factors are not solved for: alternating least squares needs both sides free") }
    }
}

/// The `nn` preset's embedding sizes, when not fastai's rule.
public struct EmbeddingSizes: Sendable, Codable, Equatable {
    public var user: Int
    public var item: Int
    public init(user: Int, item: Int) { self.user = user; self.item = item }
}

/// Why training could not go on.
public enum TrainingError: Error, Sendable, CustomStringConvertible, Equatable {
    case invalid(String)
    case diverged(step: Int, learningRate: Float)
    case noTrainingData

    public var description: String {
        switch self {
        case .invalid(let s): return s
        case .diverged(let step, let lr):
            return "training diverged at step \(step): the loss became NaN or infinite. Lower the learning rate (it was \(lr)) and reset."
        case .noTrainingData: return "there are no training ratings"
        }
    }
}
