"""Quotidien: the platform that runs an online daily newspaper."""
