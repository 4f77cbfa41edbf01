"""Demo newsroom content and the large-corpus generator."""
