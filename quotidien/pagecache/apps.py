from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PageCacheConfig(AppConfig):
    name = "quotidien.pagecache"
    label = "pagecache"
    verbose_name = "Cache des pages"

    def ready(self):
        from .signals import connect

        connect()
        post_migrate.connect(create_cache_table, sender=self)


def create_cache_table(sender, using="default", **kwargs):
    """The table of page versions (a Django database cache) comes with `migrate`."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
