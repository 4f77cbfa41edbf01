"""The parts of bench/load.py: the archive it loads, the processes it starts, wrk's runs."""

from common import ROOT

BENCH_DIR = ROOT / "var" / "bench"
# The server runs from a production install (`make bench-load` makes it): the test tools
# of the benchmark's own environment would weigh on every worker's memory.
SERVER_VENV = BENCH_DIR / "venv"
SERVER_PYTHON = SERVER_VENV / "bin" / "python"
# The start of every comment the load posts, to find (and remove) them afterwards.
POST_PREFIX = "Essai de charge"
