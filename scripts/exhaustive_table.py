#!/usr/bin/env python3
"""Markdown table of exhaustive results: per implementation, format, mode and function, the
maximum ULP error over every input, the worst input, and the first inputs (smallest |x|) where
it overflows, returns NaN or flushes.  usage: exhaustive_table.py RESULTS.json [...]"""
import json
import sys


def first(run, outcome):
    examples = run.get("examples", {}).get(outcome, [])
    if not examples:
        return "-"
    e = examples[0]
    return f"x={e['x']} z={e['z']}"


def main():
    print("| impl | type | mode | fn | points | max ulp | worst x, z | first overflow | first nan | first flush |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for path in sys.argv[1:]:
        document = json.load(open(path))
        merged = {}
        for run in document["runs"]:
            key = (run["impl"], run["type"], run["mode"], run["fn"])
            merged.setdefault(key, []).append(run)
        for (impl, type_, mode, fn), runs in merged.items():
            points = sum(r["points"] for r in runs)
            worst = max(runs, key=lambda r: float(r["max_ulp"]))
            w = worst["worst"][0] if worst["worst"] else None
            by = lambda outcome: next((first(r, outcome) for r in runs if r.get("examples", {}).get(outcome)), "-")
            print(f"| {impl} | {type_} | {mode} | {fn} | {points} | {float(worst['max_ulp']):.4g} | "
                  f"{(w['x'] + ', ' + w['z']) if w else '-'} | {by('overflow')} | {by('nan')} | {by('flush')} |")


if __name__ == "__main__":
    main()
