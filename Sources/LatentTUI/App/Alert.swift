/// A message that must be read in full: it stays over the screen until a key is pressed,
/// unlike the status line, which the next key replaces and a narrow screen cuts.
public struct Alert: Sendable, Equatable {
    public var title: String
    public var lines: [String]
    public var offer: Offer?

    public init(title: String, lines: [String], offer: Offer? = nil) {
        self.title = title; self.lines = lines; self.offer = offer
    }

    /// What `a` does about it.
    public enum Offer: Sendable, Equatable {
        /// Keep the person's ratings at `path` from now on, then apply the change that could
        /// not be saved (`pending`).
        case saveElsewhere(path: String, pending: Action?)

        var description: String {
            switch self {
            case .saveElsewhere(let path, _): return "a saves your ratings in \(path) instead"
            }
        }
    }
}
