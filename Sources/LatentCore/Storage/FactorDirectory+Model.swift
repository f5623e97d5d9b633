import Foundation

extension FactorDirectory {
    /// How many of the directory's users and movies the data set has (matched by id).
    public struct Overlap: Sendable, Equatable {
        public var users: Int, movies: Int
        public var directoryUsers: Int, directoryMovies: Int

        /// Why the join is refused: no id in common on a side, so the data set is not the one
        /// the factors were trained on.
        public var refusal: String? {
            guard users == 0 || movies == 0 else { return nil }
            return "none of the factor directory's \(users == 0 ? "\(directoryUsers.grouped) user ids" : "\(directoryMovies.grouped) movie ids") is in the data set; "
                + "it was trained on other data. Give the data set it was trained on, or leave out --data"
        }

        /// A warning when at most half of a side is found.
        public var note: String? {
            guard refusal == nil, users * 2 <= directoryUsers || movies * 2 <= directoryMovies else { return nil }
            return "only \(users.grouped) of the directory's \(directoryUsers.grouped) users and \(movies.grouped) of its \(directoryMovies.grouped) movies are in the data set: "
                + "the others get no ratings or counts. Is it the data set the factors were trained on?"
        }
    }

    public static func overlap(_ factors: Contents, with dataset: Dataset) -> Overlap {
        let users = Set(dataset.userIds)
        return Overlap(users: factors.users.ids.reduce(0) { $0 + (users.contains($1) ? 1 : 0) },
                       movies: factors.movies.ids.reduce(0) { $0 + (dataset.itemIndex(rawId: $1) == nil ? 0 : 1) },
                       directoryUsers: factors.users.ids.count, directoryMovies: factors.movies.ids.count)
    }

    /// A LatentLab model from a factor directory. With the data set it was trained on (`dataset`),
    /// each movie's count of ratings and each user's rated movies come along (what `recommend`
    /// leaves out), and titles the directory does not give come from its catalogue.
    public static func model(_ factors: Contents, dataset: Dataset?, source: String) -> ModelFile.Contents {
        let m = factors.manifest, k = m.factors
        var hyper: Hyperparameters = m.kind == .dotBiasSigmoid ? .fastai : .funkSVD
        hyper.factors = k
        hyper.useBias = m.kind.hasBias
        hyper.sigmoid = m.kind == .dotBiasSigmoid
        let yRange = m.yRange.flatMap { $0.count == 2 ? $0[0]...$0[1] : nil }
        let config = ModelConfig(factors: k, yRange: m.kind == .dotBiasSigmoid ? yRange : nil, useBias: m.kind.hasBias, initStd: hyper.initStd)
        let users = factors.users, movies = factors.movies
        let catalogue = (0..<movies.ids.count).map { i -> Movie in
            if let title = movies.titles[i] { return Movie(rawId: movies.ids[i], title: title, genres: movies.genres[i]) }
            return dataset?.catalog.movie(rawId: movies.ids[i]) ?? Movie(rawId: movies.ids[i], title: "Movie \(movies.ids[i])")
        }
        // Joined with the data set through the files' ids.
        var counts = [Int32](repeating: 0, count: movies.ids.count)
        var offsets = [Int64](repeating: 0, count: users.ids.count + 1)
        var rated: [Int32] = []
        if let dataset {
            var movieIndex: [Int64: Int32] = [:]
            for (i, id) in movies.ids.enumerated() { movieIndex[id] = Int32(i) }
            let table = dataset.ratings
            var userIndex: [Int64: Int] = [:]
            for (u, id) in dataset.userIds.enumerated() { userIndex[id] = u }
            for (i, id) in movies.ids.enumerated() {
                if let d = dataset.itemIndex(rawId: id) { counts[i] = Int32(table.itemPopularity(d)) }
            }
            for (u, id) in users.ids.enumerated() {
                if let d = userIndex[id] {
                    var mine: [Int32] = []
                    for r in table.ratings(ofUser: d) {
                        if let i = movieIndex[dataset.itemIds[Int(table.items[Int(r)])]] { mine.append(i) }
                    }
                    rated += mine.sorted()
                }
                offsets[u + 1] = Int64(rated.count)
            }
        }
        // The sigmoid's model adds no mean; its mean rating is only the reference its biases are read from.
        let midpoint = yRange.map { m.scale.clip(($0.lowerBound + $0.upperBound) / 2) } ?? (m.scale.min + m.scale.max) / 2
        let mean = m.kind == .dotBiasSigmoid ? (m.meanRating ?? dataset?.ratings.mean ?? midpoint) : (m.intercept ?? 0)
        let header = ModelFile.Header(hyperparameters: hyper, config: config, scale: m.scale, globalMean: mean,
                                      format: "imported", source: "\(source) (\(m.source.tool))", steps: 0, history: [],
                                      users: users.ids.count, items: movies.ids.count, movies: catalogue, session: nil)
        var withRule = header
        if let lambda = m.lambda {
            withRule.foldIn = m.regularization == "als-wr" ? .alsWR(lambda) : .ridge(lambda)
        }
        return ModelFile.Contents(header: withRule, userIds: users.ids, itemIds: movies.ids, itemCounts: counts,
                                  ratedOffsets: offsets, ratedItems: rated, userFactors: users.factors, itemFactors: movies.factors,
                                  userBias: users.bias, itemBias: movies.bias)
    }
}
