"""``python -m bench.mentoring_matching``: 2,000 mentees x 500 mentors, capacity 4.

A synthetic round with a fixed seed: 43 competency codes (a mentee wants 1-4, a mentor
offers 3-8), 40 OPDs, grade bands skewed junior for mentees and senior for mentors,
five service bands, 12 availability slots, one mentee in five naming a supervisor, a
few pins and forbids. Prints the median wall time of 5 runs, the median tracemalloc
peak of 5 more (traced runs are slower and untimed) and the process's peak RSS.
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable

import numpy as np

from survey_app.mentoring.matching import Candidate, Matching, Rules, Weights, match

SEED, MENTEES, MENTORS, CAPACITY, RUNS, TARGET_S = 20_261_207, 2_000, 500, 4, 5, 10.0
CODES = [f"M.{i}" for i in range(1, 9)] + [f"S.{i}" for i in range(1, 6)]
CODES += [f"T.{i}" for i in range(1, 31)]
OPDS = [f"OPD {i:02d}" for i in range(40)]
SLOTS = [f"{d}_{t}" for d in ("mon", "tue", "wed", "thu", "fri") for t in ("am", "pm")]
SLOTS += ["online", "in_person"]


def people(rng: np.random.Generator, n: int, first_id: int, mentor: bool) -> list[Candidate]:
    grades = rng.choice(3, n, p=[0.05, 0.45, 0.5] if mentor else [0.3, 0.6, 0.1])
    services = rng.integers(2, 5, n) if mentor else rng.integers(0, 3, n)
    wanted = (3, 9) if mentor else (1, 5)
    return [
        Candidate(
            id=first_id + i,
            name=f"ASN {first_id + i}",
            opd=str(rng.choice(OPDS)),
            grade=int(grades[i]),
            service=int(services[i]),
            codes=frozenset(rng.choice(CODES, rng.integers(*wanted), replace=False).tolist()),
            availability=frozenset(rng.choice(SLOTS, rng.integers(2, 7), replace=False).tolist()),
            supervisor_name=f"ASN {rng.integers(MENTORS)}" if rng.random() < 0.2 else "",
        )
        for i in range(n)
    ]


def synthetic_round() -> tuple[list[Candidate], list[Candidate], Rules]:
    rng = np.random.default_rng(SEED)
    mentors, mentees = people(rng, MENTORS, 0, True), people(rng, MENTEES, 10_000, False)
    pins = frozenset((i, 10_000 + i) for i in range(0, 40, 4))
    forbidden = frozenset((i, 10_001 + i) for i in range(0, 200, 5))
    return mentors, mentees, Rules(CAPACITY, "different", pins, forbidden)


def traced_peak(fn: Callable[[], object]) -> float:
    """Peak bytes Python and numpy allocated during one call (tracemalloc)."""
    tracemalloc.start()
    try:
        fn()
        return float(tracemalloc.get_traced_memory()[1])
    finally:
        tracemalloc.stop()


def timed(fn: Callable[[], Matching]) -> tuple[float, Matching]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> int:
    mentors, mentees, rules = synthetic_round()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def run() -> Matching:
        return match(mentors, mentees, Weights(), rules)

    times, results = zip(*(timed(run) for _ in range(RUNS)), strict=True)
    peaks = [traced_peak(run) / 2**20 for _ in range(RUNS)]
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = results[0]
    assert all(other == result for other in results), "the matching is not deterministic"
    reasons: dict[str, int] = {}
    for unmatched in result.unmatched:
        reasons[unmatched.reason] = reasons.get(unmatched.reason, 0) + 1
    median = statistics.median(times)
    print(f"mentoring matching: {MENTEES:,} mentees x {MENTORS} mentors, capacity {CAPACITY}")
    spread = f"min {min(times):.2f}, max {max(times):.2f}"
    print(f"  wall time, median of {RUNS}: {median:.2f} s ({spread})")
    print(f"  tracemalloc peak, median of {RUNS}: {statistics.median(peaks):.0f} MiB")
    print(f"  peak RSS: {rss_peak:.0f} MiB (before the runs: {rss_before:.0f} MiB)")
    print(f"  pairs {len(result.pairs):,}, unmatched {reasons}, score {result.score:.1f}")
    print(f"  target under {TARGET_S:.0f} s: {'met' if median < TARGET_S else 'MISSED'}")
    return 0 if median < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
