// PodiumTestSupport: placeholder, replaced by its issue.
