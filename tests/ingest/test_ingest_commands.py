"""The wire desk's commands: import_wires (once or watching) and create_wire_token."""

import hashlib
import os
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from quotidien.ingest.management.commands import import_wires
from quotidien.ingest.models import AgencyFeed, ImportReport, WireToken
from quotidien.ingest.tokens import agency_token
from quotidien.news.models import ArticlePage, SectionPage


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_with_status(*args) -> tuple[int, str, str]:
    """The exit status `quotidien import_wires …` ends with, and what it printed."""
    out, err = StringIO(), StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except CommandError as error:  # what manage.py turns into sys.exit(returncode)
        err.write(str(error))
        return error.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_import_wires_with_some_items_failing_prints_them_then_exits_1(desk, wires):
    status, out, err = run_with_status("import_wires", str(wires))

    assert status == 1
    assert "newsml/alp-festival.xml [urn:newsml:alp.example:20240504:festival-baalbek]" in out
    assert "créée : Article « À Baalbek" in out
    assert (
        "4 créée(s), 1 révisée(s), 0 inchangée(s), 0 brouillon(s) publié(s), 0 retirée(s), "
        "0 ignorée(s), 5 en échec." in out
    )
    assert "malformed/billion-laughs.xml — en échec : XML refusé" in err
    assert "avertissement : Photo « 2024-0588-1-high.jpg » absente" in err
    assert err.rstrip().endswith(
        "5 dépêche(s) en échec sur 10 : voir ci-dessus ou le rapport "
        f"n° {ImportReport.objects.get().pk} (Dépêches > Rapports d’import)."
    )


def test_import_wires_with_every_item_failing_exits_1(desk, alp, wires):
    status, out, err = run_with_status("import_wires", str(wires / "malformed"), "--agency", "alp")

    assert status == 1
    assert "0 créée(s)" in out and "5 en échec." in out
    assert "truncated.json — en échec : JSON illisible" in err
    assert ArticlePage.objects.count() == 0


def test_import_wires_twice_reports_everything_unchanged_and_exits_0(desk, wires):
    run("import_wires", str(wires / "ninjs1"))

    status, out, _ = run_with_status("import_wires", str(wires / "ninjs1"))

    assert status == 0
    assert "0 créée(s), 0 révisée(s), 2 inchangée(s)" in out


def test_import_wires_refuses_a_missing_path_or_unknown_agency(desk, tmp_path):
    with pytest.raises(CommandError, match="n’existe pas") as missing:
        run("import_wires", str(tmp_path / "absent"))
    with pytest.raises(CommandError, match="Agence « zzz » inconnue"):
        run("import_wires", str(tmp_path), "--agency", "zzz")
    assert missing.value.returncode == 2


def test_section_option_files_the_items_no_mapping_places(desk, wires):
    desalination = wires / "ninjs2" / "nws-desalination-embargo.json"

    status, out, _ = run_with_status("import_wires", str(desalination), "--section", "culture")

    assert status == 0
    article = ArticlePage.objects.get()
    assert article.get_parent().specific == desk["culture"]  # not the feed's default, Monde


def test_unknown_section_is_refused_with_the_known_ones(desk, wires):
    with pytest.raises(CommandError) as refused:
        run("import_wires", str(wires / "ninjs1"), "--section", "sport")

    assert str(refused.value) == (
        "Rubrique « sport » inconnue (rubriques : economie, culture, liban, monde)."
    )
    assert refused.value.returncode == 2
    assert ArticlePage.objects.count() == 0


def test_publish_and_draft_options_override_the_feed(desk, alp, wires):
    AgencyFeed.objects.filter(agency=alp).update(arrival=AgencyFeed.Arrival.DRAFT)

    out, _ = run("import_wires", str(wires / "ninjs1" / "alp-port-v1.json"), "--publish")
    run("import_wires", str(wires / "newsml" / "alp-festival.xml"), "--draft")

    port, festival = ArticlePage.objects.order_by("pk")
    assert port.live and "(publié, daté du 02/05/2024" in out
    assert not festival.live and festival.has_unpublished_changes


