"""Run every benchmark: `make bench` (never in CI)."""

from __future__ import annotations

from bench import (
    alert_latency,
    analysis_quality,
    crawl,
    dedup_clusters,
    dedup_lsh,
    dedup_syndication,
    extraction,
    percolation,
    pipeline,
    report_monthly,
    search,
    story_clusters,
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
    story_clusters.run()
    dedup_syndication.run()
    dedup_lsh.run()
    report_monthly.run()
    alert_latency.run()  # last: runs the demo as processes for several minutes


if __name__ == "__main__":
    main()
