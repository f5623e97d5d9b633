import ArgumentParser
import LatentCore

/// Every hyperparameter as a flag; unset flags keep the preset's value.
struct TrainingOptions: ParsableArguments {
    @Option(name: .long, help: "fastai (the book's recipe) or funk-svd (Surprise's SVD).")
    var preset: String = "fastai"
    @Option(name: .long, help: "Number of latent factors.") var factors: Int?
    @Option(name: .long, help: "Number of epochs.") var epochs: Int?
    @Option(name: [.customLong("lr"), .long], help: "Learning rate (the peak of the one-cycle schedule).") var learningRate: Float?
    @Option(name: [.customLong("wd"), .long], help: "Weight decay (Adam) or L2 regularisation (SGD).") var weightDecay: Float?
    @Option(name: [.customLong("bs"), .customLong("batch-size")], help: "Mini-batch size.") var batchSize: Int?
    @Option(name: .long, help: "adam, sgd or momentum.") var optimizer: String?
    @Option(name: .long, help: "one-cycle or constant.") var schedule: String?
    @Option(name: .long, help: "Standard deviation of the random initialisation.") var initStd: Float?
    @Option(name: .long, help: "SGD momentum (or Adam's beta1 with a constant schedule).") var momentum: Float?
    @Option(name: .long, help: "Squash predictions with a sigmoid into y_range: true or false.") var sigmoid: Bool?
    @Option(name: .long, help: "Use user and movie biases: true or false.") var bias: Bool?
    @Flag(name: .long, help: "Update every Adam moment on every step (exact PyTorch Adam; slow on big data).") var denseAdam = false
    @Option(name: .long, help: "Random seed (initialisation, split and shuffling).") var seed: UInt64?
    @Option(name: .long, help: "Fraction of ratings held out for validation (fastai's valid_pct).") var validPct: Double?

    func hyperparameters() throws -> Hyperparameters {
        guard var h = Hyperparameters.preset(named: preset) else {
            throw ValidationError("Unknown preset '\(preset)'; choose fastai or funk-svd.")
        }
        if let factors { h.factors = factors }
        if let epochs { h.epochs = epochs }
        if let learningRate { h.learningRate = learningRate }
        if let weightDecay { h.weightDecay = weightDecay }
        if let batchSize { h.batchSize = batchSize }
        if let optimizer {
            guard let o = OptimizerKind(rawValue: optimizer) else { throw ValidationError("Unknown optimizer '\(optimizer)'; choose adam, sgd or momentum.") }
            h.optimizer = o
        }
        if let schedule {
            guard let s = ScheduleKind(rawValue: schedule) else { throw ValidationError("Unknown schedule '\(schedule)'; choose one-cycle or constant.") }
            h.schedule = s
        }
        if let initStd { h.initStd = initStd }
        if let momentum { h.momentum = momentum }
        if let sigmoid { h.sigmoid = sigmoid }
        if let bias { h.useBias = bias }
        if denseAdam { h.denseAdam = true }
        if let seed { h.seed = seed }
        if let validPct { h.validFraction = validPct }
        do { try h.validate() } catch { throw ValidationError(String(describing: error)) }
        return h
    }
}