def test_watch_imports_files_as_they_arrive_past_a_failing_one(desk, wires, tmp_path, monkeypatch):
    pauses = []
    monkeypatch.setattr(import_wires.time, "sleep", pauses.append)
    inbox = tmp_path / "arrivees"
    inbox.mkdir()
    (inbox / "a-casse.json").write_text('{"uri": "urn:casse", "headline": ')
    (inbox / "port.json").write_bytes((wires / "ninjs1" / "alp-port-v1.json").read_bytes())
    (inbox / "alp-port.jpg").write_bytes((wires / "ninjs1" / "alp-port.jpg").read_bytes())
    settled = time.time() - 60  # written a minute ago: complete, not still being copied
    for name in ("a-casse.json", "port.json"):
        os.utime(inbox / name, (settled, settled))

    status, out, err = run_with_status(
        "import_wires", str(inbox), "--watch", "--interval", "0,5", "--max-rounds", "3"
    )

    assert "Surveillance de" in err and pauses == [0.5, 0.5]
    assert out.count("1 créée(s)") == 1  # imported once, not at every round
    assert ArticlePage.objects.count() == 1
    assert "a-casse.json — en échec" in err
    assert status == 1


def test_create_wire_token_prints_it_once_and_stores_only_its_hash(alp):
    out, err = run("create_wire_token", "alp", "--label", "serveur ALP")

    token = out.strip()
    record = WireToken.objects.get()
    assert token.startswith("qtw_") and len(token) > 40
    assert record.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in record.token_hash and record.label == "serveur ALP"
    assert "Jeton d’Agence Levant Presse (à transmettre" in err
    assert "il ne sera plus affiché" in err
    assert agency_token(token) == record


def test_create_wire_token_says_de_before_a_consonant(nws):
    _out, err = run("create_wire_token", "nws")

    assert "Jeton de Northwind Wire Service (à transmettre" in err


def test_revoked_tokens_no_longer_authenticate(alp):
    old, _ = run("create_wire_token", "alp")

    new, err = run("create_wire_token", "alp", "--revoke")

    assert "1 jeton(s) révoqué(s)" in err
    assert agency_token(old.strip()) is None
    assert agency_token(new.strip()) is not None


def test_create_wire_token_for_an_unknown_agency_lists_the_known_ones(alp):
    with pytest.raises(CommandError, match="agences : alp"):
        run("create_wire_token", "zzz")


def test_an_unpublished_section_is_refused_with_the_live_ones(desk, home, make_section, wires):
    draft = SectionPage(title="Brouillon", slug="brouillon-rubrique", live=False)
    home.add_child(instance=draft)
    make_section("Sous-rubrique", parent=draft, slug="sous")  # published, under a draft

    for name in ("brouillon-rubrique", "brouillon-rubrique/sous"):
        status, out, err = run_with_status(
            "import_wires", str(wires / "ninjs1"), "--section", name, "--publish"
        )

        assert status == 2
        assert err == (
            f"La rubrique « {name} » n’est pas en ligne (elle ou une page au-dessus d’elle "
            "n’est pas publiée) : ses articles seraient introuvables. Publiez-la ou choisissez "
            "une rubrique en ligne (rubriques : economie, culture, liban, monde)."
        )
    assert ArticlePage.objects.count() == 0 and ImportReport.objects.count() == 0


@pytest.mark.parametrize(
    ("options", "told"),
    [
        (
            ["--watch", "--interval", "-1"],
            "--interval : « -1 » n’est pas un nombre de secondes positif",
        ),
        (
            ["--watch", "--interval", "nan"],
            "--interval : « nan » n’est pas un nombre de secondes positif",
        ),
        (
            ["--watch", "--interval", "0"],
            "--interval : « 0 » n’est pas un nombre de secondes positif",
        ),
        (
            ["--watch", "--max-rounds", "-1"],
            "--max-rounds : « -1 » n’est pas un nombre de passages",
        ),
        (["--section", " "], "Rubrique vide : donnez le chemin"),
        (["--publish", "--draft"], "--publish et --draft s’excluent"),
    ],
    ids=[
        "negative-interval",
        "nan-interval",
        "zero-interval",
        "negative-rounds",
        "blank-section",
        "publish-draft",
    ],
)
def test_bad_options_are_refused_in_french_before_any_import(desk, wires, options, told):
    status, out, err = run_with_status("import_wires", str(wires / "ninjs1"), *options)

    assert status == 2
    assert err.startswith(told)
    assert ArticlePage.objects.count() == 0 and ImportReport.objects.count() == 0


def test_a_run_that_finds_no_file_keeps_no_report(desk, tmp_path):
    (tmp_path / "notes.txt").write_text("Pas une dépêche.")

    status, out, err = run_with_status("import_wires", str(tmp_path))

    assert status == 0
    assert out == f"Aucune dépêche dans « {tmp_path} » : rien à importer.\n"
    assert ImportReport.objects.count() == 0
