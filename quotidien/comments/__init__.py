"""Reader comments: posting, listing, counts, replies and reports."""
