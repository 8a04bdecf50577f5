"""Pipeline stages: pure typed functions, no framework imports (import-linter enforces it).

Order (see monitoring/runner.py): discover → fetch → extract → normalise → dedup → store/index.
"""
