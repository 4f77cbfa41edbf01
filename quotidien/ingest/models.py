"""What the wire desk keeps: per-agency settings, push tokens, subject mappings, items, reports.

Nothing here adds to the news app's articles: a wire item points to the article it became.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.panels import FieldPanel

from quotidien.french.dates import french_datetime
from quotidien.news.models import Agency, ArticlePage, SectionPage

from .dates import PublicationDates, publication_dates

# An import that has written nothing for this long and has no end was stopped half way.
DEFAULT_STALE_MINUTES = 15


class AgencyFeed(models.Model):
    """How one agency's wires arrive: straight online or as drafts, and where unmapped ones go."""

    class Arrival(models.TextChoices):
        DRAFT = "draft", _("En brouillon : un éditeur relit puis publie")
        PUBLISH = "publish", _("Publiées aussitôt (ou à la levée de l’embargo)")

    agency = models.OneToOneField(
        Agency, on_delete=models.CASCADE, related_name="wire_feed", verbose_name=_("agence")
    )
    arrival = models.CharField(
        _("arrivée des dépêches"), max_length=10, choices=Arrival.choices, default=Arrival.DRAFT
    )
    default_section = models.ForeignKey(
        SectionPage,
        verbose_name=_("rubrique par défaut"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Pour les dépêches qu’aucune correspondance ne classe."),
    )
    keywords_as_tags = models.BooleanField(
        _("mots-clés de l’agence en mots-clés du site"),
        default=False,
        help_text=_("En plus des mots-clés donnés par les correspondances."),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Décocher pour refuser les dépêches de l’agence.")
    )

    panels = [
        FieldPanel("agency"),
        FieldPanel("arrival"),
        FieldPanel("default_section"),
        FieldPanel("keywords_as_tags"),
        FieldPanel("active"),
    ]

    class Meta:
        verbose_name = _("fil d’agence")
        verbose_name_plural = _("fils d’agence")

    def __str__(self) -> str:
        return str(self.agency)

    def clean(self):
        super().clean()
        section = self.default_section
        if section is not None and (
            not section.live or section.get_ancestors().filter(depth__gt=1, live=False).exists()
        ):
            raise ValidationError(
                {
                    "default_section": _(
                        "« %(section)s » n’est pas en ligne : ses dépêches y seraient publiées "
                        "sans qu’aucun lecteur puisse les lire. Publiez la rubrique ou "
                        "choisissez-en une autre."
                    )
                    % {"section": section.title}
                }
            )

    @admin.display(description=_("active"))
    def get_active_display(self) -> str:
        return _("Oui") if self.active else _("Non")

    @property
    def publishes(self) -> bool:
        return self.arrival == self.Arrival.PUBLISH


class WireToken(models.Model):
    """A secret an agency sends to push wires; only its SHA-256 is stored."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="wire_tokens", verbose_name=_("agence")
    )
    label = models.CharField(_("libellé"), max_length=120, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dernier usage"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)

    class Meta:
        verbose_name = _("jeton d’agence")
        verbose_name_plural = _("jetons d’agence")

    def __str__(self) -> str:
        return f"{self.agency} — {self.label or self.pk}"


class SubjectMapping(models.Model):
    """A wire subject code or keyword that files a story under a section and adds tags."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agence"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subject_mappings",
        help_text=_("Laisser vide pour toutes les agences."),
    )
    code = models.CharField(
        _("code ou mot-clé"),
        max_length=200,
        help_text=_(
            "Code IPTC tel que l’envoie l’agence (« medtop:20000763 », « subj:04000000 »), "
            "nom de sujet ou mot-clé (« élections »). Majuscules et minuscules indifférentes."
        ),
    )
    section = models.ForeignKey(
        SectionPage,
        verbose_name=_("rubrique"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = models.CharField(
        _("mots-clés du site"),
        max_length=255,
        blank=True,
        help_text=_("Séparés par des virgules."),
    )
    priority = models.PositiveSmallIntegerField(
        _("priorité"),
        default=100,
        help_text=_("Quand plusieurs correspondances donnent une rubrique, la plus petite gagne."),
    )

    panels = [
        FieldPanel("agency"),
        FieldPanel("code"),
        FieldPanel("section"),
        FieldPanel("tags"),
        FieldPanel("priority"),
    ]

    class Meta:
        ordering = ["priority", "code"]
        verbose_name = _("correspondance de sujet")
        verbose_name_plural = _("correspondances de sujets")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "code"],
                condition=Q(agency__isnull=False),
                name="ingest_mapping_unique_per_agency",
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(agency__isnull=True),
                name="ingest_mapping_unique_for_all",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def save(self, *args, **kwargs):
        self.code = self.code.strip()
        super().save(*args, **kwargs)

    @property
    def tag_names(self) -> list[str]:
        return [name.strip() for name in self.tags.split(",") if name.strip()]


class WireItem(models.Model):
    """One agency item as last imported: which version, which content, which article."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="wire_items", verbose_name=_("agence")
    )
    guid = models.CharField(_("identifiant de l’agence"), max_length=500)
    version = models.PositiveIntegerField(_("version"), default=1)
    version_created = models.DateTimeField(_("version du"), null=True, blank=True)
    first_created = models.DateTimeField(
        _("première version du"),
        null=True,
        blank=True,
        help_text=_("Date que l’agence donne à la première version : celle que l’article garde."),
    )
    content_hash = models.CharField(
        _("empreinte du contenu"),
        max_length=64,
        help_text=_("Une autre empreinte : le texte a changé depuis la dernière importation."),
    )
    format = models.CharField(_("format"), max_length=20)
    headline = models.CharField(_("titre"), max_length=255)
    embargoed_until = models.DateTimeField(_("sous embargo jusqu’au"), null=True, blank=True)
    withdrawn = models.BooleanField(_("retirée par l’agence"), default=False)
    pictures = models.JSONField(
        _("photos annoncées"),
        default=list,
        blank=True,
        help_text=_("Légende, crédit et référence de chaque photo, même absente du dossier."),
    )
    article = models.ForeignKey(
        ArticlePage,
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("importée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("mise à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("dépêche")
        verbose_name_plural = _("dépêches")
        constraints = [
            models.UniqueConstraint(fields=["agency", "guid"], name="ingest_item_unique_guid"),
        ]

    def __str__(self) -> str:
        return f"{self.headline} (v{self.version})"

    @admin.display(description=_("retirée par l’agence"))
    def get_withdrawn_display(self) -> str:
        return _("Oui") if self.withdrawn else _("Non")

    def publication_dates(self, *, now: datetime) -> PublicationDates:
        """The dates its article is published under (see dates.py)."""
        return publication_dates(
            first_created=self.first_created,
            version_created=self.version_created,
            embargo=self.embargoed_until,
            now=now,
        )


class ImportReport(models.Model):
    """One run of an import (a file, a folder or a pushed wire) and what came of it.

    Its counts grow as each item commits, so a run stopped half way (a worker recycled, a
    command killed) still says what it imported; it never gets an end, and once quiet for
    a while it is shown as interrupted.
    """

    class State(models.TextChoices):
        RUNNING = "running", _("en cours")
        FINISHED = "finished", _("terminé")
        FAILED = "failed", _("échoué")
        INTERRUPTED = "interrupted", _("interrompu")

    source = models.CharField(_("source"), max_length=500)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agence"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("début"), auto_now_add=True)
    finished_at = models.DateTimeField(_("fin"), null=True, blank=True)
    created = models.PositiveIntegerField(_("créées"), default=0)
    updated = models.PositiveIntegerField(_("révisées"), default=0)
    unchanged = models.PositiveIntegerField(_("inchangées"), default=0)
    published = models.PositiveIntegerField(
        _("brouillons publiés"),
        default=0,
        help_text=_("Dépêches déjà importées en brouillon, publiées par cet import."),
    )
    withdrawn = models.PositiveIntegerField(_("retirées"), default=0)
    failed = models.PositiveIntegerField(_("en échec"), default=0)
    last_activity_at = models.DateTimeField(
        _("dernière activité"),
        null=True,
        blank=True,
        help_text=_("Quand l’import a écrit pour la dernière fois (une dépêche, une ligne)."),
    )

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("rapport d’import")
        verbose_name_plural = _("rapports d’import")

    def __str__(self) -> str:
        return f"{self.source} — {french_datetime(self.started_at)}"

    @property
    def state(self) -> "ImportReport.State":
        """Finished, failed (finished with items in failure), still running, or stopped
        half way (no end, quiet for too long)."""
        if self.finished_at is not None:
            return self.State.FAILED if self.failed else self.State.FINISHED
        minutes = getattr(settings, "QUOTIDIEN_WIRE_IMPORT_STALE_MINUTES", DEFAULT_STALE_MINUTES)
        last = self.last_activity_at or self.started_at
        if last is not None and timezone.now() - last > timedelta(minutes=int(minutes)):
            return self.State.INTERRUPTED
        return self.State.RUNNING

    @admin.display(description=_("état"))
    def get_state_display(self) -> str:
        state = self.state
        if state == self.State.FAILED:
            return ngettext(
                "échoué (%(count)s dépêche en échec)",
                "échoué (%(count)s dépêches en échec)",
                self.failed,
            ) % {"count": self.failed}
        return self.State(state).label

    @admin.display(description=_("détail par dépêche"))
    def details(self) -> str:
        """The report's lines as a list, for the back office."""
        rows = format_html_join(
            "",
            "<li><strong>{}</strong> — {} : {}</li>",
            (
                (line.item, line.get_outcome_display(), line.message)
                for line in self.lines.all()[:1000]
            ),
        )
        return format_html("<ul>{}</ul>", rows) if rows else "—"

    get_details_display = details


class ImportReportLine(models.Model):
    """What happened to one item of an import, in words an editor understands."""

    class Outcome(models.TextChoices):
        CREATED = "created", _("créée")
        UPDATED = "updated", _("révisée")
        UNCHANGED = "unchanged", _("inchangée")
        PUBLISHED = "published", _("publiée")
        WITHDRAWN = "withdrawn", _("retirée")
        SKIPPED = "skipped", _("ignorée")
        FAILED = "failed", _("en échec")
        WARNING = "warning", _("avertissement")

    report = models.ForeignKey(ImportReport, on_delete=models.CASCADE, related_name="lines")
    item = models.CharField(_("dépêche"), max_length=500)
    outcome = models.CharField(_("résultat"), max_length=10, choices=Outcome.choices)
    message = models.TextField(_("détail"), blank=True)
    article = models.ForeignKey(
        ArticlePage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("ligne de rapport")
        verbose_name_plural = _("lignes de rapport")

    def __str__(self) -> str:
        return f"{self.item} : {self.get_outcome_display()}"


class WireUpload(models.Model):
    """A wire file, or a zip of them, an editor sent in the back office: kept here until the
    worker has imported it (not among the media files, which the site serves), then deleted,
    its report standing for it."""

    name = models.CharField(_("fichier"), max_length=255)
    data = models.BinaryField(_("contenu"), editable=False)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agence"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("envoyé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("envoyé le"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("envoi de dépêches")
        verbose_name_plural = _("envois de dépêches")

    def __str__(self) -> str:
        return self.name
