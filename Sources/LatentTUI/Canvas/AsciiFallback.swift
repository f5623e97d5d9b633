/// ASCII stand-ins for every symbol the explorer draws, for a terminal whose locale is not
/// UTF-8: boxes become `+-|`, strips and bars a ramp of `.+*#`, arrows `<^>v`, Greek and
/// subscripts their letters, accented letters their base letter. Only what has no sensible
/// stand-in (a CJK title, say) becomes `?`.
public enum AsciiFallback {
    public static func map(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if s.isASCII { return s }
        if let symbol = symbols[s] { return symbol }
        if s.value >= 0x2800 && s.value <= 0x28FF {
            // Braille: a sparse cell is a dot, a fuller one a star.
            let dots = (s.value - 0x2800).nonzeroBitCount
            return dots == 0 ? " " : (dots <= 2 ? "." : "*")
        }
        if (0x2500...0x257F).contains(s.value) { return "+" }
        // An accented letter: its base letter (é → e).
        if let base = String(s).decomposedStringWithCanonicalMapping.unicodeScalars.first, base.isASCII, base.properties.isAlphabetic {
            return base
        }
        return "?"
    }

    static let symbols: [Unicode.Scalar: Unicode.Scalar] = [
        "─": "-", "━": "=", "┄": "-", "│": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+", "┤": "+",
        "░": ".", "▒": "+", "▓": "*", "█": "#", "▏": "|",
        "▁": "_", "▂": "_", "▃": "_", "▄": "=", "▅": "=", "▆": "=", "▇": "#",
        "·": ".", "…": "~", "–": "-", "—": "-", "−": "-", "“": "\"", "”": "\"", "‘": "'", "’": "'",
        "←": "<", "↑": "^", "→": ">", "↓": "v", "◂": "<", "▶": ">", "⏸": "=",
        "×": "x", "÷": "/", "²": "2", "½": "+", "≥": ">", "≤": "<", "★": "*", "✓": "v", "Δ": "d", "✗": "x",
        "σ": "s", "μ": "u", "µ": "u", "∇": "d", "ᵤ": "u", "ₘ": "m", "₀": "0", "\u{A0}": " ", "£": "L", "€": "E", "ß": "s",
        "æ": "a", "Æ": "A", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "ð": "d", "þ": "p", "¡": "!", "¿": "?",
    ]
}
