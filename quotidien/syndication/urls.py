"""URLs of the syndication app."""

urlpatterns = []
