"""A stamp that every process of this machine reads for the price of a memory access.

Whoever changes a page version writes a new random stamp into a small shared file; a
process that finds the stamp as it last saw it knows that no version changed since.
"""

import mmap
import os
import secrets
from pathlib import Path


class ChangeStamp:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if os.fstat(descriptor).st_size < 8:
                os.ftruncate(descriptor, 8)
            self._map = mmap.mmap(descriptor, 8)
        finally:
            os.close(descriptor)
        # One aligned 8-byte word: written and read whole, so no lock is needed.
        self._word = memoryview(self._map).cast("Q")

    def read(self) -> int:
        return self._word[0]

    def renew(self) -> None:
        self._word[0] = secrets.randbits(64)
