import LatentCore

extension Reducer {
    /// The training keys: run, step, reset, speed, the settings (as absolute values), saving.
    /// Returns false for an action of another context.
    static func training(_ action: Action, _ s: inout AppState, _ c: AppContext, _ commands: inout [TrainingCommand]) -> Bool {
        switch action {
        case .train(let command):
            commands.append(command)
        case .reset(let newSeed):
            if newSeed { s.settings.seed &+= 1 }
            commands.append(.reset(seed: s.settings.seed))
        case .faster:
            s.speed = s.speed.faster
            commands.append(.setSpeed(s.speed))
            s.status = "Speed: \(s.speed.label)"
        case .slower:
            s.speed = s.speed.slower
            commands.append(.setSpeed(s.speed))
            s.status = "Speed: \(s.speed.label)"
        case .change(let setting) where s.settings.sampled && setting.onlyForGradients:
            s.status = "Gibbs sampling has no learning rate or weight decay (the priors are sampled with the rest), and keeps its biases: f, I and p change it"
        case .change(.bias) where s.settings.neural, .change(.factors) where s.settings.neural:
            s.status = "The neural network has no biases, and its embedding sizes follow fastai's rule (latentlab explore --preset nn --embedding-sizes U,M sets them): + - w and p change it"
        case .change(.learningRate) where s.settings.optimizer == .als:
            s.status = "Alternating least squares has no learning rate: each row is solved exactly (w sets the unobserved weight w₀, f the factors, p the preset)"
        case .change(.implicit) where !s.settings.sampled:
            s.status = "Implicit feedback works with the bayes preset for now (p until it shows bayes)"
        case .change(let setting):
            if let (h, change) = changed(s.settings, setting) {
                s.settings = h
                commands.append(.setHyperparameters(h, reason: change))
                s.status = "\(change.label): the model starts again from random parameters"
                if s.sureBets && !h.sampled {
                    // Sure bets need a posterior: back to the predicted rating.
                    s.sureBets = false
                    commands.append(.setRecommendationOptions(scoring: s.scoring, minRatings: s.minRatings, sureBets: false))
                }
            }
        case .save:
            commands.append(.save)
        default: return false
        }
        return true
    }

    /// The unobserved weight `w` turns on for least squares (0.1: the top 10 of MovieLens 100k
    /// doubles its precision over w₀ = 0, and a niche movie's neighbours stop folding in; docs/training.md).
    static let unobservedWeightOn: Float = 0.1

    /// The factor counts `f` cycles through.
    static let factorSteps = [5, 10, 20, 50, 100, 200]

    /// New settings for a setting key, from the settings asked for so far, and what changed.
    static func changed(_ old: Hyperparameters, _ setting: Setting) -> (Hyperparameters, SettingChange)? {
        var h = old
        switch setting {
        case .learningRate(let up):
            h.learningRate = up ? old.learningRate * 2 : old.learningRate / 2
            guard h.learningRate.isFinite, h.learningRate > 0 else { return nil }
            return (h, .learningRate(h.learningRate))
        case .weightDecay where old.optimizer == .als:
            // Least squares needs its λ (a row with fewer ratings than unknowns has no single
            // solution without it): `w` is the course's other weight, w₀ on the unrated pairs.
            h.unobservedWeight = old.unobservedWeight > 0 ? 0 : Self.unobservedWeightOn
            return (h, .unobservedWeight(h.unobservedWeight))
        case .weightDecay:
            let standard = Hyperparameters.preset(named: old.preset)?.weightDecay ?? 0.1
            h.weightDecay = old.weightDecay > 0 ? 0 : (standard > 0 ? standard : 0.1)
            return (h, .weightDecay(h.weightDecay))
        case .bias:
            h.useBias.toggle()
            return (h, .bias(h.useBias))
        case .factors:
            h.factors = factorSteps.first { $0 > old.factors } ?? factorSteps[0]
            return (h, .factors(h.factors))
        case .implicit:
            guard old.sampled else { return nil }
            h.implicit.toggle()
            return (h, .implicit(h.implicit))
        case .preset:
            let order = Hyperparameters.presetOrder
            let next = order[((order.firstIndex(of: old.preset) ?? -1) + 1) % order.count]
            guard let other = Hyperparameters.preset(named: next) else { return nil }
            h = other
            h.seed = old.seed
            h.denseAdam = old.denseAdam
            h.validFraction = old.validFraction
            return (h, .preset(h.preset))
        }
    }
}
