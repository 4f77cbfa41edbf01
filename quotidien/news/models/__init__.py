"""Pages of the paper: the front page, sections (rubriques) and articles, with the authors
and agencies that sign them (one module each); every model is importable from here."""

from ..cleaning import CleanTextMixin
from ..images import NewsImage, NewsRendition
from .articles import (
    ANY_VIEW_RESTRICTION,
    UPDATE_GRACE,
    ArticlePage,
    ArticleRelatedLink,
    ArticleTag,
)
from .front import HomePage, HomePageSection, HomePageTopStory
from .people import Agency, Author
from .sections import Access, SectionPage, subscribers_only

__all__ = [
    "ANY_VIEW_RESTRICTION",
    "UPDATE_GRACE",
    "Access",
    "Agency",
    "ArticlePage",
    "ArticleRelatedLink",
    "ArticleTag",
    "Author",
    "CleanTextMixin",
    "HomePage",
    "HomePageSection",
    "HomePageTopStory",
    "NewsImage",
    "NewsRendition",
    "SectionPage",
    "subscribers_only",
]
