"""What every page of the paper checks of itself before it is saved: text without control
characters, titles without direction overrides, dates within the calendar it can store."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from quotidien.text import (
    without_bidi_controls,
    without_control_characters,
    without_control_characters_in,
)

# The years a page's dates may fall in. Stored in UTC, a day at an end of the calendar may
# leave it (year 1 in Beirut is 1 BC in UTC): the page could be neither saved nor read.
DATE_YEARS = range(1900, 3000)


class CleanTextMixin:
    """A page whose text keeps no control characters, whoever writes it: the back office's
    forms, a revision, a wire import all validate the page before saving it. One such
    character in a headline would make every feed that lists the page unreadable. Its dates
    stay within DATE_YEARS."""

    text_fields: tuple[str, ...] = ("title", "draft_title", "seo_title", "search_description")
    # Of those, the one-line titles: they also lose the marks that override or isolate the
    # direction of writing, which turn the rest of a line around wherever it is listed.
    line_fields: tuple[str, ...] = ("title", "draft_title", "seo_title")
    stream_fields: tuple[str, ...] = ()

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            value = getattr(self, field.attname)
            if (
                isinstance(field, models.DateTimeField)
                and field.name not in (exclude or ())
                and value is not None
                and value.year not in DATE_YEARS
            ):
                errors.setdefault(field.name, []).append(
                    ValidationError(
                        _("Choisissez une date entre le 1er janvier 1900 et le 31 décembre 2999."),
                        code="out_of_range",
                    )
                )
        if errors:
            raise ValidationError(errors)

    def full_clean(self, *args, **kwargs):
        for name in self.text_fields:
            if isinstance(value := getattr(self, name), str):
                setattr(self, name, without_control_characters(value))
        for name in self.line_fields:
            if isinstance(value := getattr(self, name), str):
                setattr(self, name, without_bidi_controls(value))
        for name in self.stream_fields:
            raw = getattr(self, name).get_prep_value()
            if (cleaned := without_control_characters_in(raw)) != raw:
                setattr(self, name, cleaned)
        super().full_clean(*args, **kwargs)
