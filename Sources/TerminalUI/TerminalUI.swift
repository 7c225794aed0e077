// TerminalUI: placeholder, replaced by its issue.
