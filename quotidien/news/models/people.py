"""Who signs the paper's articles: its authors and the agencies whose stories it runs."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from ..admin_forms import AuthorForm
from ..images import NewsImage


class Author(models.Model):
    """A journalist or contributor who signs articles."""

    name = models.CharField(_("nom"), max_length=120)
    slug = models.SlugField(_("identifiant"), max_length=120, unique=True)
    role = models.CharField(_("fonction"), max_length=120, blank=True)
    bio = models.TextField(_("biographie"), blank=True)
    photo = models.ForeignKey(
        NewsImage,
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Un portrait, montré sur la page de l’auteur et dans le bandeau Opinions."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="byline",
        help_text=_(
            "Le compte de l’auteur dans le back-office : ses nouveaux articles portent sa "
            "signature d’office. Vide : un signataire sans compte (pigiste, invité)."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("user"),
    ]
    # The account list offers the newsroom's staff only, not every reader.
    base_form_class = AuthorForm

    class Meta:
        ordering = ["name"]
        verbose_name = _("auteur")
        verbose_name_plural = _("auteurs")

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    """A news agency whose stories the paper runs."""

    name = models.CharField(_("nom"), max_length=120)
    short_name = models.CharField(
        _("sigle"), max_length=20, help_text=_("Ce qui figure dans la signature, ex. « ALP ».")
    )
    slug = models.SlugField(_("identifiant"), max_length=60, unique=True)

    panels = [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("agence")
        verbose_name_plural = _("agences")

    def __str__(self) -> str:
        return self.short_name
