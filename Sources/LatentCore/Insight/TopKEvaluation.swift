import Foundation

/// How good each user's top k is on the held-out ratings (issue 24): the queries (users with a
/// held-out rating of at least `relevantAtLeast`, their relevant movies, and the movies they rated
/// in training, which are never recommended), then any recommender's lists scored with
/// `RankingMetrics`, plus what the lists cover:
///
/// - coverage: the share of the catalogue (every movie in the data set) that appears in at least
///   one user's top k;
/// - popular share: the share of all recommended slots taken by the 1% most-rated movies (by
///   training ratings, at least one movie). A popularity list scores near 1.
///
/// Every movie a user did not rate in training is a candidate, held-out or not, as in Spark's and
/// Surprise's top-k evaluations.
public struct TopKEvaluation: Sendable {
    public struct Query: Sendable {
        public var user: Int
        /// The movies the user rated in training (excluded from their list).
        public var seen: Set<Int>
        public var relevant: Set<Int>
    }

    public struct Report: Sendable, Equatable {
        public var k: Int
        public var scores: RankingMetrics.Scores
        public var coverage: Double
        public var popularShare: Double
    }

    public let queries: [Query]
    public let k: Int
    public let relevantAtLeast: Float
    /// Training ratings per movie.
    public let trainCounts: [Int32]
    /// Users with a relevant held-out movie in all (`queries` may be a seeded sample of them).
    public let eligibleUsers: Int
    let popular: Set<Int>

    /// The default relevance threshold for a scale: 4 on a five-star one (80% of its top).
    public static func relevanceThreshold(_ scale: RatingScale) -> Float { scale.max * 0.8 }

    /// At most `maxUsers` users are queried (an evenly spread, seeded sample when there are more):
    /// ranking every movie for 138,000 users of MovieLens 20M would take longer than the training.
    public init(table: RatingsTable, split: Split, k: Int = 10, relevantAtLeast: Float, maxUsers: Int = 5000, seed: UInt64 = 42) {
        var users: [[(item: Int, value: Float, heldOut: Bool)]] = Array(repeating: [], count: table.userCount)
        for u in 0..<table.userCount {
            for i in table.ratings(ofUser: u) {
                users[u].append((Int(table.items[Int(i)]), table.values[Int(i)], split.holdsOut(Int(i))))
            }
        }
        self.init(users: users, items: table.itemCount, k: k, relevantAtLeast: relevantAtLeast, maxUsers: maxUsers, seed: seed)
    }

    /// From a trainer's ratings: those it trains on (the person's included) and its held-out ones.
    public init(trainer: Trainer, k: Int = 10, relevantAtLeast: Float, maxUsers: Int = 5000, seed: UInt64 = 42) {
        var users: [[(item: Int, value: Float, heldOut: Bool)]] = Array(repeating: [], count: trainer.model.userCount)
        for r in trainer.epochRatings where Int(r.user) < users.count { users[Int(r.user)].append((Int(r.item), r.value, false)) }
        let valid = trainer.data.valid
        for i in 0..<valid.count where Int(valid[i].user) < users.count {
            users[Int(valid[i].user)].append((Int(valid[i].item), valid[i].value, true))
        }
        self.init(users: users, items: trainer.model.itemCount, k: k, relevantAtLeast: relevantAtLeast, maxUsers: maxUsers, seed: seed)
    }

