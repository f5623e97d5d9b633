import CNcurses
import CTerminalGuard
import Foundation

/// The only code that talks to ncurses: start and restore the terminal, read keys with a
/// frame deadline, and copy a `Canvas` to the screen (ncurses sends only what changed).
public final class Terminal {
    public enum StartError: Error, CustomStringConvertible {
        case notATerminal
        case dumbTerminal(String)
        case cannotStart(String)

        public var description: String {
            switch self {
            case .notATerminal:
                return "the explorer needs a terminal (standard input and output are not one). For text output use `latentlab inspect` or `latentlab train`."
            case .dumbTerminal(let term):
                return "the explorer needs a terminal that can move the cursor; TERM is '\(term)'. Try TERM=xterm-256color, or use `latentlab train` for text output."
            case .cannotStart(let term):
                return "ncurses could not start on TERM='\(term)' (is its terminfo entry installed?)."
            }
        }
    }

    /// Box and braille characters need a UTF-8 locale; without one the screen uses ASCII.
    public let unicode: Bool
    /// 0 on a monochrome terminal, else the number of colours.
    public let colorCount: Int
    private var pairs: [Int32: Int16] = [:]
    private var nextPair: Int16 = 1
    private var stopped = false

    public init() throws {
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else { throw StartError.notATerminal }
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        guard !term.isEmpty, term != "dumb" else { throw StartError.dumbTerminal(term) }
        // A parent may have left SIGWINCH blocked (a thread's mask is inherited across exec);
        // ncurses needs it to report resizes.
        var winch = sigset_t()
        sigemptyset(&winch)
        sigaddset(&winch, SIGWINCH)
        pthread_sigmask(SIG_UNBLOCK, &winch, nil)
        ll_set_locale_from_environment()
        unicode = ll_locale_is_utf8() != 0
        ll_install_crash_restore()
        guard ll_newterm() != nil else { throw StartError.cannotStart(term) }
        cbreak()
        noecho()
        nonl()
        keypad(ll_stdscr(), true)
        curs_set(0)
        set_escdelay(25)
        mousemask(ll_click_mask(), nil)
        mouseinterval(0)
        if has_colors() {
            start_color()
            use_default_colors()
            colorCount = Int(ll_colors())
        } else {
            colorCount = 0
        }
    }

    deinit { stop() }

    /// Restores the terminal as it was. Safe to call more than once.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        ll_mouse_off()
        curs_set(1)
        endwin()
    }

    public var size: (width: Int, height: Int) { (Int(ll_cols()), Int(ll_lines())) }

    /// Waits at most `milliseconds` for a key (0: only what is already there).
    /// Whether the terminal went away (its window closed, its multiplexer killed without a
    /// SIGHUP reaching us): reads then fail at once, which looks like "no key" to curses.
    public var hungUp: Bool {
        var fd = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        guard poll(&fd, 1, 0) >= 0 else { return true }
        return fd.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    public func readKey(timeout milliseconds: Int) -> Key? {
        timeout(Int32(max(0, milliseconds)))
        var ch: wint_t = 0
        let result = ll_get_wch(&ch)
        if result == ERR { return nil }
        if result == KEY_CODE_YES { return special(Int32(ch)) }
        switch ch {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 3: return .interrupt
        default:
            guard let scalar = Unicode.Scalar(UInt32(ch)) else { return nil }
            return .char(Character(scalar))
        }
    }

    private func special(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_SLEFT: return .shiftLeft
        case KEY_SRIGHT: return .shiftRight
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize(width: Int(ll_cols()), height: Int(ll_lines()))
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            return .mouse(x: Int(event.x), y: Int(event.y))
        default:
            let f0 = ll_key_f(0)
            if code > f0 && code <= f0 + 12 { return .function(Int(code - f0)) }
            return nil
        }
    }

    /// Copies the canvas to the screen. A wide character fills its cell and the next (the
    /// continuation is not drawn); one the terminal's own table measures differently is drawn
    /// as `?` padded to the width the canvas gave it, so the rest of the line stays in place.
    public func present(_ canvas: Canvas) {
        let height = min(canvas.height, Int(ll_lines())), width = min(canvas.width, Int(ll_cols()))
        for y in 0..<height {
            for x in 0..<width {
                let cell = canvas[x, y]
                if cell.isContinuation { continue }
                var scalar = unicode ? cell.scalar : AsciiFallback.map(cell.scalar)
                let canvasWidth = x + 1 < canvas.width && canvas[x + 1, y].isContinuation ? 2 : 1
                if !scalar.isASCII && Int(ll_wcwidth(wchar_t(scalar.value))) != canvasWidth { scalar = "?" }
                let attrs = attributes(cell.style), colour = pair(cell.style)
                _ = ll_put_cell(Int32(y), Int32(x), wchar_t(scalar.value), attrs, colour)
                if canvasWidth == 2 && scalar == "?" && x + 1 < width {
                    _ = ll_put_cell(Int32(y), Int32(x + 1), wchar_t(32), attrs, colour)
                }
            }
        }
        wnoutrefresh(ll_stdscr())
        doupdate()
    }

    private func attributes(_ style: Style) -> attr_t {
        var a = ll_a_normal()
        if style.bold { a |= ll_a_bold() }
        if style.dim { a |= ll_a_dim() }
        if style.reverse { a |= ll_a_reverse() }
        if style.underline { a |= ll_a_underline() }
        return a
    }

    /// The colour pair for a style's colours, allocated on first use.
    private func pair(_ style: Style) -> Int16 {
        guard colorCount > 0 else { return 0 }
        let fg = terminalColor(style.foreground), bg = terminalColor(style.background)
        if fg == -1 && bg == -1 { return 0 }
        let key = (fg + 1) << 16 | (bg + 1)
        if let p = pairs[key] { return p }
        guard Int(nextPair) < Int(ll_color_pairs()) - 1 else { return 0 }
        let p = nextPair
        init_pair(p, Int16(fg), Int16(bg))
        pairs[key] = p
        nextPair += 1
        return p
    }

    /// Maps an indexed colour onto what the terminal has (8-colour terminals get the base eight).
    private func terminalColor(_ color: Color) -> Int32 {
        switch color {
        case .default: return -1
        case .indexed(let i):
            if Int(i) < colorCount { return Int32(i) }
            if i >= 8 && i < 16 { return Int32(i - 8) }
            return -1
        }
    }
}
