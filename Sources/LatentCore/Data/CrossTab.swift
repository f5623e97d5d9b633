/// The dense window onto the sparse matrix that the book prints: some users as rows,
/// some movies as columns, each cell a known rating or empty.
public struct CrossTab: Sendable {
    public enum Order: String, Sendable, CaseIterable {
        /// Most active users and most rated movies first (the book's view).
        case activity
        /// By id as in the files.
        case id
    }

    /// User indices in display order (all users, so a window can page through them).
    public let rowOrder: [Int32]
    /// Movie indices in display order.
    public let columnOrder: [Int32]

    public init(ratings: RatingsTable, userIds: [Int64], itemIds: [Int64], order: Order = .activity) {
        switch order {
        case .activity:
            rowOrder = Self.sorted(count: ratings.userCount) { ratings.userActivity($0) } tie: { userIds[$0] }
            columnOrder = Self.sorted(count: ratings.itemCount) { ratings.itemPopularity($0) } tie: { itemIds[$0] }
        case .id:
            rowOrder = (0..<Int32(ratings.userCount)).sorted { userIds[Int($0)] < userIds[Int($1)] }
            columnOrder = (0..<Int32(ratings.itemCount)).sorted { itemIds[Int($0)] < itemIds[Int($1)] }
        }
    }

    /// Most active users and most rated movies first, from counts given (a model's, when its
    /// ratings are not loaded); ties by raw id.
    public init(activity: [Int32], counts: [Int32], userIds: [Int64], itemIds: [Int64]) {
        rowOrder = Self.sorted(count: min(activity.count, userIds.count)) { Int(activity[$0]) } tie: { userIds[$0] }
        columnOrder = Self.sorted(count: min(counts.count, itemIds.count)) { Int(counts[$0]) } tie: { itemIds[$0] }
    }

    public init(rowOrder: [Int32], columnOrder: [Int32]) {
        self.rowOrder = rowOrder; self.columnOrder = columnOrder
    }

    /// Descending by `key`, ties broken by ascending raw id so the order is stable across runs.
    private static func sorted(count: Int, key: (Int) -> Int, tie: (Int) -> Int64) -> [Int32] {
        (0..<Int32(count)).sorted {
            let a = key(Int($0)), b = key(Int($1))
            return a != b ? a > b : tie(Int($0)) < tie(Int($1))
        }
    }

    /// A window of `rows` × `columns` starting at display positions (`top`, `left`).
    public func window(top: Int = 0, left: Int = 0, rows: Int = 15, columns: Int = 15) -> (users: [Int32], items: [Int32]) {
        func slice(_ order: [Int32], _ start: Int, _ n: Int) -> [Int32] {
            let s = max(0, min(start, order.count)), e = max(s, min(order.count, s + n))
            return Array(order[s..<e])
        }
        return (slice(rowOrder, top, rows), slice(columnOrder, left, columns))
    }

    /// The window's cells from the table: `cells[row][column]` is the rating or nil.
    public func cells(of table: RatingsTable, top: Int = 0, left: Int = 0, rows: Int = 15, columns: Int = 15) -> [[Float?]] {
        let (users, items) = window(top: top, left: left, rows: rows, columns: columns)
        return users.map { u in items.map { m in table.rating(user: Int(u), item: Int(m)) } }
    }
}
