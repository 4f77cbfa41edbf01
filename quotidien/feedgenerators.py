"""Feed generators that write only what XML 1.0 can carry, for every feed of the paper."""

from django.utils import feedgenerator

from quotidien.text import without_control_characters_in


class XmlSafeMixin:
    """Takes out of the feed's and its items' text what XML 1.0 cannot carry, just before
    writing. Text is cleaned as it comes in; rows stored before, or by other means, are
    cleaned here."""

    def write(self, outfile, encoding):
        self.feed = without_control_characters_in(self.feed)
        self.items = [without_control_characters_in(item) for item in self.items]
        super().write(outfile, encoding)


class SafeRssFeed(XmlSafeMixin, feedgenerator.Rss201rev2Feed):
    """RSS 2.0 without the characters XML 1.0 cannot carry."""
