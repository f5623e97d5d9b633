import LatentCore

/// What the screen asks of the training queue. The UI sends these and never waits. Every
/// value is absolute (set the learning rate to X, never "double it"): the screen does not
/// compute the next value from a snapshot that may already be out of date.
public enum TrainingCommand: Sendable, Equatable {
    case run
    case pause
    /// Run if paused, pause if running (the engine knows which is in force).
    case toggleRun
    /// Exactly one mini-batch.
    case step
    /// One mini-batch that contains the selected cell's rating (`x`), so the cell visibly moves.
    case stepCell
    /// To the end of the current epoch (or a whole one when the last ended).
    case stepEpoch
    /// Step 1 again: fresh random parameters drawn with this seed (step 0, empty loss curve).
    case reset(seed: UInt64)
    case setSpeed(Speed)
    /// New hyperparameters: the model is initialised again, and the change is marked on the curve.
    case setHyperparameters(Hyperparameters, reason: SettingChange)
    case setViewport(Viewport)
    /// Rank every movie by this user's predicted rating (nil: stop).
    case rank(user: Int32?)
    /// The person's ratings as they stand (movie index → rating): folded in at once, trained from the next epoch.
    case setPersonRatings([PersonRating])
    case setRecommendationOptions(scoring: Recommender.Scoring, minRatings: Int, sureBets: Bool)
    /// What the interpretation views need (the view shown, the focus movie, the users on the map).
    case setInsight(InsightRequest)
    /// Save the session now.
    case save
    /// Save the session and stop.
    case shutdown
}

extension TrainingCommand {
    /// Whether the command trains or rebuilds the model (what a model without its ratings cannot do).
    public var trains: Bool {
        switch self {
        case .run, .toggleRun, .step, .stepCell, .stepEpoch, .reset, .setHyperparameters: return true
        case .pause, .setSpeed, .setViewport, .rank, .setPersonRatings, .setRecommendationOptions, .setInsight, .save, .shutdown: return false
        }
    }
}

/// A setting changed from the keyboard, with its new value (the label of a run and of its marker).
public enum SettingChange: Sendable, Equatable {
    case learningRate(Float)
    case weightDecay(Float)
    case bias(Bool)
    case factors(Int)
    case preset(String)
    case implicit(Bool)
    /// Least squares' weight w₀ on the unrated pairs.
    case unobservedWeight(Float)

    public var label: String {
        switch self {
        case .learningRate(let lr): return "learning rate \(formatNumber(lr))"
        case .weightDecay(let wd): return "weight decay \(formatNumber(wd))"
        case .bias(let on): return on ? "biases on" : "biases off"
        case .factors(let k): return "\(k) factors"
        case .preset(let p): return "preset \(p)"
        case .implicit(let on): return on ? "implicit feedback on" : "implicit feedback off"
        case .unobservedWeight(let w0): return "unobserved weight w₀ \(formatNumber(w0))"
        }
    }
}

/// Why the engine built a new model: the first label of the loss curve and of the runs table.
public enum RebuildReason: Sendable, Equatable {
    /// The explorer opened on fresh random parameters.
    case start
    /// The explorer opened a model file (`explore --model`).
    case opened(String)
    /// `i`/`r`/`R`: step 1 again, with the same seed or a new one.
    case reset(seed: UInt64, sameSeed: Bool)
    case setting(SettingChange)

    public var label: String {
        switch self {
        case .start: return "start"
        case .opened(let name): return "opened \(name)"
        case .reset(let seed, _): return "fresh parameters (seed \(seed))"
        case .setting(let change): return change.label
        }
    }

    /// Whether the run before stays on the chart to compare with (a change of settings; not a plain reset).
    var keepsPreviousCurve: Bool {
        if case .setting = self { return true }
        return false
    }
}

/// One of the person's ratings.
public struct PersonRating: Sendable, Equatable {
    public var item: Int32
    public var rating: Float
    public init(item: Int32, rating: Float) { self.item = item; self.rating = rating }
}

/// A number as a person would write it: 0.01, 5e-05, 0.1.
func formatNumber(_ v: Float) -> String {
    if v == 0 { return "0" }
    if abs(v) >= 1e-3 && abs(v) < 1e4 { return String(format: "%g", v) }
    return String(format: "%.1e", v)
}
