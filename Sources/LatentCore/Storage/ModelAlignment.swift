import Foundation

/// How a saved model's rows line up with a loaded data set's, matched by the ids in the files
/// (so a model opens whatever order the loader gave the rows). A model trained on other data
/// is refused with what differs.
public struct ModelAlignment: Sendable {
    /// For each saved user row, the data set's user index; the same for movies.
    public let userRows: [Int]
    public let itemRows: [Int]

    public init(_ contents: ModelFile.Contents, dataset: Dataset, file: String) throws {
        let name = URL(fileURLWithPath: file).lastPathComponent
        let h = contents.header
        func refuse(_ what: String) -> DataError {
            DataError(file: name, "was trained on other data (\(h.source): \(h.users.grouped) users, \(h.items.grouped) movies); "
                      + "\(what). Open it with the data it was trained on: --data PATH")
        }
        guard h.users == dataset.userCount, h.items == dataset.itemCount else {
            throw refuse("this data set (\(dataset.source)) has \(dataset.userCount.grouped) users and \(dataset.itemCount.grouped) movies")
        }
        guard h.scale == dataset.scale else {
            throw refuse("its rating scale is \(formatRating(h.scale.min))–\(formatRating(h.scale.max)), this data set's \(formatRating(dataset.scale.min))–\(formatRating(dataset.scale.max))")
        }
        var users: [Int64: Int] = [:]
        users.reserveCapacity(dataset.userCount)
        for (i, raw) in dataset.userIds.enumerated() { users[raw] = i }
        var userRows: [Int] = []
        userRows.reserveCapacity(h.users)
        for raw in contents.userIds {
            guard let u = users[raw] else { throw refuse("its user \(raw) is not in this data set") }
            userRows.append(u)
        }
        var itemRows: [Int] = []
        itemRows.reserveCapacity(h.items)
        for raw in contents.itemIds {
            guard let m = dataset.itemIndex(rawId: raw) else { throw refuse("its movie \(raw) is not in this data set") }
            itemRows.append(m)
        }
        guard Set(userRows).count == userRows.count, Set(itemRows).count == itemRows.count else {
            throw DataError(file: name, "is damaged (a user or movie id appears twice)")
        }
        self.userRows = userRows
        self.itemRows = itemRows
    }
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
    }
}
