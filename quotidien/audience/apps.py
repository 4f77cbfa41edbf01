import atexit

from django.apps import AppConfig


class AudienceConfig(AppConfig):
    name = "quotidien.audience"
    label = "audience"
    verbose_name = "Audience"

    def ready(self):
        from quotidien.pagecache.viewing import page_viewed

        from . import counting

        page_viewed.connect(counting.count_view, dispatch_uid="audience-count-view")
        # Views counted since the last write would go with the process.
        atexit.register(counting.views.flush)
