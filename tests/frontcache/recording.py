"""A purge backend for tests: it keeps what it is asked to purge, and fails on demand as
Wagtail's backends fail (an error logged, nothing raised)."""

import logging

from wagtail.contrib.frontend_cache.backends import (
    BaseBackend,
    CloudflareBackend,
    CloudfrontBackend,
)


class Recorder:
    def __init__(self):
        self.batches: list[list[str]] = []
        self.failures = 0

    def purged(self) -> set[str]:
        return {url for batch in self.batches for url in batch}


recorder = Recorder()


class RecordingBackend(BaseBackend):
    def purge_batch(self, urls) -> None:
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
