"""Run every benchmark: `make bench` (never in CI)."""

from __future__ import annotations

from bench import crawl, extraction, pipeline, search, text_keys


def main() -> None:
    text_keys.run()
    extraction.run()
    pipeline.run()
    crawl.run()
    search.run()


if __name__ == "__main__":
    main()