    init(users: [[(item: Int, value: Float, heldOut: Bool)]], items: Int, k: Int, relevantAtLeast: Float, maxUsers: Int, seed: UInt64) {
        self.k = max(1, k)
        self.relevantAtLeast = relevantAtLeast
        var counts = [Int32](repeating: 0, count: items)
        var queries: [Query] = []
        for (u, ratings) in users.enumerated() {
            var seen = Set<Int>(), relevant = Set<Int>()
            for r in ratings where r.item >= 0 && r.item < items {
                if r.heldOut {
                    if r.value >= relevantAtLeast { relevant.insert(r.item) }
                } else {
                    seen.insert(r.item)
                    counts[r.item] += 1
                }
            }
            if !relevant.isEmpty { queries.append(Query(user: u, seen: seen, relevant: relevant)) }
        }
        eligibleUsers = queries.count
        if queries.count > maxUsers, maxUsers > 0 {
            var rng = SeededRandom(seed: seed ^ 0x70B_4E7A)
            var kept: [Query] = []
            var needed = maxUsers
            for (i, q) in queries.enumerated() where needed > 0 && rng.nextIndex(below: queries.count - i) < needed {
                kept.append(q)
                needed -= 1
            }
            queries = kept
        }
        self.queries = queries
        trainCounts = counts
        let rated = (0..<counts.count).filter { counts[$0] > 0 }
        let share = max(1, rated.count / 100)
        popular = Set(rated.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }.prefix(share))
    }

    /// Scores `recommend(user, seen, k)` (the user's top k, best first) over every query, on
    /// `threads` threads. `recommend` must only read (a model is not trained while it is ranked).
    public func evaluate(threads: Int = 1, recommend: @escaping (Int, Set<Int>, Int) -> [Int]) -> Report {
        let lists = Locked([[Int]](repeating: [], count: queries.count))
        let workers = max(1, min(threads, queries.count))
        let ranker = ReadOnlyRanker(recommend: recommend)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            for i in stride(from: w, to: queries.count, by: workers) {
                let list = Array(ranker.recommend(queries[i].user, queries[i].seen, k).prefix(k))
                lists.withLock { $0[i] = list }
            }
        }
        return report(lists.withLock { $0 })
    }

    /// Scores the same list for everyone (a popularity baseline): each user's first k of `ranking` they did not rate.
    public func evaluate(ranking: [Int]) -> Report {
        report(queries.map { q in
            var list: [Int] = []
            for m in ranking where !q.seen.contains(m) {
                list.append(m)
                if list.count == k { break }
            }
            return list
        })
    }

    /// "Most popular": the movies by training ratings, most first.
    public var mostPopular: [Int] {
        (0..<trainCounts.count).filter { trainCounts[$0] > 0 }
            .sorted { trainCounts[$0] != trainCounts[$1] ? trainCounts[$0] > trainCounts[$1] : $0 < $1 }
    }

    /// "Highest mean": movies with at least `minRatings` training ratings by their mean training rating.
    public func highestMean(table: RatingsTable, split: Split, minRatings: Int = 20) -> [Int] {
        var sums = [Double](repeating: 0, count: trainCounts.count)
        for i in 0..<table.count where !split.holdsOut(i) { sums[Int(table.items[i])] += Double(table.values[i]) }
        let means = (0..<sums.count).map { trainCounts[$0] > 0 ? sums[$0] / Double(trainCounts[$0]) : 0 }
        return (0..<sums.count).filter { Int(trainCounts[$0]) >= max(1, minRatings) }
            .sorted { means[$0] != means[$1] ? means[$0] > means[$1] : $0 < $1 }
    }

    /// A ranking closure shared by the evaluation's threads: it reads a model nobody writes meanwhile.
    private struct ReadOnlyRanker: @unchecked Sendable {
        let recommend: (Int, Set<Int>, Int) -> [Int]
    }

    func report(_ lists: [[Int]]) -> Report {
        let scores = RankingMetrics.average(zip(queries, lists).map { ($1, $0.relevant) }, k: k)
        var shown = Set<Int>(), slots = 0, popularSlots = 0
        for list in lists {
            shown.formUnion(list)
            slots += list.count
            popularSlots += list.filter(popular.contains).count
        }
        let catalogue = trainCounts.count
        return Report(k: k, scores: scores, coverage: catalogue == 0 ? 0 : Double(shown.count) / Double(catalogue),
                      popularShare: slots == 0 ? 0 : Double(popularSlots) / Double(slots))
    }
}
