"""Path converters of the site's addresses."""


class PrintableConverter:
    """A path segment without control characters: a tag's slug keeps its accents (« été »),
    but a NUL, which PostgreSQL refuses in a text value, names nothing."""

    regex = r"[^/\x00-\x1f\x7f]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
