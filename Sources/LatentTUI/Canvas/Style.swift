/// A terminal colour: the terminal's default, or one of the 256 indexed colours
/// (0–7 are the classic eight, which every colour terminal has).
public enum Color: Hashable, Sendable {
    case `default`
    case indexed(UInt8)

    public static let black = Color.indexed(0), red = Color.indexed(1), green = Color.indexed(2), yellow = Color.indexed(3)
    public static let blue = Color.indexed(4), magenta = Color.indexed(5), cyan = Color.indexed(6), white = Color.indexed(7)
    public static let gray = Color.indexed(8)
}

/// How a cell looks: colours and attributes. Attributes carry the meaning on a
/// monochrome terminal (bold for emphasis, dim for predictions, reverse for selection).
public struct Style: Hashable, Sendable {
    public var foreground: Color = .default
    public var background: Color = .default
    public var bold = false
    public var dim = false
    public var reverse = false
    public var underline = false

    public init(foreground: Color = .default, background: Color = .default, bold: Bool = false, dim: Bool = false,
                reverse: Bool = false, underline: Bool = false) {
        self.foreground = foreground; self.background = background
        self.bold = bold; self.dim = dim; self.reverse = reverse; self.underline = underline
    }

    public static let plain = Style()
    public static let bold = Style(bold: true)
    public static let dim = Style(dim: true)
    public static let reverse = Style(reverse: true)

    public func with(foreground: Color) -> Style { var s = self; s.foreground = foreground; return s }
    public func with(background: Color) -> Style { var s = self; s.background = background; return s }
    public var bolded: Style { var s = self; s.bold = true; return s }
    public var dimmed: Style { var s = self; s.dim = true; return s }
    public var reversed: Style { var s = self; s.reverse = true; return s }
}
