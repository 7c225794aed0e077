// PodiumCore: placeholder, replaced by its issue.
