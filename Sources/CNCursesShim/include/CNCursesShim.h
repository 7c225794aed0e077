#ifndef CNCURSESSHIM_H
#define CNCURSESSHIM_H
/* Placeholder; TerminalNCurses issue fills this in. */
int cncurses_shim_version(void);
#endif
