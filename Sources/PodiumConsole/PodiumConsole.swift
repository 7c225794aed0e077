// PodiumConsole: placeholder, replaced by its issue.
