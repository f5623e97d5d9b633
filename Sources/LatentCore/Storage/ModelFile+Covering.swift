extension ModelFile.Contents {
    /// An imported model grown to cover a data set's users and movies. A trainer elsewhere only
    /// has rows for whoever had a training rating (Spark's ALS leaves out users and movies whose
    /// ratings all fell in its test split), so the data set it came from may have more. Those get
    /// zero rows, listed as untrained: predicted from what is known of the other side, never
    /// recommended, never on the map. Ids the data set lacks stay (the alignment refuses them).
    public func covering(_ dataset: Dataset) -> ModelFile.Contents {
        let k = header.config.factors
        let knownUsers = Set(userIds), knownItems = Set(itemIds)
        let newUsers = dataset.userIds.filter { !knownUsers.contains($0) }
        let newItems = dataset.itemIds.filter { !knownItems.contains($0) }
        guard !newUsers.isEmpty || !newItems.isEmpty else { return self }
        var out = self
        out.header.unseenUsers += (header.users..<header.users + newUsers.count)
        out.header.unseenItems += (header.items..<header.items + newItems.count)
        out.header.users += newUsers.count
        out.header.items += newItems.count
        out.userIds += newUsers
        out.userFactors += [Float](repeating: 0, count: newUsers.count * k)
        out.userBias += [Float](repeating: 0, count: newUsers.count)
        out.ratedOffsets += [Int64](repeating: ratedOffsets.last ?? 0, count: newUsers.count)
        out.itemIds += newItems
        out.itemFactors += [Float](repeating: 0, count: newItems.count * k)
        out.itemBias += [Float](repeating: 0, count: newItems.count)
        out.itemCounts += newItems.map { id in dataset.itemIndex(rawId: id).map { Int32(dataset.ratings.itemPopularity($0)) } ?? 0 }
        out.header.movies += newItems.map { id in dataset.catalog.movie(rawId: id) ?? Movie(rawId: id, title: "Movie \(id)") }
        // A session's optimizer tables would no longer fit: an import has none.
        out.optimizerState = []
        return out
    }
}
