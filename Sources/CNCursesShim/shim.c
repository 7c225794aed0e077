/*
 * CNCursesShim: ncurses macros and globals as plain C functions for Swift.
 * See include/CNCursesShim.h for the contract of each function.
 */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif

#include "CNCursesShim.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

/* MARK: - State of the one screen */

static SCREEN *g_screen = NULL;
static FILE *g_in_file = NULL;
static FILE *g_out_file = NULL;
static int g_in_fd = -1;
static int g_out_fd = -1;
static int g_bracketed_paste = 0;
static volatile sig_atomic_t g_active = 0;

/* Saved before ncurses changes anything, for the async-signal-safe emergency restore. */
static struct termios g_saved_termios;
static int g_have_saved_termios = 0;
static char g_restore_sequence[512];
static size_t g_restore_length = 0;

static const char k_paste_on[] = "\033[?2004h";
static const char k_paste_off[] = "\033[?2004l";
/* Every xterm mouse mode and encoding ncurses may have switched on, off: for the crash path only (the normal
 * paths go through endwin, which switches off what mousemask switched on). Harmless where a mode was not on. */
static const char k_mouse_off[] = "\033[?1006l\033[?1015l\033[?1005l\033[?1003l\033[?1002l\033[?1000l";
static int g_mouse = 0;

static void append_restore(const char *text) {
    if (text == NULL || text == (char *)-1) return;
    size_t n = strlen(text);
    if (g_restore_length + n >= sizeof(g_restore_sequence)) return;
    memcpy(g_restore_sequence + g_restore_length, text, n);
    g_restore_length += n;
}

static void write_all(int fd, const char *bytes, size_t length) {
    while (length > 0) {
        ssize_t n = write(fd, bytes, length);
        if (n < 0) {
            if (errno == EINTR) continue;
            return;
        }
        bytes += n;
        length -= (size_t)n;
    }
}

int cnc_setlocale_from_environment(void) {
    setlocale(LC_ALL, "");
    const char *codeset = nl_langinfo(CODESET);
    if (codeset == NULL) return 0;
    return (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0) ? 1 : 0;
}

int cnc_start(const char *term, int in_fd, int out_fd, int esc_delay_ms, int bracketed_paste) {
    if (g_screen != NULL) return -1;
    int in_copy = dup(in_fd);
    int out_copy = dup(out_fd);
    if (in_copy < 0 || out_copy < 0) {
        if (in_copy >= 0) close(in_copy);
        if (out_copy >= 0) close(out_copy);
        return -1;
    }
    FILE *in_file = fdopen(in_copy, "r");
    FILE *out_file = fdopen(out_copy, "w");
    if (in_file == NULL || out_file == NULL) {
        if (in_file) fclose(in_file); else close(in_copy);
        if (out_file) fclose(out_file); else close(out_copy);
        return -1;
    }
    g_have_saved_termios = (tcgetattr(in_fd, &g_saved_termios) == 0);

    /* The window size comes from the terminal (ioctl), which also wins over LINES/COLUMNS. */
    use_tioctl(TRUE);
    SCREEN *screen = newterm(term, out_file, in_file);
    if (screen == NULL) {
        fclose(in_file);
        fclose(out_file);
        return -1;
    }
    set_term(screen);
    g_screen = screen;
    g_in_file = in_file;
    g_out_file = out_file;
    g_in_fd = in_fd;
    g_out_fd = out_fd;

    raw();
    noecho();
    nonl();
    intrflush(stdscr, FALSE);
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    scrollok(stdscr, FALSE);
    idlok(stdscr, FALSE);
    leaveok(stdscr, TRUE);
    curs_set(0);
    set_escdelay(esc_delay_ms);
    if (has_colors()) {
        start_color();
        use_default_colors();
    }

    g_restore_length = 0;
    append_restore(k_paste_off);
    append_restore(tigetstr("sgr0"));
    append_restore(tigetstr("cnorm"));
    append_restore(tigetstr("rmkx"));
    append_restore(tigetstr("rmcup"));
    append_restore("\r\n");

    g_bracketed_paste = bracketed_paste;
    if (bracketed_paste) {
        fflush(out_file);
        write_all(out_fd, k_paste_on, sizeof(k_paste_on) - 1);
    }
    g_active = 1;
    return 0;
}

