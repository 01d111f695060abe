#!/usr/bin/env python3
"""Inputs for the report tests.

    test_report_fixture.py SCEBENCH RESULTS_IN RESULTS_OUT [--strip] [--bench FILE] [--reduction FILE]

Copies a results file (from `scebench sweep --suite quick -o`), giving every run that has no
"profile" (fixed-z target sets) or "heatmap" (random targets) one in the schema the sweep
writes, measured for real with `scebench eval --json --points` (max ULP per bin of x, and per
cell of (x, z)).  With --strip it removes both fields instead (a report must then degrade to
notes).  --bench and --reduction write small synthetic bench.json and reduction.json files in
their schemas (throughput numbers made up, deterministic).
"""
import json
import math
import random
import subprocess
import sys
import tempfile

EMAX = {"f64": 1023, "f32": 127, "f16": 15, "bf16": 127}
LARGEST = {"f64": 1.7976931348623157e308, "f32": 3.4028234663852886e38, "f16": 65504.0,
           "bf16": 3.3895313892515355e38}


def edges(fmt, bins_per_side):
    """Symmetric edges: 0, +-2^e from 2^-6 up to the largest finite value."""
    top = EMAX[fmt] + 1
    step = max(1, math.ceil((top + 6) / bins_per_side))
    positive = [2.0 ** e for e in range(-6, top, step)] + [LARGEST[fmt]]
    return [-v for v in reversed(positive)] + [0.0] + positive


def samples(lo, hi, count):
    if lo < 0 < hi or lo == 0 or hi == 0:
        return [lo + (hi - lo) * (i + 0.5) / count for i in range(count)]
    sign = 1 if lo > 0 else -1
    a, b = math.log2(abs(lo)), math.log2(abs(hi))
    return [sign * 2.0 ** (a + (b - a) * (i + 0.5) / count) for i in range(count)]


