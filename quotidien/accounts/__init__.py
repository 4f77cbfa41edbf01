"""People of the site: readers, journalists, editors, moderators."""
