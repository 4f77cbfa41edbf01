"""URLs: the back office, the site's own pages, then Wagtail's page tree."""

from django.conf import settings
from django.urls import include, path, re_path, register_converter
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from quotidien.accounts.back_office_reset import BackOfficePasswordResetView
from quotidien.admin_home import HomeView
from quotidien.admin_page_listings import page_listing_urls
from quotidien.media import serve_media
from quotidien.news import views as news_views
from quotidien.news.converters import PrintableConverter
from quotidien.ratelimits import page_passwords
from quotidien.search import views as search_views

register_converter(PrintableConverter, "printable")

# The paper's name and stylesheet on a 400 page that reads neither the database nor the Host.
handler400 = "quotidien.errors.bad_request"
handler404 = "quotidien.errors.page_not_found"
handler500 = "quotidien.errors.server_error"

urlpatterns = [
    # Before Wagtail's own: the newsroom's accounts only, within the site's limits.
    path("admin/password_reset/", BackOfficePasswordResetView.as_view()),
    # Wagtail's page chooser and page bulk actions list drafts' titles: page staff only.
    path("admin/", include(page_listing_urls())),
    # Wagtail's dashboard, its page search for page staff only (quotidien/admin_home.py).
    path("admin/", require_admin_access(HomeView.as_view()), name="wagtailadmin_home"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("recherche/", search_views.search, name="search"),
    path("sujet/<printable:slug>/", news_views.tag, name="tag"),
    path("", include("quotidien.entities.urls")),
    path("auteurs/", news_views.author_index, name="authors"),
    path("auteurs/<slug:slug>/", news_views.author, name="author"),
    path("compte/", include("quotidien.accounts.urls")),
    path("commentaires/", include("quotidien.comments.urls")),
    path("api/", include("quotidien.api.urls")),
    path("", include("quotidien.subscriptions.urls")),
    path("", include("quotidien.syndication.urls")),
    path("", include("quotidien.sitepages.urls")),
    path("", include("quotidien.corrections.urls")),
    path("", include("quotidien.audience.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve_media),
    ]

urlpatterns += [
    # Wagtail's password form of a restricted page, within the site's limits, and its
    # login page, which is the site's.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        page_passwords.authenticate_with_password,
    ),
    path("_util/login/", RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    path("", include(wagtail_urls)),
]
