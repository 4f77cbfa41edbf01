"""A purge backend for tests: it keeps what it is asked to purge, and fails on demand as
Wagtail's backends fail (an error logged, nothing raised)."""

import logging

from wagtail.contrib.frontend_cache.backends import (
    BaseBackend,
    CloudflareBackend,
    CloudfrontBackend,
)


class WorkerKilled(BaseException):
    """What a worker SIGKILLed while purging leaves: nothing after it runs, not even an
    `except Exception`."""


class Recorder:
    def __init__(self):
        self.batches: list[list[str]] = []
        self.failures = 0
        # Purges sent before the worker dies (then raises WorkerKilled), when not None.
        self.killed_after: int | None = None
        # Called while a batch is being sent, as a change committed meanwhile would be.
        self.meanwhile = None

    def purged(self) -> set[str]:
        return {url for batch in self.batches for url in batch}


recorder = Recorder()


class RecordingBackend(BaseBackend):
    def purge_batch(self, urls) -> None:
        if recorder.killed_after is not None:
            recorder.batches.append(list(urls)[: recorder.killed_after])
            raise WorkerKilled
        if recorder.meanwhile is not None:
            recorder.meanwhile, meanwhile = None, recorder.meanwhile
            meanwhile()
        if recorder.failures:
            recorder.failures -= 1
            logging.getLogger("wagtail.frontendcache").error("Couldn't purge %s", urls)
            return
        recorder.batches.append(list(urls))


class RecordingCloudflare(CloudflareBackend):
    def _purge_urls(self, urls) -> None:
        recorder.batches.append(list(urls))


class RecordingCloudfront(CloudfrontBackend):
    def __init__(self, params):
        # CloudFront's client (boto3) is left out: the paths it would be sent are kept.
        self.hostnames = ["*"]
        self.cloudfront_distribution_id = params["DISTRIBUTION_ID"]

    def _create_invalidation(self, distribution_id, paths) -> None:
        recorder.batches.append(list(paths))
