"""The search page's form: the query, its filters and the order of results."""

from datetime import date

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from quotidien.news.models import Author, SectionPage

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y"]
# Days the archive's calendar can hold: a day's bounds (the next midnight) must stay dates.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)
ORDER_CHOICES = [("pertinence", _("Pertinence")), ("date", _("Date"))]
ORDERS = {"pertinence": "relevance", "date": "date"}


def _date_field(label: str) -> forms.DateField:
    out_of_range = _("« %(label)s » doit être entre le 01/01/1900 et le 31/12/2999.") % {
        "label": label
    }
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        validators=[
            MinValueValidator(FIRST_DAY, message=out_of_range),
            MaxValueValidator(LAST_DAY, message=out_of_range),
        ],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": _("« %(label)s » n’est pas une date : écrivez-la comme 31/12/2024.")
            % {"label": label}
        },
    )


class SearchForm(forms.Form):
    """What a reader may ask for; sections and authors are given, read once per request."""

    q = forms.CharField(label=_("Rechercher"), required=False, strip=True)
    rubrique = forms.TypedChoiceField(
        label=_("Rubrique"), required=False, coerce=int, empty_value=None
    )
    auteur = forms.TypedChoiceField(label=_("Auteur"), required=False, coerce=int, empty_value=None)
    du = _date_field(_("Du"))
    au = _date_field(_("Au"))
    tri = forms.ChoiceField(label=_("Trier par"), required=False, choices=ORDER_CHOICES)

    def __init__(self, data, *, sections: list[SectionPage], authors: list[Author]):
        # Labels stand above their fields in the « Affiner » panel: no colon after them.
        super().__init__(data, label_suffix="")
        self.sections = {section.pk: section for section in sections}
        self.authors = {author.pk: author for author in authors}
        invalid = _("Ce choix n’existe pas : choisissez dans la liste.")
        top = min((section.depth for section in sections), default=0)
        self.fields["rubrique"].choices = [("", _("Toutes les rubriques"))] + [
            (section.pk, "— " * (section.depth - top) + section.title) for section in sections
        ]
        self.fields["auteur"].choices = [("", _("Tous les auteurs"))] + [
            (author.pk, author.name) for author in authors
        ]
        for name in ("rubrique", "auteur", "tri"):
            self.fields[name].error_messages["invalid_choice"] = invalid

    def clean(self):
        data = super().clean()
        since, until = data.get("du"), data.get("au")
        if since and until and since > until:
            raise forms.ValidationError(
                _("La date de début (« du ») doit précéder la date de fin (« au »).")
            )
        return data

    def narrows(self) -> bool:
        """Whether a filter leaves out articles the words alone would find (the order of
        results is no filter)."""
        return any(
            self.cleaned_data.get(name) not in (None, "")
            for name in self.fields
            if name not in ("q", "tri")
        )

    def search_arguments(self) -> dict:
        """The keyword arguments of `search_articles` for valid data."""
        data = self.cleaned_data
        return {
            "query": data["q"],
            "section": self.sections.get(data["rubrique"]),
            "author": self.authors.get(data["auteur"]),
            "since": data["du"],
            "until": data["au"],
            "order": ORDERS[data["tri"] or "pertinence"],
        }
