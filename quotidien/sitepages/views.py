"""The files browsers ask every site for: its icon and its web app manifest."""

from django.conf import settings
from django.http import HttpResponseRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.http import require_safe

# Also the colour of the browser's bar (<meta name="theme-color"> in base.html).
THEME_COLOR = "#ffffff"


@require_safe
def favicon(request):
    """/favicon.ico, asked by browsers and crawlers that read no <link rel="icon">.

    A temporary redirect: the static file's name changes with its content.
    """
    return HttpResponseRedirect(static("img/favicon.ico"))


@require_safe
def manifest(request):
    """The web app manifest: how the paper looks once added to a phone's home screen."""
    name = settings.WAGTAIL_SITE_NAME
    icons = [
        {"src": static(f"img/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in (192, 512)
    ]
    icons.append({"src": static("img/favicon.svg"), "sizes": "any", "type": "image/svg+xml"})
    data = {
        "name": name,
        "short_name": name,
        "lang": "fr",
        "dir": "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOR,
        "background_color": THEME_COLOR,
        "icons": icons,
    }
    return JsonResponse(
        data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )
