"""Agency wires in: IPTC ninjs and NewsML-G2 items become articles, idempotently."""