void cnc_stop(void) {
    if (!g_active || g_screen == NULL) return;
    g_active = 0;
    if (g_bracketed_paste) {
        fflush(g_out_file);
        write_all(g_out_fd, k_paste_off, sizeof(k_paste_off) - 1);
    }
    curs_set(1);
    endwin();
    fflush(g_out_file);
}

int cnc_is_active(void) { return g_active ? 1 : 0; }

void cnc_delete_screen(void) {
    if (g_screen == NULL || g_active) return;
    delscreen(g_screen);
    g_screen = NULL;
    if (g_in_file) fclose(g_in_file);
    if (g_out_file) fclose(g_out_file);
    g_in_file = NULL;
    g_out_file = NULL;
}

/* MARK: - Emergency restore (atexit and fatal signals) */

static const int k_fatal_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
#define FATAL_COUNT ((int)(sizeof(k_fatal_signals) / sizeof(k_fatal_signals[0])))
static struct sigaction g_previous_fatal[FATAL_COUNT];
static int g_emergency_installed = 0;

static void emergency_restore_signal_safe(void) {
    if (!g_active) return;
    g_active = 0;
    if (g_out_fd >= 0 && g_restore_length > 0) write_all(g_out_fd, g_restore_sequence, g_restore_length);
    if (g_have_saved_termios && g_in_fd >= 0) tcsetattr(g_in_fd, TCSANOW, &g_saved_termios);
}

static void fatal_signal_handler(int signo) {
    emergency_restore_signal_safe();
    for (int i = 0; i < FATAL_COUNT; i++) {
        if (k_fatal_signals[i] == signo) {
            sigaction(signo, &g_previous_fatal[i], NULL);
            break;
        }
    }
    raise(signo);
}

static void atexit_restore(void) {
    if (g_active) cnc_stop();
}

void cnc_install_emergency_restore(void) {
    if (g_emergency_installed) return;
    g_emergency_installed = 1;
    atexit(atexit_restore);
    for (int i = 0; i < FATAL_COUNT; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof(action));
        action.sa_handler = fatal_signal_handler;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_NODEFER | SA_ONSTACK;
        sigaction(k_fatal_signals[i], &action, &g_previous_fatal[i]);
    }
}

/* MARK: - Signals through a self-pipe */

#define MAX_PIPED_SIGNALS 16
static int g_signal_pipe[2] = {-1, -1};
static int g_piped_signals[MAX_PIPED_SIGNALS];
static struct sigaction g_previous_piped[MAX_PIPED_SIGNALS];
static int g_piped_count = 0;

static void pipe_signal_handler(int signo) {
    int saved = errno;
    unsigned char byte = (unsigned char)signo;
    ssize_t ignored = write(g_signal_pipe[1], &byte, 1);
    (void)ignored;
    errno = saved;
}

int cnc_signal_pipe_install(const int *signals, int count) {
    if (g_signal_pipe[0] >= 0) return g_signal_pipe[0];
    if (count > MAX_PIPED_SIGNALS) count = MAX_PIPED_SIGNALS;
    if (pipe(g_signal_pipe) != 0) return -1;
    for (int i = 0; i < 2; i++) {
        fcntl(g_signal_pipe[i], F_SETFL, fcntl(g_signal_pipe[i], F_GETFL) | O_NONBLOCK);
        fcntl(g_signal_pipe[i], F_SETFD, FD_CLOEXEC);
    }
    g_piped_count = 0;
    for (int i = 0; i < count; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof(action));
        action.sa_handler = pipe_signal_handler;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        if (sigaction(signals[i], &action, &g_previous_piped[g_piped_count]) == 0) {
            g_piped_signals[g_piped_count++] = signals[i];
        }
    }
    return g_signal_pipe[0];
}

void cnc_signal_pipe_uninstall(void) {
    for (int i = 0; i < g_piped_count; i++) sigaction(g_piped_signals[i], &g_previous_piped[i], NULL);
    g_piped_count = 0;
    if (g_signal_pipe[0] >= 0) close(g_signal_pipe[0]);
    if (g_signal_pipe[1] >= 0) close(g_signal_pipe[1]);
    g_signal_pipe[0] = g_signal_pipe[1] = -1;
}

/* MARK: - Terminal facts */

int cnc_terminfo_colors(void) {
    int n = tigetnum("colors");
    return n < 0 ? -1 : n;
}

int cnc_colors(void) { return has_colors() ? COLORS : 0; }

int cnc_color_pairs(void) { return has_colors() ? COLOR_PAIRS : 0; }

