/// What the engine tells the person, as a value: the engine decides which, the screen says it
/// (`EngineMessage.text`, the one place these become words).
public enum EngineMessage: Sendable, Equatable {
    /// A training command on a model opened on its factors alone.
    case needsRatings
    /// `x` on a cell that has no training rating.
    case cannotTrainCell(CellRefusal)
    /// `i`/`R`: fresh random parameters (the same seed draws the same numbers).
    case reset(seed: UInt64, sameSeed: Bool)
    /// A setting changed: the model starts again.
    case settingChanged(label: String)
    case sessionSaved
    case nothingToSave(NothingToSave)
    /// The schedule's cycle is complete.
    case cycleComplete(epochs: Int, schedule: String)
    /// A sampled model's planned sweeps are done; and sampling went on past them.
    case sweepsComplete(sweeps: Int)
    /// The sweep `S` asked for is done.
    case sweepDone(Int)
    case moreSweeps(sweeps: Int)
    /// The cycle was complete, so training goes on in a new one (fastai: `fit_one_cycle` again).
    case newCycle(cycle: Int, epochs: Int, oneCycle: Bool, startRate: Float, peakRate: Float)
    /// The epoch `S` asked for is done.
    case epochDone(Int)
    /// Validation rose in a second (or later) cycle: why.
    case cycleRise(cycle: Int, learningRate: Float)
    /// A failure in words already (a divergence, a save that failed, a rebuild refused).
    case failure(String)

    /// Why `x` cannot train on the selected cell.
    public enum CellRefusal: Sendable, Equatable {
        case notRatedByYou, emptyCell, heldOut
    }

    /// Why `W` saved nothing.
    public enum NothingToSave: Sendable, Equatable {
        case factorsOnly, noSessionHere, untrained
        /// The nn preset: its network is not written to a model file yet.
        case network
    }
}
