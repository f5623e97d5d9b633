import Foundation

/// The `gravity` term of Google's recommendation course for the SGD presets: g times the mean
/// over every (user, movie) pair of (U[u]·M[m])², which pulls every prediction's taste term
/// toward 0, rated or not (the cheap cousin of least squares' weight w₀ on unrated pairs).
/// Its gradient needs no pair at all: for a user row it is 2g·(Σ_m M[m] M[m]ᵀ / (users·movies))·U[u],
/// so once an epoch, after the ratings, every row takes one full step down it with the
/// epoch's learning rate, scaled to the ratings the epoch visited (the data term's steps).
extension Trainer {
    /// Applies the epoch's gravity step once, when the epoch's ratings are all trained.
    func applyGravityAtEpochEnd() {
        guard hyper.gravity > 0, cursor >= epochRatings.count, gravityEpoch != epochIndex else { return }
        gravityEpoch = epochIndex
        Self.gravityStep(model, strength: hyper.gravity, learningRate: currentLearningRate, ratings: epochRatings.count, frozenUser: frozenUser)
    }

    /// One step of every row down the gravity term's gradient (both sides from the rows before it).
    static func gravityStep(_ model: DotProductBias, strength g: Float, learningRate lr: Float, ratings: Int, frozenUser: Int?) {
        let k = model.config.factors
        let users = model.userCount, items = model.itemCount
        guard users > 0, items > 0 else { return }
        func gram(_ table: Embedding) -> [Double] {
            var s = [Double](repeating: 0, count: k * k)
            for r in 0..<table.rows {
                let p = table.row(r)
                for i in 0..<k { for j in 0..<k { s[i * k + j] += Double(p[i]) * Double(p[j]) } }
            }
            return s
        }
        // The step a row takes: lr · (ratings visited) · 2g/(users·movies) · Gram · row.
        let scale = Double(lr) * Double(ratings) * 2 * Double(g) / (Double(users) * Double(items))
        let itemGram = gram(model.itemFactors), userGram = gram(model.userFactors)
        func step(_ table: Embedding, _ gram: [Double], skip: Int?) {
            var row = [Double](repeating: 0, count: k)
            for r in 0..<table.rows where r != skip {
                let p = table.row(r)
                for i in 0..<k { row[i] = Double(p[i]) }
                for i in 0..<k {
                    var d = 0.0
                    for j in 0..<k { d += gram[i * k + j] * row[j] }
                    p[i] = Float(row[i] - scale * d)
                }
            }
        }
        step(model.userFactors, itemGram, skip: frozenUser)
        step(model.itemFactors, userGram, skip: nil)
    }
}
