import LatentCore

/// Moving the map's cursor with the arrow keys: to the nearest movie in that direction on
/// screen (the components scaled to the frame, so "right" means right as drawn).
enum MapNavigation {
    static func step(from current: Int32?, dx: Int, dy: Int, state s: AppState) -> Int32? {
        guard let map = s.snapshot?.insight.map, !map.points.isEmpty else { return current }
        let (a, b) = s.mapAxes.components
        let frame = MapFrame(map: map, axes: s.mapAxes, zoom: s.mapZoom, center: s.mapCenter)
        func screen(_ p: MovieMap.Point) -> (Float, Float) { frame.unit(p.coordinates[a], p.coordinates[b]) }
        guard let here = map.points.first(where: { Int32($0.item) == current }).map(screen) else {
            return map.points.first.map { Int32($0.item) }
        }
        let dir = (Float(dx), Float(dy))
        var best: (score: Float, item: Int)?
        for p in map.points where Int32(p.item) != current {
            let (px, py) = screen(p)
            // Only movies shown, ahead in the direction; the nearest, off-axis ones counting farther.
            guard px >= 0, px <= 1, py >= 0, py <= 1 else { continue }
            let along = (px - here.0) * dir.0 + (py - here.1) * dir.1
            guard along > 1e-6 else { continue }
            let across = abs((px - here.0) * dir.1 - (py - here.1) * dir.0)
            let score = along + 2 * across
            if best == nil || score < (best?.score ?? .infinity) { best = (score, p.item) }
        }
        return best.map { Int32($0.item) } ?? current
    }
}
