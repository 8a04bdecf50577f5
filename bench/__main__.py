"""Run every benchmark: `make bench` (never in CI)."""

from __future__ import annotations

from bench import (
    analysis_quality,
    crawl,
    dedup_clusters,
    dedup_lsh,
    dedup_syndication,
    extraction,
    percolation,
    pipeline,
    search,
    text_keys,
)


def main() -> None:
    text_keys.run()
    extraction.run()
    pipeline.run()
    crawl.run()
    search.run()
    percolation.run()
    analysis_quality.run()
    dedup_clusters.run()
    dedup_syndication.run()
    dedup_lsh.run()


if __name__ == "__main__":
    main()
