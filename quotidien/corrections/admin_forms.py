"""The back office's forms for a correction: adding one to a live article, changing one
(never its article). Both run the service's checks in `clean()`, so that an error shows
beside its field instead of failing on save."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Page

from . import queries, services
from .forms import TextWithLineBreaks
from .models import Correction


class CorrectionForm(WagtailAdminModelForm):
    """What both forms share: the checks of `services.validate_correction`."""

    text = Correction._meta.get_field("text").formfield(form_class=TextWithLineBreaks)
    editor_note = Correction._meta.get_field("editor_note").formfield(
        form_class=TextWithLineBreaks, widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean(self):
        cleaned_data = super().clean()
        try:
            # A correction changed keeps its article, which is checked no further.
            since = self.instance.article.first_published_at if self.instance.article_id else None
            cleaned_data["text"] = services.validate_correction(
                article=cleaned_data.get("article"),
                text=cleaned_data.get("text"),
                published_at=cleaned_data.get("published_at"),
                since=since,
            )
        except ValidationError as error:
            self.add_error(None, error)
        if "editor_note" in self.fields:
            kind = cleaned_data.get("kind") or self.instance.kind
            try:
                cleaned_data["editor_note"] = services.clean_editor_note(
                    cleaned_data.get("editor_note"), kind=kind
                )
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned_data


class CorrectionAddForm(CorrectionForm):
    """« Ajouter un rectificatif »: the article is one of the live articles or live pages,
    chosen in the page chooser (or already chosen from the page's header)."""

    article = forms.ModelChoiceField(
        label=_("Article"),
        # Set for each form: choosing the types reads their content types.
        queryset=Page.objects.none(),
        widget=AdminPageChooser(target_models=list(queries.correctable_models())),
        error_messages={
            "invalid_choice": _(
                "Choisissez un article publié : un brouillon ne reçoit pas de rectificatif."
            )
        },
    )

    # Who replies and the newsroom's note are a reply's, never added here.
    editor_note = None

    class Meta:
        model = Correction
        fields = ["article", "kind", "text", "published_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].queryset = queries.live_articles()
        # A reply is published from its request (« Droits de réponse »), which keeps the
        # legal record of it: never added here.
        self.fields["kind"].choices = _without_reply(self.fields["kind"].choices)


class CorrectionChangeForm(CorrectionForm):
    """A correction changed: its article stays, and a reply stays a reply."""

    class Meta:
        model = Correction
        fields = ["kind", "text", "published_at", "requester_name", "editor_note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.kind == Correction.Kind.REPLY:
            del self.fields["kind"]
        else:
            del self.fields["requester_name"]
            del self.fields["editor_note"]
            self.fields["kind"].choices = _without_reply(self.fields["kind"].choices)


def _without_reply(choices) -> list:
    return [(value, label) for value, label in choices if value != Correction.Kind.REPLY]
