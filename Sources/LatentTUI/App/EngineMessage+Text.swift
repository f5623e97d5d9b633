import LatentCore

/// The engine's messages in words: the only place they are written.
extension EngineMessage {
    public var text: String {
        switch self {
        case .needsRatings: return FactorsOnly.needsRatings
        case .cannotTrainCell(.notRatedByYou): return "x trains on a rating: you have not rated this movie (1–5 rates it)."
        case .cannotTrainCell(.emptyCell): return "x trains on a known rating: this cell is empty (a prediction only); pick a bold cell."
        case .cannotTrainCell(.heldOut): return "x trains on a training rating: this one is held out for validation, never trained on."
        case .reset(let seed, true): return "Step 1 again: same seed \(seed), so the same draw as before. R draws with a new seed."
        case .reset(let seed, false): return "Step 1: fresh random parameters, seed \(seed); nothing trained yet."
        case .settingChanged(let label): return "\(label): the model starts again from random parameters."
        case .sessionSaved: return "Session saved: quit and come back to this model."
        case .nothingToSave(.factorsOnly): return "Nothing to save: a model opened on its factors alone does not train; your ratings are saved as you rate."
        case .nothingToSave(.noSessionHere): return "Sessions are not saved here."
        case .nothingToSave(.untrained): return "Nothing trained yet: nothing to save."
        case .nothingToSave(.network): return "The nn preset's network is not saved yet (the other presets' sessions are); your ratings are saved as you rate."
        case .cycleComplete(let epochs, let schedule):
            return "\(epochs) epoch\(epochs == 1 ? "" : "s") done: the \(schedule) schedule is complete. Space trains another cycle, i resets."
        case .sweepsComplete(let n):
            return "\(n) sweeps done: the predictions are the average of the samples since the burn-in. Space samples \(n) more (the average goes on), i starts over."
        case .moreSweeps(let n):
            return "The \(n) sweeps were done, so sampling goes on for \(n) more: the chain continues and the average keeps every sample since the burn-in. i starts over instead."
        case .newCycle(let cycle, let epochs, true, let start, let peak):
            return "The \(epochs)-epoch cycle was complete, so training goes on in cycle \(cycle): the learning rate warms up again from \(formatNumber(start)) to \(formatNumber(peak)) (fastai: fit_one_cycle called again). i starts over instead."
        case .newCycle(let cycle, let epochs, false, _, let peak):
            return "The \(epochs)-epoch cycle was complete, so training goes on in cycle \(cycle), at the same learning rate \(formatNumber(peak)). i starts over instead."
        case .epochDone(let n): return "Epoch \(n) done."
        case .sweepDone(let n): return "Sweep \(n) done: hyperparameters, users, movies drawn once more."
        case .cycleRise(let cycle, let lr):
            return "Validation rose in cycle \(cycle): the schedule warms the learning rate up again to \(formatNumber(lr)) and shakes the model out of where cycle \(cycle - 1) settled."
        case .failure(let words): return words
        }
    }
}
