"""URLs of the stories going out: feeds, sitemaps and robots.txt.

Feeds: /rss/ and /atom/ for the whole paper, /rss/<section path>/ and
/atom/<section path>/ for a section and its sub-sections (/rss/monde/syrie/),
/auteurs/<slug>/rss/ and /auteurs/<slug>/atom/ for an author, beside their page.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("rss/", views.rss, name="feed-rss"),
    path("rss/<path:section_path>/", views.rss, name="feed-rss-section"),
    path("atom/", views.atom, name="feed-atom"),
    path("atom/<path:section_path>/", views.atom, name="feed-atom-section"),
    path("auteurs/<slug:slug>/rss/", views.author_rss, name="feed-rss-author"),
    path("auteurs/<slug:slug>/atom/", views.author_atom, name="feed-atom-author"),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-news.xml", views.news_sitemap, name="sitemap-news"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap-section"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
]