int cnc_has_colors(void) { return has_colors() ? 1 : 0; }

int cnc_escape_delay(void) { return get_escdelay(); }

int cnc_rows(void) {
    int rows, cols;
    getmaxyx(stdscr, rows, cols);
    (void)cols;
    return rows;
}

int cnc_cols(void) {
    int rows, cols;
    getmaxyx(stdscr, rows, cols);
    (void)rows;
    return cols;
}

int cnc_query_size(int fd, int *rows, int *cols) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return -1;
    *rows = size.ws_row;
    *cols = size.ws_col;
    return 0;
}

int cnc_resize(int rows, int cols) { return resize_term(rows, cols) == OK ? 0 : -1; }

/* MARK: - Drawing */

int cnc_init_pair(int pair, int fg, int bg) { return init_extended_pair(pair, fg, bg) == OK ? 0 : -1; }

int cnc_put(int y, int x, const uint32_t *chars, int count, uint32_t attrs, int pair) {
    wchar_t text[CCHARW_MAX + 1];
    int n = count < CCHARW_MAX ? count : CCHARW_MAX;
    if (n <= 0) {
        text[0] = L' ';
        n = 1;
    } else {
        for (int i = 0; i < n; i++) text[i] = (wchar_t)chars[i];
    }
    text[n] = L'\0';
    cchar_t cell;
    int extended_pair = pair;
    if (setcchar(&cell, text, (attr_t)attrs, 0, &extended_pair) == ERR) return -1;
    /* At the bottom-right corner the cursor cannot advance, so ncurses reports ERR after placing the cell. */
    mvwadd_wch(stdscr, y, x, &cell);
    return 0;
}

void cnc_cursor(int y, int x, int visible) {
    if (visible) {
        leaveok(stdscr, FALSE);
        wmove(stdscr, y, x);
        curs_set(1);
    } else {
        curs_set(0);
        leaveok(stdscr, TRUE);
    }
}

int cnc_flush(void) {
    if (wnoutrefresh(stdscr) == ERR) return -1;
    return doupdate() == ERR ? -1 : 0;
}

void cnc_invalidate(void) { clearok(curscr, TRUE); }

/* MARK: - Input */

int cnc_read_key(uint32_t *out) {
    wint_t value = 0;
    int result = wget_wch(stdscr, &value);
    if (result == OK) {
        *out = (uint32_t)value;
        return 0;
    }
    if (result == KEY_CODE_YES) {
        *out = (uint32_t)value;
        return 1;
    }
    return -1;
}

int cnc_define_key(const char *sequence, int code) { return define_key(sequence, code) == OK ? 0 : -1; }

int cnc_key_f(int n) { return KEY_F(n); }

const char *cnc_key_name(int code) { return keyname(code); }

int cnc_key_code_for_capability(const char *capname) {
    const char *sequence = tigetstr(capname);
    if (sequence == NULL || sequence == (char *)-1) return -1;
    int code = key_defined(sequence);
    return code > 0 ? code : -1;
}

/* MARK: - Mouse */

/*
 * ncurses' own mouse support rather than writing DECSET 1000/1006 here: terminfo says how this terminal
 * reports (kmous/XM: SGR 1006 for xterm-256color, X10 for tmux-256color), ncurses decodes either (X10's raw
 * bytes above 127 never go through wget_wch's UTF-8 decoding), endwin switches reporting off and the first
 * refresh after it switches it back on (so suspend/resume through ncurses' SIGTSTP handler is covered), and
 * keypad's kmous binding cannot fight a decoder of ours.
 */
int cnc_mouse_enable(void) {
    if (g_screen == NULL || !g_active) return 0;
    /* No click synthesis: presses and releases come at once, never delayed into clicks. */
    mouseinterval(0);
    mmask_t wanted = BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON2_PRESSED | BUTTON2_RELEASED | BUTTON3_PRESSED
        | BUTTON3_RELEASED | BUTTON4_PRESSED | BUTTON_SHIFT | BUTTON_CTRL | BUTTON_ALT;
#ifdef BUTTON5_PRESSED
    /* Mouse version 1 (ncurses 5, as some systems still ship) has no button 5: no wheel down there. */
    wanted |= BUTTON5_PRESSED;
#endif
    mmask_t old = 0;
    if (mousemask(wanted, &old) == 0) return 0;
    if (!g_mouse) append_restore(k_mouse_off);
    g_mouse = 1;
    return 1;
}

