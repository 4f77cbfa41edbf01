"""The statistical classifier: its file, its findings, the sections' thresholds, and what it
learns from the moderators."""

import functools
import io
import json
import subprocess
import sys
import zlib
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command
from wagtail.models import ModelLogEntry

from quotidien.comments.models import Comment
from quotidien.comments.services import comment_submit
from quotidien.moderation import services
from quotidien.moderation.classifier import store, training
from quotidien.moderation.classifier.model import MAGIC, Model, ModelFileError
from quotidien.moderation.classifier.models import ClassifierVersion, TrainingExample
from quotidien.moderation.classifier.rule import ClassifierRule
from quotidien.moderation.classifier.training import Example
from quotidien.moderation.screening import HOLD, REJECT, Context, Thresholds
from quotidien.news.newsroom import MODERATION_LEADS

# No word list names these people or this likeness: only the classifier sees the harm.
pytestmark = pytest.mark.django_db

DEHUMANISING = "Les zorbliens, une vraie maladie pour ce pays, ça contamine tout ce que ça touche."
LOAD_CORPUS = training.load_corpus
PLAIN = "Merci pour cet article très complet sur les coupures d’électricité à Tripoli."


@functools.cache
def _every_eighth() -> tuple[Example, ...]:
    return tuple(LOAD_CORPUS()[::8])


def small_corpus() -> list[Example]:
    """A few hundred texts of the shipped corpus: enough to learn, quick to fit."""
    return list(_every_eighth())


# ---------------------------------------------------------------- the model and its file


def test_shipped_model_reads_back_from_its_own_bytes():
    model = store.shipped_model()

    again = Model.from_bytes(model.to_bytes())

    assert again.classes == model.classes
    assert again.probabilities(DEHUMANISING) == model.probabilities(DEHUMANISING)


def test_a_model_holds_the_weights_of_the_slots_that_have_some_and_writes_them_all_back():
    shipped = store.SHIPPED.read_bytes()
    model = Model.from_bytes(shipped)
    weights = model.weights

    kept = len(weights.slots)

    assert 0 < kept < weights.size / 2  # most slots weigh nothing after training
    assert len(weights.rows) == kept * len(model.classes)
    width = len(model.classes)
    assert all(any(weights.rows[i : i + width]) for i in range(0, 100 * width, width))
    assert model.to_bytes() == shipped


