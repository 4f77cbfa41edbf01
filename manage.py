#!/usr/bin/env python
"""Django's command-line utility for Quotidien."""

from quotidien.cli import main

if __name__ == "__main__":
    main()
