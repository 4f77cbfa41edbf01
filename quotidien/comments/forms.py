"""The forms readers fill under an article."""

from django import forms
from django.utils.translation import gettext_lazy as _

from quotidien.french.typography import french_number

from .models import MAX_LENGTH, Report
from .services import clean_body


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Votre commentaire"),
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MAX_LENGTH}),
        # The service says what is wrong, in the reader's terms.
        strip=False,
        required=False,
        help_text=_("Texte seul, sans HTML. %(max)s caractères au plus.")
        % {"max": french_number(MAX_LENGTH)},
    )
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_body(self):
        return clean_body(self.cleaned_data["body"])

    def refuse_reply(self, error) -> None:
        """Say why the reply cannot go under its comment; the text stays, and sent again it
        becomes a new comment."""
        self.data = self.data.copy()
        self.data.pop("parent", None)
        self.add_error(None, error)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Pourquoi signalez-vous ce commentaire ?"),
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        # Django's message repeats what was sent, whatever it is (a NUL character).
        error_messages={"invalid_choice": _("Choisissez l’un des motifs proposés.")},
    )
    note = forms.CharField(label=_("Précision (facultatif)"), max_length=300, required=False)
