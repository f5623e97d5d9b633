/// Everything that can happen to the app: key presses turned into intentions, new
/// snapshots from the training queue, a resize.
public enum Action: Equatable, Sendable {
    case move(rows: Int, columns: Int)
    case pageRows(Int)
    case pageColumns(Int)
    case firstRow, lastRow
    case cycleOrder
    case toggleLogScale
    case toggleHelp
    /// Scroll the help overlay by this many lines.
    case scrollHelp(Int)
    case startFind, startGotoUser
    case type(Character)
    case backspace
    case choose(Int)
    case accept
    case cancel
    /// Run, pause, one step, one epoch: commands the engine applies to what is in force.
    case train(TrainingCommand)
    /// Step 1 again: fresh random parameters, with the same seed or the next one.
    case reset(newSeed: Bool)
    case faster, slower
    case resize(width: Int, height: Int)
    case click(x: Int, y: Int)
    case change(Setting)
    case tour(TourMove)
    /// Rate the selected column's movie (stars), add half a star to the last rating, clear, undo.
    case rate(Float)
    case halfStar
    case clearRating
    case undoRating
    case toggleScoring
    case toggleMinRatings
    case toggleView
    /// The runs table (`e`).
    case toggleRuns
    /// The one-hot product written out (`O`).
    case toggleProduct
    /// enter on the cross-tab: the selected movie's neighbours.
    case openMovie
    /// The next main view (`v`): cross-tab, movie map, neighbours, biases.
    case cycleView
    /// The map: the cursor to the nearest movie in a direction, select it, zoom, pan, other components.
    case mapMove(dx: Int, dy: Int)
    case mapSelect
    case mapZoom(in: Bool)
    case mapPan(dx: Int, dy: Int)
    case cycleAxes
    /// The neighbours view: highlight another neighbour, select it, cosine or distance.
    case neighbourMove(Int)
    case neighbourSelect
    case toggleMetric
    /// Embedding arithmetic: the selected movie added to (`a`) or taken from (`A`) the neighbours'
    /// query, or dropped from it when it is there already.
    case pinMovie(plus: Bool)
    /// Close the alert; `a` takes what it offers.
    case dismissAlert
    case acceptAlertOffer
    /// Save the session now (`W`).
    case save
    /// What the training queue has in force, as it reported it.
    case snapshot(TrainingSnapshot)
    /// A key that means nothing here (its name, for the status line).
    case unknownKey(String)
    case quit
}

extension Action {
    /// Whether the action trains, rebuilds or paces the model, or opens the tour (which does):
    /// what a model opened without its ratings cannot do.
    var needsRatings: Bool {
        switch self {
        case .train(let command): return command.trains
        case .reset, .change, .faster, .slower: return true
        case .tour(.toggle): return true
        default: return false
        }
    }
}

/// A training setting changed from the keyboard; each change starts the model again.
public enum Setting: Equatable, Sendable {
    case learningRate(up: Bool)
    case weightDecay
    case bias
    case factors
    case preset
    /// Implicit feedback on or off (the bayes preset).
    case implicit

    /// Settings of gradient training that a sampled model does not have (its biases are part of its priors).
    var onlyForGradients: Bool {
        switch self {
        case .learningRate, .weightDecay, .bias: return true
        case .factors, .preset, .implicit: return false
        }
    }
}

public enum TourMove: Equatable, Sendable {
    case toggle, next, back
}
