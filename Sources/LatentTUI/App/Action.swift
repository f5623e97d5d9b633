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
    case startFind, startGotoUser
    case type(Character)
    case backspace
    case choose(Int)
    case accept
    case cancel
    case train(TrainingCommand)
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
    case quit
}

/// A training setting changed from the keyboard; each change starts the model again.
public enum Setting: Equatable, Sendable {
    case learningRate(up: Bool)
    case weightDecay
    case bias
    case factors
    case preset
}

public enum TourMove: Equatable, Sendable {
    case toggle, next, back
}
