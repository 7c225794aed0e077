// TerminalNCurses: placeholder, replaced by its issue.
