"""Live coverage ("En direct"): a page of timestamped entries on a developing story."""
