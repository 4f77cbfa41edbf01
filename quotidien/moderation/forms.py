"""The moderators' forms: a refusal's reason, a ban's confirmation, a ban lifted."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import BAN_LENGTHS, Ban, RefusalReason

# The reason and the note end up together in `Ban.reason` (300 characters), label first.
NOTE_LENGTH = 250


class RefusalForm(forms.Form):
    """A charter reason and an optional note: what the reader is told of a refusal.

    The queue has one per comment (prefixed with the comment's id) and one for the
    selection (no prefix); an approval only reads its note, so the reason may be optional.
    """

    categorie = forms.ChoiceField(
        label=_("Motif du refus"),
        choices=[("", _("— motif du refus —")), *RefusalReason.choices],
        error_messages={
            "required": _("Choisissez le motif du refus dans la liste."),
            "invalid_choice": _("Choisissez le motif du refus dans la liste."),
        },
    )
    note = forms.CharField(
        label=_("Précision (facultative, montrée au lecteur)"),
        max_length=NOTE_LENGTH,
        required=False,
    )

    def __init__(self, *args, require_category: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categorie"].required = require_category

    def first_error(self) -> str:
        """The first error, to show in a message above the queue."""
        return next(iter(self.errors.values()))[0]


class LiftBanForm(forms.Form):
    """Why a moderator lets a banned reader comment again, for the audit log."""

    motif = forms.CharField(
        label=_("Motif de la levée"),
        max_length=300,
        error_messages={"required": _("Indiquez pourquoi vous levez ce bannissement.")},
    )


class BanForm(RefusalForm):
    """A ban's reason and note, and how long it lasts: a suspension or for good."""

    duree = forms.ChoiceField(
        label=_("Durée"),
        choices=Ban.Duration.choices,
        initial=Ban.Duration.PERMANENT,
        widget=forms.RadioSelect,
        # Left out, the ban is for good, as before suspensions existed.
        required=False,
        error_messages={"invalid_choice": _("Choisissez la durée dans la liste.")},
    )

    def clean_duree(self):
        """How long the ban lasts, None for good."""
        return BAN_LENGTHS[self.cleaned_data["duree"] or Ban.Duration.PERMANENT]
