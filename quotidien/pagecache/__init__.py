"""The full-page cache of anonymous readers' pages, invalidated when what they show changes."""
