#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H

/* Wide-character ncurses API (cchar_t, get_wch, setcchar). SwiftPM drops the
 * -D flags pkg-config would give, so the defines live here. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <wchar.h>
#include <ncurses.h>

extern int wcwidth(wchar_t c);
extern int wcswidth(const wchar_t *s, size_t n);

/* Imported C globals are shared mutable state in Swift 6; read them through functions. */
static inline WINDOW *tui_stdscr(void) { return stdscr; }
static inline int tui_lines(void) { return LINES; }
static inline int tui_cols(void) { return COLS; }
static inline int tui_colors(void) { return COLORS; }

/* Attribute macros the importer cannot see. */
static inline attr_t tui_a_normal(void) { return A_NORMAL; }
static inline attr_t tui_a_bold(void) { return A_BOLD; }
static inline attr_t tui_a_dim(void) { return A_DIM; }
static inline attr_t tui_a_reverse(void) { return A_REVERSE; }
static inline attr_t tui_a_underline(void) { return A_UNDERLINE; }
static inline int tui_color_pairs(void) { return COLOR_PAIRS; }
static inline int tui_key_f(int n) { return KEY_F(n); }

#endif
