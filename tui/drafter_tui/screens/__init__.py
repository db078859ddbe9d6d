"""Modal screens: choices (confirm), a path prompt, find and replace, recovery, help."""
