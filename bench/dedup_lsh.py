"""LSH and MinHash: our numpy implementation beside datasketch, on the same data in the same run.

Corpus: ../shared/data/ktlab-vietnamese-mds-200/articles.jsonl (read in place, never copied).

1. MinHash: signatures of the articles' 4-syllable shingle sets, ours (vectorised numpy) against
   ``datasketch.MinHash.update_batch``, and the mean absolute error of both Jaccard estimates
   against the exact Jaccard on same-event pairs and generated partial copies.
2. LSH with ``--docs N`` (default 1,000,000) synthetic documents derived from the real articles:
   each keeps a random 30 % of a real article's shingles and fills the rest
   with fresh random shingles, at the real articles' sizes, so documents overlap realistically
   rarely. For each index: single-document insert rate, p95 query time over 2,000 queries (half
   of them lightly edited indexed documents, half new) and resident memory per document (RSS
   growth of a fresh child process, so nothing else is counted). Indexes: ours and datasketch's
   ``MinHashLSH`` with datasketch's defaults (threshold 0.9 → 5 bands × 25 rows), and ours with
   the dedup default (candidate threshold 0.25 → 42 × 3) beside datasketch with those bands on at
   most ``--datasketch-same-docs`` documents (its per-band Python sets need far more memory).
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from findings.engine import minhash
from findings.engine.lsh import BandIndex, optimal_bands
from findings.engine.shingles import hash_syllables, overlap, shingle_set, syllables

CORPUS = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "data"
    / "ktlab-vietnamese-mds-200"
    / "articles.jsonl"
)
NUM_PERM = 128
QUERIES = 2000


def _rss() -> int:
    with Path("/proc/self/statm").open(encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _articles() -> list[tuple[str, str]]:
    rows = []
    with CORPUS.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            rows.append((str(row["cluster_id"]), f"{row['summary']}\n{row['body']}"))
    return rows


def _minhash_section(articles: list[tuple[str, str]]) -> None:
    from datasketch import MinHash  # type: ignore[import-untyped]

    sets = [shingle_set(text) for _, text in articles]
    start = time.perf_counter()
    ours = [minhash.signature(s, NUM_PERM) for s in sets]
    ours_time = time.perf_counter() - start
    as_bytes = [[int(v).to_bytes(8, "little") for v in s.tolist()] for s in sets]
    start = time.perf_counter()
    theirs = []
    for values in as_bytes:
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch(values)
        theirs.append(m)
    theirs_time = time.perf_counter() - start
    pairs = [
        (i, j)
        for i, j in itertools.combinations(range(len(articles)), 2)
        if articles[i][0] == articles[j][0]
    ]
    rng = np.random.default_rng(3)
    extra: list[tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint32], object]] = []
    for n in rng.choice(len(sets), 200, replace=False).tolist():
        words = syllables(articles[n][1])
        part = hash_syllables(words[: int(len(words) * rng.uniform(0.3, 0.9))])
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch([int(v).to_bytes(8, "little") for v in part.tolist()])
        extra.append((part, minhash.signature(part, NUM_PERM), m))
    errors_ours, errors_theirs = [], []
    for i, j in pairs:
        exact = overlap(sets[i], sets[j])[0]
        errors_ours.append(abs(minhash.estimate_jaccard(ours[i], ours[j]) - exact))
        errors_theirs.append(abs(theirs[i].jaccard(theirs[j]) - exact))
    for k, (part, sig, m) in enumerate(extra):
        n = int(rng.integers(len(sets)))
        del k
        exact = overlap(sets[n], part)[0]
        errors_ours.append(abs(minhash.estimate_jaccard(ours[n], sig) - exact))
        errors_theirs.append(abs(theirs[n].jaccard(m) - exact))
    shingles = sum(s.size for s in sets)
    sys.stdout.write(
        f"  MinHash ({len(sets)} articles, {shingles:,} shingles, {NUM_PERM} permutations)\n"
        f"    {'':<28}{'ours (numpy)':>16}{'datasketch':>16}{'ratio':>8}\n"
        f"    {'signatures per second':<28}{len(sets) / ours_time:>16,.0f}"
        f"{len(sets) / theirs_time:>16,.0f}{theirs_time / ours_time:>8.1f}\n"
        f"    {'mean |J estimate - exact|':<28}{np.mean(errors_ours):>16.4f}"
        f"{np.mean(errors_theirs):>16.4f}\n"
        f"    ({len(errors_ours)} pairs: same-event pairs and partial copies)\n"
    )


def _synthetic(articles: list[tuple[str, str]], docs: int, path: Path) -> None:
    """Signatures of window ∪ fresh shingles, made as the minimum of the two parts' signatures.

    The signature of a union is the element-wise minimum of the parts' signatures; the part made
    of ``m`` fresh random shingles has, per permutation, the minimum of ``m`` independent uniform
    32-bit values, drawn directly as ``⌊2^32·(1 − U^(1/m))⌋``. Window signatures are computed
    from the real shingles (24 random windows per article).
    """
    rng = np.random.default_rng(11)
    windows, sizes = [], []
    for _, text in articles:
        positions = hash_syllables(syllables(text))  # sorted hashes: a window is a random subset
        for _ in range(24):
            keep = max(1, int(positions.size * 0.3))
            chosen = rng.choice(positions.size, keep, replace=False)
            windows.append(minhash.signature(np.sort(positions[chosen]), NUM_PERM))
            sizes.append(positions.size - keep)
    window_sigs = np.stack(windows)
    fresh_sizes = np.asarray(sizes, dtype=np.float64)
    out = np.lib.format.open_memmap(path, mode="w+", dtype=np.uint32, shape=(docs, NUM_PERM))
    for start in range(0, docs, 50_000):
        count = min(50_000, docs - start)
        pick = rng.integers(0, len(windows), size=count)
        uniform = rng.random((count, NUM_PERM))
        fresh = np.floor(2.0**32 * (1.0 - uniform ** (1.0 / fresh_sizes[pick, None])))
        fresh_sigs = np.minimum(fresh, 2.0**32 - 1).astype(np.uint32)
        out[start : start + count] = np.minimum(window_sigs[pick], fresh_sigs)
    out.flush()
    del out


def _queries(signatures: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint32]:
    rng = np.random.default_rng(5)
    picked = signatures[rng.choice(signatures.shape[0], QUERIES // 2, replace=False)].copy()
    edited = rng.random(picked.shape) < 0.1  # about 90 % Jaccard with an indexed document
    picked[edited] = rng.integers(0, 2**32, size=int(edited.sum()), dtype=np.uint64)
    fresh = rng.integers(0, 2**32, size=(QUERIES - QUERIES // 2, NUM_PERM), dtype=np.uint64)
    return np.concatenate([picked, fresh.astype(np.uint32)])


def _measure(  # noqa: PLR0915 (two indexes measured the same way, side by side)
    kind: str, path: str, docs: int, bands: int, rows: int, queue: object
) -> None:
    signatures = np.load(path, mmap_mode="r")[:docs]
    queries = _queries(np.asarray(signatures[: min(docs, 100_000)]))
    keys = [f"d{n}" for n in range(docs)]
    insert_time = 0.0
    query: Callable[[npt.NDArray[np.uint32]], object]
    chunk = 10_000
    if kind == "ours":
        before = _rss()
        index = BandIndex(NUM_PERM, bands, rows)
        for start in range(0, docs, chunk):
            block = np.array(signatures[start : start + chunk])
            began = time.perf_counter()
            for offset in range(block.shape[0]):
                index.insert(keys[start + offset], block[offset])
            insert_time += time.perf_counter() - began
        index.compact()
        del keys
        memory = _rss() - before
        query = index.query
    else:
        from datasketch import LeanMinHash, MinHashLSH

        before = _rss()
        lsh = (
            MinHashLSH(num_perm=NUM_PERM)
            if bands == 0
            else MinHashLSH(num_perm=NUM_PERM, params=(bands, rows))
        )
        for start in range(0, docs, chunk):
            block = np.array(signatures[start : start + chunk]).astype(np.uint64)
            hashes = [LeanMinHash(seed=1, hashvalues=row, scheme="legacy") for row in block]
            began = time.perf_counter()
            for offset, mh in enumerate(hashes):
                lsh.insert(keys[start + offset], mh, check_duplication=False)
            insert_time += time.perf_counter() - began
            del hashes
        del keys
        memory = _rss() - before
        bands, rows = lsh.b, lsh.r
        query_hashes: dict[int, object] = {}

        def query(sig: npt.NDArray[np.uint32]) -> object:
            return lsh.query(query_hashes[id(sig)])

    latencies = []
    query_list = list(queries)
    if kind != "ours":
        from datasketch import LeanMinHash

        query_hashes.update(
            {
                id(q): LeanMinHash(seed=1, hashvalues=q.astype(np.uint64), scheme="legacy")
                for q in query_list
            }
        )
    for q in query_list:
        began = time.perf_counter()
        query(q)
        latencies.append(time.perf_counter() - began)
    queue.put(  # type: ignore[attr-defined]
        {
            "bands": f"{bands}x{rows}",
            "insert_rate": docs / insert_time,
            "p95_us": float(np.percentile(latencies, 95)) * 1e6,
            "bytes_per_doc": memory / docs,
        }
    )


def _child(kind: str, path: str, docs: int, bands: int, rows: int) -> dict[str, object]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_measure, args=(kind, path, docs, bands, rows, queue))
    process.start()
    process.join()
    if process.exitcode != 0:
        raise SystemExit(f"dedup_lsh: the {kind} child failed (exit {process.exitcode})")
    result: dict[str, object] = queue.get(timeout=5)
    return result


def _pair(
    title: str, ours: dict[str, object], theirs: dict[str, object], docs: tuple[int, int]
) -> None:
    def f(value: object) -> float:
        return float(value)  # type: ignore[arg-type]

    sys.stdout.write(
        f"  {title}\n"
        f"    {'':<26}{'ours':>14}{'datasketch':>14}{'ratio':>8}\n"
        f"    {'documents':<26}{docs[0]:>14,}{docs[1]:>14,}\n"
        f"    {'bands x rows':<26}{ours['bands']!s:>14}{theirs['bands']!s:>14}\n"
        f"    {'inserts per second':<26}{f(ours['insert_rate']):>14,.0f}"
        f"{f(theirs['insert_rate']):>14,.0f}"
        f"{f(ours['insert_rate']) / f(theirs['insert_rate']):>8.1f}\n"
        f"    {'p95 query (µs)':<26}{f(ours['p95_us']):>14,.0f}{f(theirs['p95_us']):>14,.0f}"
        f"{f(theirs['p95_us']) / f(ours['p95_us']):>8.1f}\n"
        f"    {'memory per document (B)':<26}{f(ours['bytes_per_doc']):>14,.0f}"
        f"{f(theirs['bytes_per_doc']):>14,.0f}"
        f"{f(theirs['bytes_per_doc']) / f(ours['bytes_per_doc']):>8.1f}\n"
        f"    (ratio: how many times better ours is)\n"
    )


def run(docs: int = 1_000_000, datasketch_same_docs: int = 200_000) -> None:
    if not CORPUS.exists():
        sys.stdout.write(f"dedup_lsh: corpus not found at {CORPUS}; skipped\n")
        return
    articles = _articles()
    sys.stdout.write(f"dedup_lsh: {len(articles)} real articles, {docs:,} synthetic documents\n")
    _minhash_section(articles)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "signatures.npy"
        start = time.perf_counter()
        _synthetic(articles, docs, path)
        sys.stdout.write(f"  synthetic signatures made in {time.perf_counter() - start:.0f} s\n")
        ours = _child("ours", str(path), docs, 5, 25)
        theirs = _child("datasketch", str(path), docs, 0, 0)
        _pair("LSH, datasketch defaults (threshold 0.9)", ours, theirs, (docs, docs))
        bands, rows = optimal_bands(0.25, NUM_PERM)
        same = min(docs, datasketch_same_docs)
        ours = _child("ours", str(path), docs, bands, rows)
        theirs = _child("datasketch", str(path), same, bands, rows)
        _pair("LSH, dedup default bands (candidate threshold 0.25)", ours, theirs, (docs, same))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1_000_000, help="documents indexed")
    parser.add_argument(
        "--datasketch-same-docs",
        type=int,
        default=200_000,
        help="documents for datasketch with the dedup bands (memory)",
    )
    args = parser.parse_args()
    run(args.docs, args.datasketch_same_docs)
