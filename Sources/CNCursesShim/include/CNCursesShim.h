#ifndef CNCURSESSHIM_H
#define CNCURSESSHIM_H

/*
 * CNCursesShim: the only place that includes curses.h.
 *
 * ncurses exposes much of its API as macros (COLOR_PAIR, getmaxyx, KEY_F, A_*), which Swift cannot
 * import. This header turns them into plain C functions and `extern const` values that use only C
 * scalar types, so Swift never sees a curses type. All functions act on the single screen created by
 * `cnc_start` (its stdscr).
 */

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* MARK: - Lifecycle */

/// Sets the process locale from the environment (setlocale(LC_ALL, "")); returns 1 when the codeset is UTF-8.
int cnc_setlocale_from_environment(void);

/// Creates the screen with newterm on the given descriptors (term may be NULL for $TERM) and sets the
/// modes a full-screen app needs: raw, noecho, nonl, keypad, intrflush off, invisible cursor, ESCDELAY,
/// and colours with the terminal's defaults when it has any. Saves the descriptors' termios for the crash
/// restore. With `bracketed_paste` the terminal is asked to bracket pastes (CSI ?2004h). Returns 0, or -1
/// when the terminal cannot be initialised (unknown TERM, not a terminal); nothing is changed then.
int cnc_start(const char *term, int in_fd, int out_fd, int esc_delay_ms, int bracketed_paste);

/// Restores the terminal (bracketed paste off, cursor on, endwin, which also ends mouse reporting). Safe to call
/// more than once.
void cnc_stop(void);

/// Whether a screen is active (started and not stopped).
int cnc_is_active(void);

/// Registers an atexit handler and handlers for fatal signals (SEGV, BUS, ILL, FPE, ABRT, TRAP) that
/// restore the terminal with async-signal-safe calls only (write + tcsetattr), then re-raise to the
/// previous handler. Idempotent.
void cnc_install_emergency_restore(void);

/// Deletes the screen after cnc_stop (frees ncurses' memory for this screen).
void cnc_delete_screen(void);

/* MARK: - Signals (self-pipe) */

/// Installs a handler for each signal in `signals` that writes the signal number as one byte to a
/// non-blocking pipe, and returns the pipe's read end (or -1). The handler does nothing else.
int cnc_signal_pipe_install(const int *signals, int count);

/// Restores the previous handlers of the signals given to cnc_signal_pipe_install and closes the pipe.
void cnc_signal_pipe_uninstall(void);

/* MARK: - Terminal facts */

/// Number of colours from terminfo (tigetnum("colors")), or -1 when absent.
int cnc_terminfo_colors(void);
/// ncurses' COLORS after start_color (0 when the terminal has no colour).
int cnc_colors(void);
/// ncurses' COLOR_PAIRS after start_color (0 when the terminal has no colour).
int cnc_color_pairs(void);
/// Whether the terminal can show colours (has_colors()).
int cnc_has_colors(void);
/// How long ncurses waits after Esc for the rest of an escape sequence, in ms (get_escdelay()).
int cnc_escape_delay(void);
/// Screen rows (getmaxy(stdscr)).
int cnc_rows(void);
/// Screen columns (getmaxx(stdscr)).
int cnc_cols(void);
/// Reads the size of `fd`'s terminal with TIOCGWINSZ; returns 0 on success.
int cnc_query_size(int fd, int *rows, int *cols);
/// Resizes ncurses' screen to rows × cols (resize_term); returns 0 on success.
int cnc_resize(int rows, int cols);

/* MARK: - Drawing */

/// Defines colour pair `pair` (≥ 1) as fg/bg (-1 = terminal default) with init_extended_pair; 0 on success.
int cnc_init_pair(int pair, int fg, int bg);

/// Puts one grapheme (a spacing character plus up to 4 combining characters, UTF-32) at (y, x) in the
/// virtual screen with the given attributes and extended colour pair. Returns 0 on success.
int cnc_put(int y, int x, const uint32_t *chars, int count, uint32_t attrs, int pair);

/// Moves stdscr's cursor to (y, x) and shows it (visible = 1) or hides it (visible = 0).
void cnc_cursor(int y, int x, int visible);

