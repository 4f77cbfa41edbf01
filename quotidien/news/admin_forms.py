"""The back office's forms and panels for the paper's pages: the front page, sections and
articles."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.forms.boundfield import BoundField
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels import MultipleChooserPanel, Panel
from wagtail.admin.widgets import AdminAutoHeightTextInput

from quotidien.grants import EDITORS, JOURNALISTS
from quotidien.text import without_control_characters

from .slugs import ascii_slug, free_slug

# The tab of the page form where the slug is (Wagtail's "Promote" tab).
SLUG_TAB = _("Promotion")


# Errors of reading what a browser posts when the post is not the form's own.
_UNREADABLE = (KeyError, ValueError, TypeError, OverflowError)


class PostedBoundField(BoundField):
    """A page form's field that reads a posted value it cannot use as missing.

    A post the form never makes (a photo or an agency named by a word, an author's number
    beyond any key of the database, a body without its block count or with an absurd one)
    made Wagtail's widgets and the database raise, a server error. Such a field reads the
    value it had before instead, and the form says which field came back unreadable.
    """

    @property
    def data(self):
        try:
            value = super().data
        except _UNREADABLE:
            return self._unreadable()
        if isinstance(self.field, forms.ModelChoiceField) and not _are_keys(self.field, value):
            return self._unreadable()
        return value

    def _unreadable(self):
        self.form.unreadable_fields.add(self.name)
        return self.initial


class PostedPageForm(WagtailAdminPageForm):
    """A page form that answers a tampered post with a form error (see PostedBoundField)."""

    bound_field_class = PostedBoundField

    def __init__(self, *args, **kwargs):
        self.unreadable_fields: set[str] = set()
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned_data = super().clean()
        for name in sorted(self.unreadable_fields):
            self.add_error(
                name,
                ValidationError(
                    _(
                        "Ce champ n’est pas arrivé tel que le formulaire l’envoie : il garde "
                        "sa valeur précédente. Vérifiez-le, puis enregistrez de nouveau."
                    ),
                    code="unreadable",
                ),
            )
        return cleaned_data


def _are_keys(field: forms.ModelChoiceField, value) -> bool:
    """Whether the posted `value` (one or several) can each be a key of the field's model:
    a number within the column's range for a numeric key."""
    if value in field.empty_values:
        return True
    model = field.queryset.model
    key = model._meta.get_field(field.to_field_name) if field.to_field_name else model._meta.pk
    values = value if isinstance(value, list | tuple) else [value]
    try:
        for one in values:
            key.run_validators(key.to_python(one))
    except ValidationError:
        return False
    return True


class NewsPageForm(PostedPageForm):
    """A page form that gives a page never published a free slug derived from its title.

    The slug field follows the headline as it is typed; when another page of the section
    has that slug already (often a draft saved while the form was incomplete), the page
    takes the next free one instead of failing on a tab the journalist does not see. A
    slug typed by hand that is taken is refused, with a message at the top of the form.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.first_published_at is None and "slug" in self.fields:
            # Left empty, the slug is made from the title (see clean_slug).
            self.fields["slug"].required = False
        for field in self.fields.values():
            if isinstance(field, forms.DecimalField):
                _with_decimal_comma(field)

    def clean_slug(self) -> str:
        slug = self.cleaned_data.get("slug") or ""
        if self.instance.first_published_at is not None or self.parent_page is None:
            return slug  # a published address is not changed behind the editor's back
        title = self.cleaned_data.get("title") or self.data.get("title") or ""
        # A headline without Latin letters (Arabic) has no ASCII slug: the page's kind
        # stands in for it ("article", "article-2"…), which the editor may change.
        derived = ascii_slug(title) or ascii_slug(str(self.instance._meta.verbose_name))
        if derived and slug.strip("-") in ("", derived):
            return free_slug(derived, parent=self.parent_page, page=self.instance)
        return slug

    def clean(self):
        slug = self.cleaned_data.get("slug")
        cleaned_data = super().clean()
        if slug and "slug" not in cleaned_data:  # Wagtail refused it: taken in the section
            self.add_error(
                NON_FIELD_ERRORS,
                ValidationError(
                    _(
                        "L’adresse « %(slug)s » est déjà celle d’une autre page de cette "
                        "rubrique : choisissez-en une autre dans l’onglet « %(tab)s », champ "
                        "« slug »."
                    ),
                    code="slug_taken",
                    params={"slug": slug, "tab": SLUG_TAB},
                ),
            )
        return cleaned_data

    def get_field_updates_for_resave(self):
        # After a background save (autosave), the open form learns the slug the page took.
        updates = super().get_field_updates_for_resave()
        if self.data.get("slug") != self.instance.slug:
            updates.append(("slug", self.instance.slug))
        return updates


class ArticlePageForm(NewsPageForm):
    """An article's form: a new article starts signed by the author whose account writes
    it. The journalist adds co-authors beside their name; an editor changes the byline."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("authors")
        if field is None or self.is_bound or self.instance.pk is not None:
            return
        user = getattr(self, "for_user", None)
        if user is not None and user.is_authenticated:
            own = list(field.queryset.filter(user=user).values_list("pk", flat=True))
            if own:
                self.initial["authors"] = own

    def is_valid(self) -> bool:
        # The « Lire aussi » picks are a formset, cleaned after the form: checked here.
        valid = super().is_valid()
        links = self.formsets.get("related_links")
        if links is None or self.instance.pk is None:
            return valid
        for form in links.forms:
            data = getattr(form, "cleaned_data", None) or {}
            picked = data.get("article")
            if picked is not None and picked.pk == self.instance.pk and not data.get("DELETE"):
                form.add_error(
                    "article",
                    ValidationError(
                        _("Un article ne se recommande pas lui-même : choisissez-en un autre."),
                        code="itself",
                    ),
                )
                valid = False
        return valid


