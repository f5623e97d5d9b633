/// A trained model's top k on the held-out ratings, whatever it is: a sampler's posterior means,
/// or the model's predicted ratings.
extension TopKEvaluation {
    public func evaluate(_ trainer: Trainer, threads: Int) -> Report {
        if let neural = trainer.neural { return evaluate(neural.net, threads: threads) }
        if let samples = trainer.sampler?.posteriorSamples, samples.count > 0 {
            let items = samples.itemCount
            return evaluate(threads: threads) { u, seen, n in
                PosteriorRanking.top(items: items, posterior: { samples.posterior(user: u, item: $0) }, exclude: seen,
                                     counts: [], n: n, sureBets: false).map(\.item)
            }
        }
        return evaluate(trainer.model, threads: threads)
    }

    /// Ranked by the model's predicted rating (`Recommender.top`).
    public func evaluate(_ model: DotProductBias, threads: Int) -> Report {
        let counts = [Int32](repeating: 0, count: model.itemCount)
        return evaluate(threads: threads) { u, seen, n in
            guard u < model.userCount else { return [] }
            return Recommender.top(model: model, person: Recommender.person(model, user: u), exclude: seen, counts: counts, n: n).map(\.item)
        }
    }
}