int cnc_mouse_disable(void) {
    if (g_screen == NULL || !g_active) return 0;
    mmask_t old = 0;
    mousemask(0, &old);
    return 1;
}

int cnc_read_mouse(int *x, int *y, int *button, int *kind, int *modifiers) {
    /* getmouse pops the newest event of ncurses' queue (up to 16): one KEY_MOUSE may stand for several reports
     * read in one burst (a press and its release), so the caller calls this until -1 and reverses the order. */
    MEVENT event;
    if (getmouse(&event) != OK) return -1;
    mmask_t b = event.bstate;
    *x = event.x;
    *y = event.y;
    *modifiers = ((b & BUTTON_SHIFT) ? CNC_MOUSE_SHIFT : 0) | ((b & BUTTON_ALT) ? CNC_MOUSE_ALT : 0)
        | ((b & BUTTON_CTRL) ? CNC_MOUSE_CTRL : 0);
    static const struct {
        mmask_t mask;
        int button;
        int kind;
    } k_map[] = {
        {BUTTON1_PRESSED, 1, CNC_MOUSE_PRESSED},   {BUTTON1_RELEASED, 1, CNC_MOUSE_RELEASED},
        {BUTTON1_CLICKED, 1, CNC_MOUSE_CLICKED},   {BUTTON2_PRESSED, 2, CNC_MOUSE_PRESSED},
        {BUTTON2_RELEASED, 2, CNC_MOUSE_RELEASED}, {BUTTON2_CLICKED, 2, CNC_MOUSE_CLICKED},
        {BUTTON3_PRESSED, 3, CNC_MOUSE_PRESSED},   {BUTTON3_RELEASED, 3, CNC_MOUSE_RELEASED},
        {BUTTON3_CLICKED, 3, CNC_MOUSE_CLICKED},   {BUTTON4_PRESSED, 4, CNC_MOUSE_PRESSED},
#ifdef BUTTON5_PRESSED
        {BUTTON5_PRESSED, 5, CNC_MOUSE_PRESSED},
#endif
    };
    for (size_t i = 0; i < sizeof(k_map) / sizeof(k_map[0]); i++) {
        if (b & k_map[i].mask) {
            *button = k_map[i].button;
            *kind = k_map[i].kind;
            return 0;
        }
    }
    /* Nothing this mask asked for (ncurses drops those itself): no report, but the queue may hold more. */
    *button = 0;
    *kind = CNC_MOUSE_NONE;
    return 0;
}

/* MARK: - Constants */

const uint32_t cnc_A_NORMAL = A_NORMAL;
const uint32_t cnc_A_BOLD = A_BOLD;
const uint32_t cnc_A_DIM = A_DIM;
const uint32_t cnc_A_ITALIC = A_ITALIC;
const uint32_t cnc_A_UNDERLINE = A_UNDERLINE;
const uint32_t cnc_A_REVERSE = A_REVERSE;
const uint32_t cnc_A_BLINK = A_BLINK;

const int cnc_KEY_DOWN = KEY_DOWN;
const int cnc_KEY_UP = KEY_UP;
const int cnc_KEY_LEFT = KEY_LEFT;
const int cnc_KEY_RIGHT = KEY_RIGHT;
const int cnc_KEY_HOME = KEY_HOME;
const int cnc_KEY_END = KEY_END;
const int cnc_KEY_NPAGE = KEY_NPAGE;
const int cnc_KEY_PPAGE = KEY_PPAGE;
const int cnc_KEY_BACKSPACE = KEY_BACKSPACE;
const int cnc_KEY_DC = KEY_DC;
const int cnc_KEY_IC = KEY_IC;
const int cnc_KEY_ENTER = KEY_ENTER;
const int cnc_KEY_BTAB = KEY_BTAB;
const int cnc_KEY_RESIZE = KEY_RESIZE;
const int cnc_KEY_F0 = KEY_F0;
const int cnc_KEY_SLEFT = KEY_SLEFT;
const int cnc_KEY_SRIGHT = KEY_SRIGHT;
const int cnc_KEY_SHOME = KEY_SHOME;
const int cnc_KEY_SEND = KEY_SEND;
const int cnc_KEY_SF = KEY_SF;
const int cnc_KEY_SR = KEY_SR;
const int cnc_KEY_MAX = KEY_MAX;
const int cnc_KEY_MOUSE = KEY_MOUSE;
