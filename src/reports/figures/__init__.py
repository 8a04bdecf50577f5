"""Figures of each report kind, computed from the data for a period (frozen dataclasses of plain
values). One module per kind; :mod:`reports.figures.articles` holds the article queries they
share with the pages that list the articles behind a figure."""
