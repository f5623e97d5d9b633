import Foundation

/// Taking training up again: a saved model or session loaded into the trainer, where it stopped,
/// and the optimizer state a session saves.
extension Trainer {
    /// Takes up training where a saved session stopped. A session saved mid-epoch goes on
    /// with the rest of that epoch drawn from a fresh order (the step, epoch and cycle counters
    /// are exact; the visiting order of that one epoch is not the one it would have had).
    public func restore(_ p: TrainingProgress) {
        step = max(0, p.step)
        cycle = max(1, p.cycle)
        cycleStartEpoch = max(0, p.cycleStartEpoch)
        let completed = max(0, p.completedEpochs)
        if p.epochFraction > 0 && p.epochFraction < 1 {
            epochIndex = completed
            startEpoch()
            cursor = min(epochSize, Int(p.epochFraction * Double(epochSize)))
        } else if completed > 0 {
            epochIndex = completed - 1
            cursor = epochSize
        }
        epochLossSum = 0
        epochLossCount = 0
    }

    // MARK: Saved state

    /// The optimizer's state tables (moments, velocities), for a saved session.
    public var optimizerState: [(table: Embedding, side: ParameterSide)] { optimizer.stateTables }
}

extension Trainer {
    /// Loads a saved model's parameters (and a session's optimizer state) into this trainer,
    /// whose model has the data set's rows (and possibly more, such as the explorer's person).
    public func load(_ contents: ModelFile.Contents, _ alignment: ModelAlignment) throws {
        let h = contents.header
        guard h.config == model.config else {
            throw TrainingError.invalid("the saved model has \(h.config.factors) factors, y_range \(h.config.yRange.map { "\($0)" } ?? "none") and biases \(h.config.useBias ? "on" : "off"); the trainer was set up for \(model.config.factors), \(model.config.yRange.map { "\($0)" } ?? "none"), \(model.config.useBias ? "on" : "off")")
        }
        let k = h.config.factors
        model.userFactors.load(flat: contents.userFactors, sourceDim: k, rowMap: alignment.userRows)
        model.itemFactors.load(flat: contents.itemFactors, sourceDim: k, rowMap: alignment.itemRows)
        model.userBias.load(flat: contents.userBias, sourceDim: 1, rowMap: alignment.userRows)
        model.itemBias.load(flat: contents.itemBias, sourceDim: 1, rowMap: alignment.itemRows)
        model.globalMean = h.globalMean
        let tables = optimizerState
        let saved = h.session?.optimizerTables ?? []
        if saved.count == tables.count && saved.count == contents.optimizerState.count && saved == tables.map(\.side) {
            for (i, (table, side)) in tables.enumerated() {
                let rows = side == .user ? alignment.userRows : alignment.itemRows
                let values = contents.optimizerState[i]
                guard !rows.isEmpty, values.count % rows.count == 0 else { continue }
                table.load(flat: values, sourceDim: values.count / rows.count, rowMap: rows)
            }
        }
        if let progress = h.session?.progress {
            restore(progress)
        } else {
            // A model from `train --save`: its epochs count as one finished cycle.
            restore(TrainingProgress(step: h.steps, completedEpochs: h.history.count, epochFraction: 0, cycle: 1, cycleStartEpoch: 0))
        }
        restartSampler()
    }
}
