"""French-aware full-text search of the archive and its page."""
