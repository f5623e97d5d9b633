import Testing
@testable import LatentCore

@Suite("The rating histogram")
struct RatingHistogramTests {
    @Test func oneBinPerStepEmptyOnesIncluded() {
        let h = RatingHistogram([0.5, 4, 4, 5, 3.5], scale: RatingScale(min: 0.5, max: 5, step: 0.5))
        #expect(h.bins.count == 10 && h.bins.first?.rating == 0.5 && h.bins.last?.rating == 5)
        #expect(h.bins.map(\.count) == [1, 0, 0, 0, 0, 0, 1, 2, 0, 1])
        #expect(h.populated.map(\.rating) == [0.5, 3.5, 4, 5])
    }

    @Test func tenEqualBinsOnAContinuousScale() {
        let h = RatingHistogram([0, 0.05, 0.95, 1, 0.5], scale: RatingScale(min: 0, max: 1, step: 0))
        #expect(h.bins.count == 10)
        #expect(h.bins.map(\.count) == [2, 0, 0, 0, 0, 1, 0, 0, 0, 2], "the top of the scale goes in the last bin")
    }
}
