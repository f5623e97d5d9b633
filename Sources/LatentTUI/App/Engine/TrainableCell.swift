import LatentCore

/// Whether `x` may train on a cell, and on which rating: the person's own rating, or the data
/// set's when it is a training rating (an empty cell is a prediction only; a held-out rating is
/// never trained on). A pure decision over what is known, tested without an engine.
enum TrainableCell {
    static func rating(user u: Int32, item m: Int32, dataset: Dataset, split: Split, personUser: Int,
                       personRatings: [PersonRating]) -> Result<Rating, CellRefusalError> {
        if Int(u) == personUser {
            guard let r = personRatings.first(where: { $0.item == m }) else { return .failure(.init(.notRatedByYou)) }
            return .success(Rating(user: u, item: m, value: r.rating))
        }
        guard Int(u) < dataset.userCount, let index = dataset.ratings.ratingIndex(user: Int(u), item: Int(m)) else {
            return .failure(.init(.emptyCell))
        }
        guard !split.holdsOut(index) else { return .failure(.init(.heldOut)) }
        return .success(Rating(user: u, item: m, value: dataset.ratings.values[index]))
    }

    struct CellRefusalError: Error, Equatable {
        var refusal: EngineMessage.CellRefusal
        init(_ r: EngineMessage.CellRefusal) { refusal = r }
    }
}
