"""The public right-of-reply form and the back office's forms for a request."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from quotidien.french.typography import french_number, french_size, french_size_past

from . import queries, services
from .models import DOCUMENT_MAX_BYTES, NOTE_MAX_LENGTH, TEXT_MAX_LENGTH

# The kinds of supporting documents accepted, by extension, with the bytes each starts with.
DOCUMENT_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
BAD_ARTICLE = _(
    "Nous ne trouvons pas cet article : copiez l’adresse d’un article publié sur ce site, "
    "telle qu’elle apparaît dans votre navigateur (par exemple https://…/monde/titre/)."
)


class FrenchMaxLengthValidator(MaxLengthValidator):
    """Django's limit on a text's length, its numbers as French writes them (« 10 000 »)."""

    def __call__(self, value):
        if len(value) > self.limit_value:
            raise ValidationError(
                _("Texte trop long : %(max)s caractères au plus (celui-ci en a %(length)s)."),
                code="max_length",
                params={
                    "max": french_number(self.limit_value),
                    "length": french_number(len(value)),
                },
            )


class TextWithLineBreaks(forms.CharField):
    """A long text whose line breaks count once against its length (browsers send each as
    « \\r\\n »), and whose limit is told as French writes numbers."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if self.max_length is not None:
            self.validators = [
                FrenchMaxLengthValidator(self.max_length) if type(v) is MaxLengthValidator else v
                for v in self.validators
            ]

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


def _cleaned_line(value: str, *, field: str, required: bool = True) -> str:
    try:
        return services.clean_line(value, field=field, required=required)
    except ValidationError as error:
        raise forms.ValidationError(error.error_dict[field]) from None


class ReplyRequestForm(forms.Form):
    """What a person named in an article sends to have their reply published."""

    # What the error summary calls a field whose label is a sentence.
    SUMMARY_LABELS = {"declaration": _("Déclaration")}

    name = forms.CharField(label=_("Vos nom et prénom"), max_length=150)
    email = forms.EmailField(
        label=_("Adresse e-mail"),
        max_length=254,
        help_text=_("Nous y envoyons l’accusé de réception, puis notre réponse."),
    )
    phone = forms.CharField(
        label=_("Téléphone (facultatif)"),
        max_length=40,
        required=False,
        # A phone's keypad, and the number the browser knows.
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    article = forms.CharField(
        label=_("Adresse de l’article"),
        max_length=1000,
        help_text=_("L’adresse de la page de l’article, copiée depuis votre navigateur."),
    )
    text = TextWithLineBreaks(
        label=_("Texte de votre réponse"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "%(max)s caractères au plus. La loi permet une réponse aussi longue que l’article."
        )
        % {"max": french_number(TEXT_MAX_LENGTH)},
    )
    document = forms.FileField(
        label=_("Pièce justificative (facultative)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        help_text=_("PDF, JPEG ou PNG, %(max)s au plus.")
        % {"max": french_size(DOCUMENT_MAX_BYTES)},
    )
    declaration = forms.BooleanField(
        label=_(
            "Je certifie être la personne nommée ou désignée dans cet article, ou la "
            "représenter, et que les informations données sont exactes."
        ),
        error_messages={
            "required": _(
                "Cochez la case de la déclaration : la loi ouvre ce droit à la personne "
                "nommée ou à qui la représente."
            )
        },
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.found_article: Page | None = None

    def error_summary(self) -> list[tuple[str, str]]:
        """The errors to list above the form, each as (the id of its field, or "" for the
        form's own, and the text « Adresse e-mail : Champ requis. »)."""
        summary = [("", str(error)) for error in self.non_field_errors()]
        for field in self:
            label = self.SUMMARY_LABELS.get(field.name, field.label)
            summary += [(field.id_for_label, f"{label} : {error}") for error in field.errors]
        return summary

    def clean_name(self) -> str:
        return _cleaned_line(self.cleaned_data["name"], field="name")

    def clean_phone(self) -> str:
        return _cleaned_line(self.cleaned_data["phone"], field="phone", required=False)

    def clean_article(self) -> str:
        address = self.cleaned_data["article"]
        article = queries.article_at(address, self.request)
        if article is None:
            raise forms.ValidationError(BAD_ARTICLE, code="article")
        self.found_article = article
        return address

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if not document:
            return None
        extension = document.name.rsplit(".", 1)[-1].lower() if "." in document.name else ""
        signatures = DOCUMENT_SIGNATURES.get(extension)
        head = document.read(8)
        document.seek(0)
        if signatures is None or not head.startswith(signatures):
            raise forms.ValidationError(
                _("Envoyez un fichier PDF, JPEG ou PNG : ce fichier n’en est pas un."),
                code="document_type",
            )
        if document.size > DOCUMENT_MAX_BYTES:
            raise forms.ValidationError(
                _("Ce fichier pèse %(size)s : %(max)s au plus. Envoyez-en une version réduite.")
                % {
                    "size": french_size_past(document.size, DOCUMENT_MAX_BYTES),
                    "max": french_size(DOCUMENT_MAX_BYTES),
                },
                code="document_size",
            )
        return document


class PublishReplyForm(forms.Form):
    text = TextWithLineBreaks(
        label=_("Texte publié"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Le texte du demandeur ; corrigez seulement ce que la loi permet."),
    )
    editor_note = TextWithLineBreaks(
        label=_("Note de la rédaction (facultative)"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Quelques lignes publiées après la réponse, sous « Note de la rédaction ». "
            "Laissez vide s’il n’y en a pas."
        ),
    )


class RefuseReplyForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif du refus"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Envoyé au demandeur par e-mail."),
        error_messages={"required": _("Donnez le motif du refus : il est envoyé au demandeur.")},
    )
