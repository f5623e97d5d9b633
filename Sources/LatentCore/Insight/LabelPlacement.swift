/// Puts text labels beside points without any two overlapping, and clear of reserved areas
/// (axes, legends). Greedy in the order given, so the most important labels (the most rated
/// movies) go first; a label that fits nowhere is left out rather than drawn over another.
/// Units are whatever the caller draws in: terminal cells or SVG pixels.
public enum LabelPlacement {
    public struct Box: Sendable, Equatable {
        public var x: Double, y: Double, width: Double, height: Double
        public init(x: Double, y: Double, width: Double, height: Double) {
            self.x = x; self.y = y; self.width = width; self.height = height
        }
        public var maxX: Double { x + width }
        public var maxY: Double { y + height }
        public func intersects(_ o: Box) -> Bool { x < o.maxX && o.x < maxX && y < o.maxY && o.y < maxY }
        public func inside(_ o: Box) -> Bool { x >= o.x && y >= o.y && maxX <= o.maxX && maxY <= o.maxY }
    }

    public struct Label: Sendable, Equatable {
        /// The point labelled (its top-left corner in cells).
        public var x: Double, y: Double
        public var width: Double, height: Double
        public init(x: Double, y: Double, width: Double, height: Double) {
            self.x = x; self.y = y; self.width = width; self.height = height
        }
    }

    /// Where each label goes (nil: nowhere free). Positions tried in turn: right of the point,
    /// left of it, above, below; `gap` is the space between point and label.
    public static func place(_ labels: [Label], bounds: Box, reserved: [Box] = [], gap: Double = 1) -> [Box?] {
        var placed: [Box] = []
        var out: [Box?] = []
        out.reserveCapacity(labels.count)
        for l in labels {
            let candidates = [
                Box(x: l.x + gap, y: l.y, width: l.width, height: l.height),
                Box(x: l.x - gap - l.width + 1, y: l.y, width: l.width, height: l.height),
                Box(x: l.x - l.width / 2, y: l.y - l.height, width: l.width, height: l.height),
                Box(x: l.x - l.width / 2, y: l.y + 1, width: l.width, height: l.height),
            ].map { Box(x: $0.x.rounded(.down), y: $0.y.rounded(.down), width: $0.width, height: $0.height) }
            let spot = candidates.first { c in
                c.inside(bounds) && !placed.contains { $0.intersects(c) } && !reserved.contains { $0.intersects(c) }
            }
            if let spot { placed.append(spot) }
            out.append(spot)
        }
        return out
    }
}
