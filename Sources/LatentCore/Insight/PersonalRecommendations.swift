/// Recommendations for a person from their own ratings, the one path that both
/// `latentlab recommend --ratings` and the explorer's panel take: fold the person in,
/// rank what they have not rated, explain each by the liked movie it is most like.
public enum PersonalRecommendations {
    public struct Result: Sendable, Equatable {
        public var person: Recommender.Person
        public var recommendations: [Recommendation]
    }

    public static func make(model: DotProductBias, ratings: [(item: Int, rating: Float)], counts: [Int32],
                            minRatings: Int = 0, n: Int = 10, scoring: Recommender.Scoring = .dot,
                            clipTo scale: RatingScale? = nil, foldIn rule: FoldIn.Rule = .standard) -> Result {
        guard !ratings.isEmpty else {
            let person = Recommender.Person(factors: [Float](repeating: 0, count: model.config.factors), bias: 0)
            return Result(person: person, recommendations: Recommender.popular(model: model, counts: counts, n: n, clipTo: scale))
        }
        let fold = FoldIn.solve(model: model, ratings: ratings, rule: rule)
        let person = Recommender.Person(factors: fold.factors, bias: fold.bias)
        let mean = ratings.map(\.rating).reduce(0, +) / Float(ratings.count)
        let liked = ratings.filter { $0.rating >= mean }.map(\.item)
        let recs = Recommender.top(model: model, person: person, exclude: Set(ratings.map(\.item)), counts: counts,
                                   minRatings: minRatings, n: n, scoring: scoring, explainWith: liked, clipTo: scale)
        return Result(person: person, recommendations: recs)
    }
}
