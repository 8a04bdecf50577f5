#!/usr/bin/env python
"""Django's manage.py; the `presswatch` console script does the same."""

from config.cli import main

if __name__ == "__main__":
    main()
