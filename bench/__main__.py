"""Run every benchmark: `make bench` (never in CI)."""

from __future__ import annotations

from bench import analysis_quality, crawl, extraction, percolation, pipeline, search, text_keys


def main() -> None:
    text_keys.run()
    extraction.run()
    pipeline.run()
    crawl.run()
    search.run()
    percolation.run()
    analysis_quality.run()


if __name__ == "__main__":
    main()
