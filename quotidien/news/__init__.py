"""The newspaper itself: front page, sections, articles, authors, agencies, photos."""
