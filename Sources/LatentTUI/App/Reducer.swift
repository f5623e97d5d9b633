import LatentCore

/// The app's update function: the next state from the current one and an action, plus the
/// commands to send to the training queue. No I/O happens here.
///
/// It changes only what the person requested, and every command it emits carries an
/// absolute value computed from that request (never from the snapshot, which may be a
/// frame old): two `+` within one frame double the learning rate twice.
public enum Reducer {
    public static func reduce(_ state: AppState, _ action: Action, _ c: AppContext) -> (AppState, [TrainingCommand]) {
        var s = state
        var commands: [TrainingCommand] = []
        if case .snapshot = action {} else { s.status = nil }
        // A model opened on its factors alone answers what would train it with why it cannot.
        if !c.capabilities.trains, action.needsRatings {
            s.status = action == .tour(.toggle) && s.tourPage == nil
                ? "The tour trains a model step by step, which needs the ratings (--data PATH); v shows the map, neighbours and biases."
                : FactorsOnly.needsRatings
            return (s, [])
        }
        switch action {
        case .snapshot(let snap):
            // Settings the engine could not put in force: ask for the ones it has.
            if snap.refusedSettings != (s.snapshot?.refusedSettings ?? 0) { s.settings = snap.hyper }
            s.snapshot = snap
            if s.toTopWhenRanked, s.rankingReady(c), let first = s.columnOrder(c).first {
                s.selectedItem = first
                s.left = 0
                s.toTopWhenRanked = false
            }
        default:
            // Each context's own reducer takes its actions.
            _ = grid(action, &s, c, &commands) || views(action, &s, c, &commands) || person(action, &s, c, &commands)
                || training(action, &s, c, &commands) || overlays(action, &s, c, &commands)
        }
        // The person's row goes with their last rating: keep a selection that exists.
        if s.person.isEmpty && s.selectedUser == c.personUser, let first = s.rowOrder(c).first { s.selectedUser = first }
        // Keep the selection on screen: the scroll follows it.
        let v = s.gridView(c)
        s.top = v.top
        s.left = v.left
        return (s, commands)
    }

    static func clamp(_ v: Int, _ count: Int) -> Int { max(0, min(v, count - 1)) }
}
