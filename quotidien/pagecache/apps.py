from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class PageCacheConfig(AppConfig):
    name = "quotidien.pagecache"
    label = "pagecache"
    verbose_name = "Cache des pages"

    def ready(self):
        from .signals import connect

        connect()
        # Django signals post_migrate only for apps with models; this one has none.
        post_migrate.connect(create_cache_table, sender=apps.get_app_config("news"))


def create_cache_table(sender, using="default", **kwargs):
    """The table of page versions (a Django database cache) comes with `migrate`."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
