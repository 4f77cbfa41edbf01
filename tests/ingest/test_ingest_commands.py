"""The wire desk's commands: import_wires (once or watching) and create_wire_token."""

import hashlib
import os
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from quotidien.ingest.models import WireToken
from quotidien.ingest.tokens import agency_token
from quotidien.news.models import ArticlePage


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_wires_prints_what_it_did_and_the_problems(desk, wires):
    out, err = run("import_wires", str(wires))

    assert "newsml/alp-festival.xml [urn:newsml:alp.example:20240504:festival-baalbek]" in out
    assert "créée : Article « À Baalbek" in out
    assert "4 créée(s), 1 révisée(s), 0 inchangée(s), 0 retirée(s), 5 en échec." in out
    assert "malformed/billion-laughs.xml — en échec : XML refusé" in err
    assert "avertissement : Photo « 2024-0588-1-high.jpg » absente" in err


def test_import_wires_twice_reports_everything_unchanged(desk, wires):
    run("import_wires", str(wires / "ninjs1"))

    out, _ = run("import_wires", str(wires / "ninjs1"))

    assert "0 créée(s), 0 révisée(s), 2 inchangée(s)" in out


def test_import_wires_refuses_a_missing_path_or_unknown_agency(desk, tmp_path):
    with pytest.raises(CommandError, match="n’existe pas"):
        run("import_wires", str(tmp_path / "absent"))
    with pytest.raises(CommandError, match="Agence « zzz » inconnue"):
        run("import_wires", str(tmp_path), "--agency", "zzz")


def test_watch_imports_files_as_they_arrive(desk, wires, tmp_path):
    inbox = tmp_path / "arrivees"
    inbox.mkdir()
    (inbox / "port.json").write_bytes((wires / "ninjs1" / "alp-port-v1.json").read_bytes())
    (inbox / "alp-port.jpg").write_bytes((wires / "ninjs1" / "alp-port.jpg").read_bytes())
    settled = time.time() - 60  # written a minute ago: complete, not still being copied
    os.utime(inbox / "port.json", (settled, settled))

    out, err = run("import_wires", str(inbox), "--watch", "--interval", "0", "--max-rounds", "3")

    assert "Surveillance de" in err
    assert out.count("1 créée(s)") == 1  # imported once, not at every round
    assert ArticlePage.objects.count() == 1


def test_create_wire_token_prints_it_once_and_stores_only_its_hash(alp):
    out, err = run("create_wire_token", "alp", "--label", "serveur ALP")

    token = out.strip()
    record = WireToken.objects.get()
    assert token.startswith("qtw_") and len(token) > 40
    assert record.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in record.token_hash and record.label == "serveur ALP"
    assert "il ne sera plus affiché" in err
    assert agency_token(token) == record


def test_revoked_tokens_no_longer_authenticate(alp):
    old, _ = run("create_wire_token", "alp")

    new, err = run("create_wire_token", "alp", "--revoke")

    assert "1 jeton(s) révoqué(s)" in err
    assert agency_token(old.strip()) is None
    assert agency_token(new.strip()) is not None


def test_create_wire_token_for_an_unknown_agency_lists_the_known_ones(alp):
    with pytest.raises(CommandError, match="agences : alp"):
        run("create_wire_token", "zzz")
