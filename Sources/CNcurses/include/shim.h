// The C side of LatentLab's terminal layer: ncursesw with wide characters,
// plus getters for the globals and macros that Swift 6 cannot import.
#ifndef LATENTLAB_CNCURSES_SHIM_H
#define LATENTLAB_CNCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#if defined(__APPLE__)
// macOS ships ncurses as libncurses with the wide-character calls behind this switch.
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#else
#include <ncursesw/curses.h>
#endif

// Globals: Swift 6 rejects them as not concurrency-safe.
static inline WINDOW *ll_stdscr(void) { return stdscr; }
static inline int ll_cols(void) { return COLS; }
static inline int ll_lines(void) { return LINES; }
static inline int ll_colors(void) { return COLORS; }
static inline int ll_color_pairs(void) { return COLOR_PAIRS; }

// Attribute macros.
static inline attr_t ll_a_normal(void) { return A_NORMAL; }
static inline attr_t ll_a_bold(void) { return A_BOLD; }
static inline attr_t ll_a_dim(void) { return A_DIM; }
static inline attr_t ll_a_reverse(void) { return A_REVERSE; }
static inline attr_t ll_a_underline(void) { return A_UNDERLINE; }
#if defined(A_ITALIC)
static inline attr_t ll_a_italic(void) { return A_ITALIC; }
#else
// Older ncurses (macOS's 5.7) has no italics: plain text instead.
static inline attr_t ll_a_italic(void) { return A_NORMAL; }
#endif
static inline attr_t ll_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }

// Key macros.
static inline int ll_key_f(int n) { return KEY_F(n); }

// Draws one cell: a wide character with attributes and a colour pair.
static inline int ll_put_cell(int y, int x, wchar_t ch, attr_t attrs, short pair) {
    wchar_t text[2] = { ch, 0 };
    cchar_t cell;
    setcchar(&cell, text, attrs, pair, NULL);
    return mvadd_wch(y, x, &cell);
}

// The terminal's width of a character (the C library's table for the locale in force).
static inline int ll_wcwidth(wchar_t c) { return wcwidth(c); }

// Reads one key or wide character; returns KEY_CODE_YES for keys, OK for characters, ERR on time-out.
static inline int ll_get_wch(wint_t *out) { return get_wch(out); }

static inline void ll_set_locale_from_environment(void) { setlocale(LC_ALL, ""); }

// newterm on the process's own stdout/stdin: unlike initscr it returns NULL instead of exiting.
static inline SCREEN *ll_newterm(void) { return newterm(NULL, stdout, stdin); }

// Mouse: left-button clicks and presses.
static inline mmask_t ll_click_mask(void) { return BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED; }

// Whether the locale's character set is UTF-8 (else box and braille characters would be garbage).
#include <langinfo.h>
#include <string.h>
static inline int ll_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

// Mouse reporting off before ncurses ends (endwin leaves the mode as it is on some terminals).
static inline void ll_mouse_off(void) { mousemask(0, NULL); }
#endif
