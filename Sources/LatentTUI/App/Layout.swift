/// Where each panel goes for a terminal size (DESIGN.md §4): the full layout from about
/// 110×34, a compact one down to 80×24, and below that a message.
public struct Layout: Equatable, Sendable {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public var grid: Rect
    public var loss: Rect
    public var step: Rect
    /// The person's panels; nil on small screens (they get a view of their own).
    public var you: Rect?
    public var recommended: Rect?
    public var status: Rect
    /// The guided tour's band while a page (`tour`) is open: docked at the bottom of the left column, which
    /// gives it the room (the grid or the view above it shrinks, the person's panels step aside),
    /// so it covers none of the panels its pages point to.
    public var tour: Rect?
    public var tooSmall: Bool

    public static func compute(width: Int, height: Int, tour: Int? = nil) -> Layout {
        let status = Rect(x: 0, y: max(0, height - 2), width: width, height: min(2, height))
        guard width >= minimumWidth, height >= minimumHeight else {
            let zero = Rect(x: 0, y: 0, width: 0, height: 0)
            return Layout(grid: zero, loss: zero, step: zero, you: nil, recommended: nil, status: status, tour: nil, tooSmall: true)
        }
        let main = Rect(x: 0, y: 0, width: width, height: height - 2)
        let large = width >= 110 && height >= 34
        let rightWidth = large ? max(36, width * 30 / 100) : max(30, width * 36 / 100)
        let (left, right) = main.splitLeft(width - rightWidth)
        let (loss, step) = right.splitTop(large ? max(10, main.height / 3) : main.height / 2)
        if let tour {
            let band = min(Tour.bandHeight(page: tour, width: left.width), left.height - 7)
            let (grid, dock) = left.splitTop(left.height - band)
            return Layout(grid: grid, loss: loss, step: step, you: nil, recommended: nil, status: status, tour: dock, tooSmall: false)
        }
        guard large else {
            return Layout(grid: left, loss: loss, step: step, you: nil, recommended: nil, status: status, tour: nil, tooSmall: false)
        }
        let (grid, bottom) = left.splitTop(main.height - max(8, main.height * 3 / 10))
        let (you, recommended) = bottom.splitLeft(bottom.width * 9 / 20)
        return Layout(grid: grid, loss: loss, step: step, you: you, recommended: recommended, status: status, tour: nil, tooSmall: false)
    }

    /// The grid cell (relative to the scroll position) under a screen position.
    public static func gridCell(at x: Int, _ y: Int, state: AppState) -> (row: Int, column: Int)? {
        let layout = compute(width: state.width, height: state.height, tour: state.tourPage)
        guard !layout.tooSmall else { return nil }
        let g = GridGeometry(layout.grid)
        return g.cell(atX: x, y: y)
    }
}

/// The grid panel's inner geometry: row labels, two header lines, cells, a details line.
public struct GridGeometry: Equatable, Sendable {
    public static let labelWidth = 11
    public static let cellWidth = 7
    public let inner: Rect

    public init(_ panel: Rect) { inner = panel.inner }

    public var rows: Int { max(0, inner.height - 3) }
    public var columns: Int { max(0, (inner.width - Self.labelWidth) / Self.cellWidth) }
    public var headerY: Int { inner.y }
    public var firstRowY: Int { inner.y + 2 }
    public var detailsY: Int { inner.maxY - 1 }
    public func cellX(_ column: Int) -> Int { inner.x + Self.labelWidth + column * Self.cellWidth }

    public func cell(atX x: Int, y: Int) -> (row: Int, column: Int)? {
        let r = y - firstRowY, c = (x - inner.x - Self.labelWidth)
        guard r >= 0, r < rows, c >= 0, c / Self.cellWidth < columns else { return nil }
        return (r, c / Self.cellWidth)
    }
}
