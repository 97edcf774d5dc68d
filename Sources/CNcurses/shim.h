// ncursesw for Swift. The wide-character API only exists with NCURSES_WIDECHAR set before curses.h
// (pkg-config's -D_XOPEN_SOURCE is dropped by SwiftPM), and the attribute macros and a few globals
// cannot be imported, so they are wrapped here.
#ifndef CRISIS_CNCURSES_SHIM_H
#define CRISIS_CNCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <stdio.h>
#include <curses.h>
#include <sys/ioctl.h>
#include <unistd.h>

static inline attr_t crisis_a_normal(void) { return A_NORMAL; }
static inline attr_t crisis_a_bold(void) { return A_BOLD; }
static inline attr_t crisis_a_reverse(void) { return A_REVERSE; }
static inline attr_t crisis_a_underline(void) { return A_UNDERLINE; }
static inline attr_t crisis_a_dim(void) { return A_DIM; }

// Globals Swift 6 rejects as not concurrency-safe; only the curses thread calls these.
static inline WINDOW *crisis_stdscr(void) { return stdscr; }
static inline int crisis_colors(void) { return COLORS; }
static inline int crisis_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *crisis_stdin(void) { return stdin; }
static inline FILE *crisis_stdout(void) { return stdout; }

// The cells the C library gives a character, as curses and most terminals count them (glibc declares it
// only for _XOPEN_SOURCE, which SwiftPM does not set).
extern int wcwidth(wchar_t);
static inline int crisis_wcwidth(wchar_t character) { return wcwidth(character); }

// The terminal's size as the kernel has it now (ioctl is variadic, which Swift cannot call); 0 on success.
static inline int crisis_terminal_size(int descriptor, int *rows, int *columns) {
    struct winsize size;
    if (ioctl(descriptor, TIOCGWINSZ, &size) != 0) return -1;
    *rows = size.ws_row;
    *columns = size.ws_col;
    return 0;
}

#endif
