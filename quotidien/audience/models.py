from django.db import models
from django.utils.translation import gettext_lazy as _


class HourlyViews(models.Model):
    """How many times an article was read during one hour (its start, UTC)."""

    # No database constraint: counts written a moment after the article was deleted must
    # not fail the whole write; deleting an article still deletes its counts.
    article = models.ForeignKey(
        "news.ArticlePage",
        on_delete=models.CASCADE,
        db_constraint=False,
        related_name="+",
        verbose_name=_("article"),
    )
    hour = models.DateTimeField(_("heure"))
    views = models.PositiveIntegerField(_("lectures"), default=0)

    class Meta:
        verbose_name = _("lectures d’une heure")
        verbose_name_plural = _("lectures par heure")
        constraints = [
            models.UniqueConstraint(fields=["article", "hour"], name="audience_one_count_per_hour")
        ]
        # The ranking sums the last hours' rows without reading the table.
        indexes = [models.Index(fields=["hour", "article", "views"], name="audience_recent_views")]

    def __str__(self) -> str:
        return f"{self.article_id} {self.hour:%Y-%m-%d %H h} : {self.views}"
