import LatentCore

extension Reducer {
    /// The person's keys: rating the selected movie, half stars, clearing, undoing, how recommendations are ranked.
    /// Returns false for an action of another context.
    static func person(_ action: Action, _ s: inout AppState, _ c: AppContext, _ commands: inout [TrainingCommand]) -> Bool {
        switch action {
        case .rate(let stars):
            // On the map the movie under the cursor is rated (and becomes the selection).
            if s.view == .map, let cursor = s.mapCursorItem { s.selectedItem = cursor }
            let item = s.selectedItem
            let value = c.dataset.scale.clamp(stars)
            s.undo.append((item, s.person[item]))
            s.person[item] = value
            s.touch(item)
            s.lastRated = item
            commands.append(.setPersonRatings(s.personRatings))
            s.status = "You rated \(c.dataset.movie(Int(item)).displayTitleWithYear) \(formatRating(value))"
        case .halfStar:
            let scale = c.dataset.scale
            if !(scale.step > 0 && scale.step <= 0.5) {
                s.status = "This data set rates in whole stars (\(formatRating(scale.min))–\(formatRating(scale.max))): no half stars"
            } else if let item = s.lastRated, let old = s.person[item] {
                if old + 0.5 <= scale.max {
                    s.undo.append((item, old))
                    s.person[item] = old + 0.5
                    s.touch(item)
                    commands.append(.setPersonRatings(s.personRatings))
                    s.status = "You rated \(c.dataset.movie(Int(item)).displayTitleWithYear) \(formatRating(old + 0.5))"
                } else {
                    s.status = "\(formatRating(old)) is already the top of the scale"
                }
            } else {
                s.status = "Rate a movie first (1–5); . then adds half a star"
            }
        case .clearRating:
            let item = s.selectedItem
            if let old = s.person[item] {
                s.undo.append((item, old))
                s.person[item] = nil
                s.touch(item)
                commands.append(.setPersonRatings(s.personRatings))
                s.status = "Cleared your rating of \(c.dataset.movie(Int(item)).displayTitleWithYear)"
            }
        case .undoRating:
            if let last = s.undo.popLast() {
                s.person[last.item] = last.previous
                s.touch(last.item)
                commands.append(.setPersonRatings(s.personRatings))
                s.status = "Undone: \(c.dataset.movie(Int(last.item)).displayTitleWithYear)"
            } else {
                s.status = "Nothing to undo"
            }
        case .toggleScoring:
            // A sampled model has a third order between the two: the sure bets.
            if s.scoring == .dot && !s.sureBets && s.settings.sampled {
                s.sureBets = true
            } else {
                s.scoring = s.scoring == .dot && !s.sureBets ? .cosine : .dot
                s.sureBets = false
            }
            commands.append(.setRecommendationOptions(scoring: s.scoring, minRatings: s.minRatings, sureBets: s.sureBets))
            s.status = s.sureBets ? "Sure bets: ranked by the posterior's lower bound (mean − spread), so a wide guess on few ratings ranks lower"
                : s.scoring == .dot ? "Recommendations by predicted rating" + (s.settings.sampled ? " (the posterior mean)" : "")
                : "Recommendations by closeness to your taste (cosine)"
        case .toggleMinRatings where !c.capabilities.countsKnown:
            s.status = "This model came without its ratings' counts: m cannot hide rarely rated movies (import it with --data to know them)"
        case .toggleMinRatings:
            s.minRatings = s.minRatings == 0 ? c.rareBelow : 0
            commands.append(.setRecommendationOptions(scoring: s.scoring, minRatings: s.minRatings, sureBets: s.sureBets))
            s.status = s.minRatings == 0 ? "All movies recommended, however few their ratings (the count shows beside each)"
                : "Movies with fewer than \(s.minRatings) ratings hidden (the least-rated quarter): one that few people rated can top every list on luck"
        default: return false
        }
        return true
    }
}
