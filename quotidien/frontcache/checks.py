"""The proxies and CDNs configured for purges can be reached from this code."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from wagtail.contrib.frontend_cache.utils import get_backends


@checks.register()
def purge_backends(app_configs, **kwargs) -> list[checks.CheckMessage]:
    try:
        get_backends()
    except (ImproperlyConfigured, ImportError) as error:
        return [
            checks.Error(
                f"WAGTAILFRONTENDCACHE: {error}",
                hint="Vérifiez les variables FRONTEND_CACHE_* ; CloudFront demande le paquet "
                "boto3 (pip install boto3) et les variables AWS_* de boto3.",
                id="frontcache.E001",
            )
        ]
    return []
