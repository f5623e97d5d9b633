extension Dataset {
    /// The data set of a model file alone: its users' and movies' ids, its catalogue and scale,
    /// and no ratings (`factorsOnly` says so). `source` keys the person's ratings file, so it
    /// names the model, not the data set it was trained on.
    public init(factorsOf contents: ModelFile.Contents, source: String, modelName: String) {
        let h = contents.header
        let empty = RatingsTable(users: [], items: [], values: [], userCount: h.users, itemCount: h.items, scale: h.scale)
        self.init(format: DatasetFormat(rawValue: h.format) ?? .generic, source: source, ratings: empty,
                  userIds: contents.userIds, itemIds: contents.itemIds, catalog: Catalog(h.movies), scale: h.scale)
        let unseen = Set(h.unseenItems)
        let known = contents.itemCounts.contains { $0 > 0 }
        let counts = contents.itemCounts.indices.map { m -> Int32 in
            unseen.contains(m) ? 0 : (known ? contents.itemCounts[m] : 1)
        }
        let offsets = contents.ratedOffsets
        let activity = (0..<h.users).map { u -> Int32 in
            u + 1 < offsets.count ? Int32(clamping: offsets[u + 1] - offsets[u]) : 0
        }
        factorsOnly = FactorsOnly(modelName: modelName, trainedOn: h.source, counts: counts, countsKnown: known, activity: activity,
                                  untrainedUsers: h.unseenUsers)
    }
}
