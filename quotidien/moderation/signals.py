"""Signals of the moderation app, for code that follows moderators' decisions."""

from django.dispatch import Signal

comment_moderated = Signal()
"""Sent once for each comment a moderator approves or refuses, or puts back in the queue.

Keyword arguments:

- ``comment``: the `Comment`, saved with its new status, ``held_reason`` and ``moderated_by``;
- ``decision``: ``"approved"``, ``"rejected"``, ``"requeued"`` or ``"held"`` (the audit
  log's `ModerationAction.Kind`); ``"requeued"`` (a ban undone) and ``"held"`` (a published
  comment put back on hold) withdraw the comment's last decision: it waits for a moderator
  again;
- ``category``: for a refusal, the charter's reason (a `RefusalReason` code such as
  ``"insulte"``), or ``""`` when none was given; always ``""`` for an approval;
- ``moderator``: the user who decided;
- ``read``: False for a comment refused without a moderator reading it (a waiting comment
  of a reader being banned), True otherwise.

The sender is `Comment`. It is sent by `services.approve` and `services.reject` (and so by
a ban, which refuses the author's waiting comments), with ``"requeued"`` by
`services.undo_ban` and with ``"held"`` by `services.hold`, inside their transaction, right after
the comment is saved: what a receiver writes to the database commits or rolls back with the
decision, and a receiver that raises undoes it (keep receivers small; catch what may fail).
Work outside the database (a file, a task) belongs in `transaction.on_commit`.

A comment may be decided more than once (refused, then approved on appeal): the latest
decision is the one that stands. A ban refuses all its author's waiting comments at once,
with the ban's reason, without a moderator reading each of them (``read=False``); undoing
the ban puts them back in the queue (`ModerationAction.Kind.REQUEUED` in the audit log) to
be decided again. The automatic screening sends nothing.
"""
