"""The VCL keeps one object per page, as the app's own cache keys it: a repeated parameter
counts by its last value, a page number by the number it is, the first page is the plain
address, and the Host's port does not count (purges still reach every object)."""

import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.cluster

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not shutil.which("varnishtest"), reason="varnishtest n’est pas installé")
def test_spellings_of_one_page_find_one_object_through_varnish():
    result = subprocess.run(
        [
            "varnishtest",
            f"-Dvarnish_dir={ROOT / 'deploy' / 'varnish'}",
            str(Path(__file__).with_name("varnish_keys.vtc")),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
