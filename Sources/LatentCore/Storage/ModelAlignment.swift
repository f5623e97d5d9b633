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