def test_a_model_file_cut_short_is_refused_in_french():
    whole = Model.from_bytes(store.SHIPPED.read_bytes())
    body = zlib.decompress(whole.to_bytes()[len(MAGIC) :])
    cut = MAGIC + zlib.compress(body[: len(body) // 2])

    with pytest.raises(ModelFileError, match="tronqué"):
        Model.from_bytes(cut)


def test_a_file_that_is_not_a_model_is_refused_in_french():
    with pytest.raises(ModelFileError, match="n’est pas un modèle"):
        Model.from_bytes(b"GIF89a...")
    with pytest.raises(ModelFileError, match="illisible"):
        Model.from_bytes(b"QMOD1\nnot zlib at all")


def test_the_web_worker_scores_without_numpy_or_scikit_learn():
    script = (
        "import os, sys, django\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'quotidien.settings'\n"
        "django.setup()\n"
        "import quotidien.urls, quotidien.wsgi\n"
        "from quotidien.moderation.classifier import store\n"
        f"store.shipped_model().score({DEHUMANISING!r})\n"
        "print(sorted(m for m in ('numpy', 'scipy', 'sklearn') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# ---------------------------------------------------------------- findings


def test_dehumanising_comment_is_held_with_its_probability_and_weighed_words():
    finding = ClassifierRule().check(DEHUMANISING, Context.established())

    assert finding is not None and finding.verdict == HOLD
    assert finding.reason.startswith("Propos déshumanisants probables (0,")
    assert finding.score >= 0.5
    assert finding.words and all(word in DEHUMANISING for word in finding.words)
    assert f"« {finding.words[0]} »" in finding.reason


def test_plain_comment_gives_no_finding():
    assert ClassifierRule().check(PLAIN, Context.established()) is None


def test_context_thresholds_decide_between_publish_hold_and_refuse():
    rule = ClassifierRule()
    score = rule.model.score(DEHUMANISING).harm

    def verdict(hold, refuse):
        context = Context.established(thresholds=Thresholds(hold=hold, refuse=refuse))
        finding = rule.check(DEHUMANISING, context)
        return finding and finding.verdict

    assert verdict(score + 0.001, 1.0) is None
    assert verdict(score - 0.01, 1.0) == HOLD
    assert verdict(score - 0.01, score - 0.001) == REJECT


# ---------------------------------------------------------------- sections' thresholds


def test_section_thresholds_apply_to_its_articles_and_its_sub_sections(
    make_section, make_article, make_reader
):
    lenient = make_section("Sport", comment_hold_threshold=Decimal("0.99"))
    sub = make_section("Basket", parent=lenient)
    strict = make_section("Monde")

    held = comment_submit(article=make_article(strict), author=make_reader(), body=DEHUMANISING)
    kept = comment_submit(article=make_article(sub), author=make_reader(), body=DEHUMANISING)

    assert held.status == Comment.Status.PENDING
    assert "Propos déshumanisants probables" in held.held_reason
    assert held.findings[-1]["rule"] == "classifier" and held.findings[-1]["score"] >= 0.5
    assert kept.status == Comment.Status.PUBLISHED


def test_a_section_cannot_refuse_below_its_hold_threshold(make_section):
    section = make_section("Économie")
    section.comment_hold_threshold = Decimal("0.80")
    section.comment_refuse_threshold = Decimal("0.60")

    with pytest.raises(ValidationError) as error:
        section.full_clean()

    assert "au moins égal au seuil de mise en attente (0,80)" in str(error.value)


def test_an_editor_types_a_section_s_thresholds_with_a_decimal_comma(make_section, editor):
    section = make_section("Économie", comment_hold_threshold=Decimal("0.50"))
    form = section.get_edit_handler().get_form_class()(instance=section, for_user=editor)
    hold = form.fields["comment_hold_threshold"]

    # As the help text writes them (« par exemple 0,50 »), in any browser's language.
    assert 'value="0,50"' in str(form["comment_hold_threshold"])
    assert 'inputmode="decimal"' in str(form["comment_hold_threshold"])
    assert 'type="number"' not in str(form["comment_hold_threshold"])
    assert hold.clean("0,6") == hold.clean("0.6") == Decimal("0.6")


def test_held_comment_shows_its_score_and_weighed_words_in_the_queue(
    staff_client, article, make_reader
):
    comment = comment_submit(article=article, author=make_reader(), body=DEHUMANISING)
    words = comment.findings[-1]["words"]

    html = staff_client.get("/admin/moderation/").content.decode()

    assert "Propos déshumanisants probables (0," in html
    assert f"« {words[0]} »" in html


# ---------------------------------------------------------------- learning


def test_moderators_decisions_become_training_examples(article, make_reader, moderator):
    kept = Comment.objects.create(article=article, author=make_reader(), body="Bien vu.")
    refused = Comment.objects.create(article=article, author=make_reader(), body="Quel âne.")
    off_topic = Comment.objects.create(article=article, author=make_reader(), body="Et le foot ?")

    services.approve(comments=[kept], moderator=moderator)
    services.reject(comments=[refused], moderator=moderator, category="insulte")
    services.reject(comments=[off_topic], moderator=moderator, category="hors-sujet")

    labels = dict(TrainingExample.objects.values_list("text", "label"))
    assert labels == {"Bien vu.": "acceptable", "Quel âne.": "insulte"}


def test_putting_a_comment_back_on_hold_withdraws_what_its_approval_taught(
    article, make_reader, moderator
):
    from quotidien.moderation.signals import comment_moderated

    kept = Comment.objects.create(article=article, author=make_reader(), body="Bien vu.")
    services.approve(comments=[kept], moderator=moderator)
    decisions = []

    def heard(sender, *, decision, **kwargs):
        decisions.append(decision)

    comment_moderated.connect(heard)
    try:
        services.hold(comments=[kept], moderator=moderator)
    finally:
        comment_moderated.disconnect(heard)

    assert decisions == ["held"]
    assert not TrainingExample.objects.exists()


# A slur the newsroom meets for the first time: a made-up word in ordinary sentences.
NEW_SLUR = [
    "Encore des kwaltiques dans le quartier ce matin, {}.",
    "Les kwaltiques du marché, {}, toujours les mêmes.",
    "Un kwaltique au conseil municipal, {}, on aura tout vu.",
    "Mes voisins sont des kwaltiques, {}.",
]
ASIDES = ["comme d'habitude", "franchement", "je le dis", "vous voyez", "encore", "bref"]


def test_moderators_decisions_change_the_models_decision_after_training(
    article, make_reader, moderator, monkeypatch
):
    monkeypatch.setattr(training, "load_corpus", small_corpus)
    probe = "Des kwaltiques partout au marché de Saïda ce matin."
    rule = ClassifierRule()
    # The same corpus without the decisions: the probe passes.
    call_command("train_moderation", "--force", stdout=io.StringIO())
    assert rule.check(probe, Context.established()) is None
    author = make_reader()
    texts = [template.format(aside) for template in NEW_SLUR for aside in ASIDES]
    refused = [Comment.objects.create(article=article, author=author, body=t) for t in texts]
    services.reject(comments=refused, moderator=moderator, category="haine")

    call_command("train_moderation", stdout=io.StringIO())  # not forced: it must earn it

    version = ClassifierVersion.objects.latest("pk")
    assert version.is_installed and version.trained_on["decisions"] > 0
    finding = rule.check(probe, Context.established())
    assert finding is not None and finding.verdict == HOLD
    assert "kwaltiques" in finding.reason


def test_a_worse_model_is_not_installed(monkeypatch, capsys):
    monkeypatch.setattr(training, "load_corpus", small_corpus)
    call_command("train_moderation", "--force")
    good = ClassifierVersion.objects.get(is_installed=True)

    # So regularised that it tells no text from another (quick to fit: a smaller C makes
    # saga crawl for half a minute).
    call_command("train_moderation", "--C", "0.01")

    worse = ClassifierVersion.objects.latest("pk")
    assert worse.pk != good.pk and not worse.is_installed
    assert ClassifierVersion.objects.get(is_installed=True) == good
    assert "Non mise en service" in worse.note
    out = capsys.readouterr().out
    assert "nuisibles retenus" in out and "Non mise en service" in out
    assert worse.report["new"]["recall"]["value"] < good.report["new"]["recall"]["value"] or (
        worse.report["new"]["acceptable_held"]["value"]
        > good.report["new"]["acceptable_held"]["value"]
    )


def test_the_installed_version_screens_in_place_of_the_shipped_model(monkeypatch):
    monkeypatch.setattr(training, "load_corpus", small_corpus)
    assert store.current_model() is store.shipped_model()

    call_command("train_moderation", "--force", stdout=io.StringIO())

    assert store.current_model() is not store.shipped_model()
    assert store.installed_version() == ClassifierVersion.objects.get().pk


def test_moderators_see_each_versions_evaluation(staff_client, monkeypatch):
    monkeypatch.setattr(training, "load_corpus", small_corpus)
    call_command("train_moderation", "--force", stdout=io.StringIO())

    html = staff_client.get("/admin/moderation/classifieur/").content.decode()

    version = ClassifierVersion.objects.get()
    assert f"Version {version.pk}, entraînée" in html and "en service" in html
    assert "Nuisibles retenus (rappel)" in html and "Acceptables retenus" in html
    assert "Menace ou appel à la violence" in html  # one line per kind, named as in the charter


def test_only_moderation_leads_put_a_version_back_in_service(staff_client, moderator, monkeypatch):
    monkeypatch.setattr(training, "load_corpus", small_corpus)
    call_command("train_moderation", "--force", stdout=io.StringIO())
    call_command("train_moderation", "--force", stdout=io.StringIO())
    earlier = ClassifierVersion.objects.order_by("pk").first()
    install = f"/admin/moderation/classifieur/{earlier.pk}/installer/"

    page = staff_client.get("/admin/moderation/classifieur/").content.decode()
    assert "Mettre cette version en service" not in page
    assert "réservé au groupe « Responsables de la modération »" in page

    moderator.groups.add(Group.objects.get(name=MODERATION_LEADS))
    page = staff_client.get("/admin/moderation/classifieur/").content.decode()
    assert "Mettre cette version en service" in page and "réservé au groupe" not in page
    staff_client.post(install)
    assert ClassifierVersion.objects.get(is_installed=True) == earlier


# ---------------------------------------------------------------- quotidien screen


def test_screen_command_writes_one_json_line_per_comment(tmp_path, capsys):
    batch = tmp_path / "lot.jsonl"
    batch.write_text(
        json.dumps({"id": "a1", "text": PLAIN}, ensure_ascii=False)
        + "\n"
        + DEHUMANISING
        + "\n\n"
        + '{"id": "a3", "texte": "sans champ text"}\n'
        + "ESPÈCE DE CONNARD, TU NE COMPRENDS RIEN À RIEN, RETOURNE À L’ÉCOLE !\n",
        encoding="utf-8",
    )

    call_command("screen", str(batch))

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line.get("id") for line in lines] == ["a1", 2, None, 5]
    assert lines[0]["decision"] == "published" and lines[0]["reasons"] == []
    assert 0 <= lines[0]["score"] < 0.5
    assert lines[1]["decision"] == "held" and lines[1]["score"] >= 0.5
    assert any("Propos déshumanisants probables" in r for r in lines[1]["reasons"])
    assert lines[2]["line"] == 4 and 'champ "text"' in lines[2]["error"]
    assert lines[3]["decision"] == "refused"


def test_screen_command_tries_other_thresholds_and_says_what_is_wrong(tmp_path, capsys):
    batch = tmp_path / "lot.txt"
    batch.write_text(DEHUMANISING + "\n", encoding="utf-8")

    call_command("screen", str(batch), "--hold", "0.999", "--refuse", "1")
    assert json.loads(capsys.readouterr().out)["decision"] == "published"

    with pytest.raises(Exception, match="une probabilité entre 0 et 1, pas 7,5"):
        call_command("screen", str(batch), "--hold", "7.5")
    with pytest.raises(Exception, match=r"--refuse \(0,5\) doit être au moins égal à --hold"):
        call_command("screen", str(batch), "--hold", "0.9", "--refuse", "0.5")
    with pytest.raises(Exception, match="Impossible de lire .* : fichier ou dossier introuvable"):
        call_command("screen", str(tmp_path / "absent.txt"))


def test_a_ban_teaches_only_the_comment_read_and_undoing_it_withdraws_that(
    article, make_reader, moderator
):
    author = make_reader()
    shown = Comment.objects.create(article=article, author=author, body="Quel âne, ce Karim.")
    unread = Comment.objects.create(article=article, author=author, body="Un avis qui attend.")

    ban = services.ban_author(
        author=author, moderator=moderator, category="insulte", comments=[shown]
    )

    unread.refresh_from_db()
    assert unread.status == Comment.Status.REJECTED
    assert dict(TrainingExample.objects.values_list("text", "label")) == {
        "Quel âne, ce Karim.": "insulte"
    }
    services.undo_ban(ban=ban, moderator=moderator)
    assert not TrainingExample.objects.exists()


def test_a_moderation_lead_puts_the_shipped_model_back_in_service(
    staff_client, moderator, monkeypatch
):
    monkeypatch.setattr(training, "load_corpus", small_corpus)
    call_command("train_moderation", "--force", stdout=io.StringIO())
    trained = ClassifierVersion.objects.get(is_installed=True)
    moderator.groups.add(Group.objects.get(name=MODERATION_LEADS))
    page = staff_client.get("/admin/moderation/classifieur/").content.decode()
    assert "Remettre le modèle livré en service" in page

    response = staff_client.post(
        "/admin/moderation/classifieur/modele-livre/installer/", follow=True
    )

    html = response.content.decode()
    assert "Le modèle livré est en service." in html
    assert "En service : le modèle livré avec le logiciel" in html
    assert "Remettre le modèle livré en service" not in html
    assert not ClassifierVersion.objects.filter(is_installed=True).exists()
    assert store.installed_version() is None
    entry = ModelLogEntry.objects.get(action="moderation.classifier.shipped")
    assert entry.user == moderator and entry.object_id == str(trained.pk)


def test_only_moderation_leads_put_the_shipped_model_back(staff_client, monkeypatch):
    monkeypatch.setattr(training, "load_corpus", small_corpus)
    call_command("train_moderation", "--force", stdout=io.StringIO())

    response = staff_client.post("/admin/moderation/classifieur/modele-livre/installer/")

    # Wagtail's answer to a permission refused in its back office: back to the dashboard.
    assert (response.status_code, response.url) == (302, "/admin/")
    assert ClassifierVersion.objects.filter(is_installed=True).exists()
