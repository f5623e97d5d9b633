/// A key press or terminal event, independent of ncurses (the terminal layer translates).
public enum Key: Equatable, Sendable {
    case char(Character)
    case up, down, left, right
    case shiftLeft, shiftRight
    case pageUp, pageDown, home, end
    case enter, backspace, escape, tab, backTab
    case function(Int)
    case resize(width: Int, height: Int)
    case mouse(x: Int, y: Int)
    case interrupt
}
