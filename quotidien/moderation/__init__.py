"""Comment moderation: policy, automatic screening, the queue and its audit log."""