class AuthorForm(WagtailAdminModelForm):
    """An author's form: the account to link is chosen among the newsroom's staff
    (journalists, editors, administrators), by name, not among the readers' accounts."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if field := self.fields.get("user"):
            staff = models.Q(groups__name__in=[JOURNALISTS, EDITORS]) | models.Q(is_superuser=True)
            if self.instance.user_id is not None:  # kept even if they left the newsroom
                staff |= models.Q(pk=self.instance.user_id)
            field.queryset = get_user_model().objects.filter(staff).distinct().order_by("username")
            field.label_from_instance = staff_label


def staff_label(user) -> str:
    """« Nadia Khoury (journaliste) »: the name the newsroom knows, and the login."""
    name = user.get_display_name()
    return name if name == user.username else f"{name} ({user.username})"


class HeadlineInput(AdminAutoHeightTextInput):
    """The headline's field: as many lines as the headline takes, so that a long one is
    read whole while it is written, and stored on one line whatever keys were pressed."""

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        if not isinstance(value, str):
            return value
        # Control characters out first: some (VT, NEL) count as spaces to split(), and
        # would leave two spaces where they stood between a word and the next.
        return " ".join(without_control_characters(value).split())


class SearchableCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes with a search box above them that narrows the list as one types (accents
    and case aside): the article's authors among a newsroom's hundreds of names, chosen
    with a click each instead of Ctrl-clicks in a bare list. Without script, the list."""

    template_name = "news/admin/widgets/searchable_checkboxes.html"

    def __init__(self, attrs=None, choices=(), *, search_label: str, sort_key=None):
        super().__init__(attrs, choices)
        self.search_label = search_label
        # How the list is ordered, from each choice's label (None: as the field gives it).
        self.sort_key = sort_key

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        if self.sort_key is not None:
            groups.sort(key=lambda group: self.sort_key(str(group[1][0]["label"])))
        return groups

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["search_label"] = self.search_label
        return context

    class Media:
        js = ["news/admin/searchable-checkboxes.js"]


class NewFirstChooserPanel(MultipleChooserPanel):
    """Chosen items in an order the editors arrange, where a newly chosen one goes first
    instead of last: the front page's latest story becomes its lead at once, and is moved
    down, if need be, with the arrows (several chosen at once keep the order chosen)."""

    class BoundPanel(MultipleChooserPanel.BoundPanel):
        template_name = "news/admin/panels/new_first_chooser_panel.html"

        @property
        def media(self):
            return super().media + forms.Media(js=["news/admin/new-first.js"])


class ChosenArticlePanel(Panel):
    """Under an article chosen for the front page: its section, when it was published and
    its photo, so that an editor tells the stories apart without opening them; a warning
    when it is not online (the front page leaves it out)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "news/admin/panels/chosen_article.html"

        def is_shown(self):
            return getattr(self.instance, "article_id", None) is not None

        def get_context_data(self, parent_context=None):
            from .models import ArticlePage

            context = super().get_context_data(parent_context)
            article = (
                ArticlePage.objects.select_related("lead_image")
                .filter(pk=self.instance.article_id)
                .first()
            )
            context["article"] = article
            context["section"] = article.get_parent() if article is not None else None
            return context


def _with_decimal_comma(field: forms.DecimalField) -> None:
    """`field` written and read as French writes numbers (« 0,50 »; « 0.50 » is read too)
    in a text box with the phone's decimal keypad: a number box takes what the browser's
    language makes of it, and refuses « 0,50 » in an English one."""
    field.localize = True
    field.widget = forms.TextInput(attrs={"inputmode": "decimal"})
    field.widget.is_localized = True