/// Sends the virtual screen to the terminal: wnoutrefresh(stdscr) + doupdate(). Returns 0 on success.
int cnc_flush(void);

/// Marks the physical screen as unknown so the next flush clears and repaints every cell (clearok).
void cnc_invalidate(void);

/* MARK: - Input */

/// Reads one key without blocking. Returns 0 with a character in *out, 1 with a KEY_* code in *out,
/// or -1 when nothing is waiting.
int cnc_read_key(uint32_t *out);

/// Binds an escape sequence to a key code (define_key); 0 on success.
int cnc_define_key(const char *sequence, int code);

/// The code of function key n (KEY_F(n)).
int cnc_key_f(int n);

/// ncurses' name for a key code (keyname), e.g. "kUP5" for Ctrl-Up; NULL when unknown.
const char *cnc_key_name(int code);

/// The key code of a terminfo extended key name such as "kUP5" (key_defined of its string), or -1.
int cnc_key_code_for_capability(const char *capname);

/* MARK: - Mouse */

/// Kinds of mouse report returned by cnc_read_mouse.
enum { CNC_MOUSE_PRESSED = 0, CNC_MOUSE_RELEASED = 1, CNC_MOUSE_CLICKED = 2, CNC_MOUSE_NONE = 3 };
/// Modifier bits returned by cnc_read_mouse.
enum { CNC_MOUSE_SHIFT = 1, CNC_MOUSE_ALT = 2, CNC_MOUSE_CTRL = 4 };

/// Asks ncurses to report buttons 1-3 (presses and releases, no click synthesis: mouseinterval 0) and the wheel
/// (buttons 4/5) with modifiers, in the encoding terminfo names for this terminal (kmous/XM). Reports then
/// arrive as KEY_MOUSE from cnc_read_key. Also adds "every mouse mode off" to the crash restore. endwin (cnc_stop,
/// ncurses' SIGTSTP handler) switches reporting off and the next refresh back on. Returns 1 when on, else 0.
int cnc_mouse_enable(void);

/// Asks ncurses to report no mouse events (mousemask 0), which switches the terminal's reporting off. The crash
/// restore keeps "every mouse mode off" (harmless when off). Returns 1, or 0 before cnc_start.
int cnc_mouse_disable(void);

/// After KEY_MOUSE: the newest report queued (getmouse, which pops it) as zero-based cell x/y, xterm button number
/// (1-3 buttons, 4/5 wheel up and down), CNC_MOUSE_* kind (NONE: a report of nothing asked for) and CNC_MOUSE_*
/// modifier bits. 0, or -1 once the queue is empty. One KEY_MOUSE can stand for several reports read in one burst:
/// call until -1, and reverse the order to have them as they happened.
int cnc_read_mouse(int *x, int *y, int *button, int *kind, int *modifiers);

/* MARK: - Constants */

extern const uint32_t cnc_A_NORMAL;
extern const uint32_t cnc_A_BOLD;
extern const uint32_t cnc_A_DIM;
extern const uint32_t cnc_A_ITALIC;
extern const uint32_t cnc_A_UNDERLINE;
extern const uint32_t cnc_A_REVERSE;
extern const uint32_t cnc_A_BLINK;

extern const int cnc_KEY_DOWN;
extern const int cnc_KEY_UP;
extern const int cnc_KEY_LEFT;
extern const int cnc_KEY_RIGHT;
extern const int cnc_KEY_HOME;
extern const int cnc_KEY_END;
extern const int cnc_KEY_NPAGE;
extern const int cnc_KEY_PPAGE;
extern const int cnc_KEY_BACKSPACE;
extern const int cnc_KEY_DC;
extern const int cnc_KEY_IC;
extern const int cnc_KEY_ENTER;
extern const int cnc_KEY_BTAB;
extern const int cnc_KEY_RESIZE;
extern const int cnc_KEY_F0;
extern const int cnc_KEY_SLEFT;
extern const int cnc_KEY_SRIGHT;
extern const int cnc_KEY_SHOME;
extern const int cnc_KEY_SEND;
extern const int cnc_KEY_SF;
extern const int cnc_KEY_SR;
extern const int cnc_KEY_MAX;
extern const int cnc_KEY_MOUSE;

#ifdef __cplusplus
}
#endif

#endif /* CNCURSESSHIM_H */
