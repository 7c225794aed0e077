#include "CNCursesShim.h"
#include <curses.h>
int cncurses_shim_version(void) { return NCURSES_VERSION_MAJOR; }
