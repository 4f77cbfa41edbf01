"""Writes of live coverage that go beyond one form: closing a live page."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import LivePage


@transaction.atomic
def close_coverage(*, page: LivePage, user) -> LivePage:
    """End the coverage of `page` now and publish it so: readers' pages say « Ce direct est
    terminé » and stop asking for entries, its structured data gets `coverageEndTime`.

    The page's latest revision is the one published, with only the end of the coverage
    changed; Wagtail logs the publication under `user`.
    """
    if not page.live:
        raise ValidationError(
            _("Ce direct n’est pas publié : publiez-le avant de le clore."), code="not_live"
        )
    if not page.is_open:
        raise ValidationError(_("Ce direct est déjà terminé : rien à clore."), code="already_ended")
    latest = page.get_latest_revision_as_object()
    latest.coverage_ended_at = timezone.now()
    latest.full_clean()
    latest.save_revision(user=user).publish(user=user)
    return LivePage.objects.get(pk=page.pk)
