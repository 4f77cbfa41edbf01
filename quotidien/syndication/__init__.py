"""Stories out: feeds, sitemaps, structured data and social cards."""