def evaluate(scebench, impl, fmt, mode, points):
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as handle:
        for x, z in points:
            handle.write(f"{float(x).hex()} {float(z).hex()}\n")
        handle.flush()
        out = subprocess.run([scebench, "eval", "-i", impl, "-t", fmt, "--mode", mode, "--json", "--points",
                              handle.name], check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def ulp(value):
    return float("inf") if value == "inf" else float(value)


def main():
    args = sys.argv[1:]
    scebench, source, target = args[0], args[1], args[2]
    strip = "--strip" in args
    bench = args[args.index("--bench") + 1] if "--bench" in args else None
    reduction = args[args.index("--reduction") + 1] if "--reduction" in args else None
    with open(source) as handle:
        results = json.load(handle)
    if strip:
        for run in results["runs"]:
            run.pop("profile", None)
            run.pop("heatmap", None)
    else:
        add_fields(scebench, results)
    with open(target, "w") as handle:
        json.dump(results, handle, indent=1)
    if bench:
        write_bench(bench)
    if reduction:
        write_reduction(reduction)


def add_fields(scebench, results):
    rng = random.Random(7)
    combos = {}
    for run in results["runs"]:
        combos.setdefault((run["impl"], run["type"], run["mode"]), []).append(run)
    for (impl, fmt, mode), runs in combos.items():
        if all("profile" in r or "heatmap" in r for r in runs):
            continue
        x_edges = edges(fmt, 60)
        hx_edges = edges(fmt, 10)
        z_edges = [i / 8 for i in range(9)]
        points = []
        for lo, hi in zip(x_edges, x_edges[1:]):
            for x in samples(lo, hi, 6):
                for z in (0.0, 1.0, 0.1):
                    points.append((x, z))
        profile_count = len(points)
        for lo, hi in zip(hx_edges, hx_edges[1:]):
            for zlo, zhi in zip(z_edges, z_edges[1:]):
                for x in samples(lo, hi, 3):
                    points.append((x, rng.uniform(zlo, zhi)))
        rows = evaluate(scebench, impl, fmt, mode, points)
        for run in runs:
            fn = run["fn"]
            if run["targets"] in ("hard", "soft"):
                wanted = (0.0, 1.0) if run["targets"] == "hard" else (0.1,)
                profile = []
                for want in wanted:
                    bins, zhex = [], None
                    for b, (lo, hi) in enumerate(zip(x_edges, x_edges[1:])):
                        errors = []
                        for k in range(6):
                            index = (b * 6 + k) * 3 + (0.0, 1.0, 0.1).index(want)
                            row = rows[index]
                            zhex = row["z"]
                            errors.append(ulp(row[fn]["ulp"]))
                        bins.append([lo, hi, "inf" if max(errors) == float("inf") else max(errors), len(errors)])
                    profile.append({"z": zhex, "bins": bins})
                run["profile"] = profile
            elif run["targets"] == "random":
                nz = len(z_edges) - 1
                cells = [[None] * nz for _ in range(len(hx_edges) - 1)]
                index = profile_count
                for i in range(len(hx_edges) - 1):
                    for j in range(nz):
                        for _ in range(3):
                            e = ulp(rows[index][fn]["ulp"])
                            index += 1
                            if cells[i][j] is None or e > cells[i][j]:
                                cells[i][j] = e
                cells = [["inf" if c == float("inf") else c for c in row] for row in cells]
                cells[0][0] = None  # an empty cell, as a sweep may have
                run["heatmap"] = {"x_edges": hx_edges, "z_edges": z_edges, "max_ulp": cells}


def write_bench(path):
    rng = random.Random(3)
    results = []
    impls = ["textbook", "caffe", "branchless", "pytorch", "accurate"]
    for target, bandwidth in (("scalar", 20.0), ("avx2", 20.0)):
        for impl in impls:
            for fmt, size in (("f64", 8), ("f32", 4)):
                for fn in ("loss", "grad"):
                    for threads in (1, 2):
                        for elements in (1 << 16, 1 << 24):
                            speed = (0.15 if impl == "accurate" else 0.6) * (3 if target == "avx2" else 1)
                            speed *= threads * (8 / size) ** 0.5 * rng.uniform(0.9, 1.1)
                            roof = bandwidth / (3 * size)
                            speed = min(speed, roof * 0.95)
                            results.append({
                                "impl": impl, "type": fmt, "fn": fn, "target": target, "threads": threads,
                                "size_bytes": elements * 3 * size, "elements": elements,
                                "gelem_per_s": {"median": speed, "min": speed * 0.93, "max": speed * 1.04},
                                "gb_per_s": speed * 3 * size, "roofline_fraction": speed / roof,
                                "vs": {"sleef": rng.uniform(0.5, 2.0)}})
    document = {"schema": "scebench-bench/1",
                "tool": {"name": "scebench", "version": "test", "git_revision": "fixture"},
                "command": "synthetic bench (tests/test_report_fixture.py)",
                "host": {"cpu_model": "fixture CPU", "logical_cores": 2, "memory_bandwidth_gb_s": 20.0},
                "results": results}
    with open(path, "w") as handle:
        json.dump(document, handle, indent=1)


def write_reduction(path):
    results = []
    for fmt, eps in (("f32", 2.0 ** -24), ("f64", 2.0 ** -53)):
        for strategy, growth in (("naive", 1.0), ("pairwise", 0.0), ("kahan", -1.0), ("exact", None)):
            for k in range(1, 8):
                n = 10 ** k
                if growth is None:
                    rel = 0.0
                elif growth > 0:
                    rel = eps * n * 0.05
                elif growth == 0:
                    rel = eps * math.log2(n) * 0.3
                else:
                    rel = eps * 0.5
                results.append({"strategy": strategy, "type": fmt, "n": n, "rel_error_summation": rel,
                                "rel_error_end_to_end": rel + eps * 0.7, "ulp_summation": rel / eps,
                                "ulp_end_to_end": rel / eps + 0.7, "overflow": False,
                                "gelem_per_s": 1.0 / (1 + (growth or 2) + 2) * min(1, n / 1e4)})
    with open(path, "w") as handle:
        json.dump({"schema": "scebench-reduction/1", "command": "synthetic reduction (tests/test_report_fixture.py)",
                   "results": results}, handle, indent=1)


if __name__ == "__main__":
    main()
