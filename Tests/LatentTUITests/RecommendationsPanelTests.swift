import Testing
@testable import LatentCore
@testable import LatentTUI

/// The recommendations panel says where its list comes from and how much to trust it.
@Suite("The recommendations panel")
struct RecommendationsPanelTests {
    func render(_ s: AppState, _ c: AppContext, height: Int = 14) -> Canvas {
        var canvas = Canvas(width: 50, height: height)
        RecommendationsWidget(state: s, context: c).render(into: &canvas, canvas.bounds)
        return canvas
    }

    /// Before any training the model's scores are random: the ratings themselves rank, best-loved first.
    @Test func untrainedItRanksByTheRatings() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        var snap = TrainingSnapshot(hyper: .fastai)
        snap.recommendations = [Recommendation(item: 3, score: 2.78, because: nil)]
        s.snapshot = snap
        let text = render(s, c).text
        #expect(text.contains("best-loved") && text.contains("by their ratings"))
        let top = try #require(c.popular.first)
        #expect(text.contains(String(format: "%.2f (%d)", top.mean, top.count)), "the mean and the count of the top movie")
        #expect(!text.contains("2.78"), "no random score")
        #expect(c.popular.map(\.score) == c.popular.map(\.score).sorted(by: >))
    }

    /// With ratings of your own, each recommendation shows its count, and a rarely rated one at the
    /// top brings the hint about `m`.
    @Test func aRareTopMovieShowsItsCountAndTheToggle() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        s.person = [0: 5]
        var snap = TrainingSnapshot(hyper: .fastai)
        snap.step = 100
        snap.personRated = 1
        let rare = try #require((0..<c.dataset.itemCount).first { Int(c.counts[$0]) < c.rareBelow })
        snap.recommendations = [Recommendation(item: rare, score: 4.61, because: nil)]
        s.snapshot = snap
        let text = render(s, c).text
        #expect(text.contains("4.61 (\(c.counts[rare]))"))
        let flowing = text.replacingOccurrences(of: "│", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flowing.contains("m hides movies with fewer than \(c.rareBelow)."))
        #expect(c.rareBelow >= 20)
        (s, _) = Reducer.reduce(s, .toggleMinRatings, c)
        #expect(s.minRatings == c.rareBelow && s.status?.contains("least-rated quarter") == true)
        #expect(!render(s, c).text.contains("m hides movies"), "already hidden: no hint")
    }

    /// Rated before any training: the list says the model is untrained.
    @Test func ratedButUntrainedSaysSo() throws {
        let c = try TUIFixtures.context()
        var s = TUIFixtures.state(c)
        s.person = [0: 5]
        var snap = TrainingSnapshot(hyper: .fastai)
        snap.personRated = 1
        snap.recommendations = [Recommendation(item: 3, score: 4.19)]
        s.snapshot = snap
        #expect(render(s, c).text.contains("Untrained model (step 0)"))
        s.snapshot?.step = 10
        #expect(!render(s, c).text.contains("Untrained model"))
    }
}
