#!/usr/bin/env python3
"""Runs `scebench sweep` and checks every run of an implementation that claims a contract:
its maximum ULP error within the claim and no overflow, NaN or infinity mismatch, read from
the results file (and the tool's own contract_holds must agree).

usage: check_contracts.py SCEBENCH SUITE IMPLS [extra sweep arguments]"""
import json
import os
import subprocess
import sys
import tempfile

binary, suite, impls, extra = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
claims = {entry["name"]: entry["contract"]
          for entry in json.loads(subprocess.check_output([binary, "list", "--json"]))}
with tempfile.TemporaryDirectory() as directory:
    path = os.path.join(directory, "results.json")
    subprocess.run([binary, "sweep", "--suite", suite, "-i", impls, "-o", path, *extra],
                   check=True, stdout=subprocess.DEVNULL)
    runs = json.load(open(path))["runs"]

passed = failed = 0
for run in runs:
    claim = claims[run["impl"]].get(f'{run["type"]} {run["fn"]}')
    if claim is None:
        continue
    worst = float(run["max_ulp"])
    infinite = sum(run["classes"][c] for c in ("overflow", "nan", "inf-mismatch"))
    kept = worst <= claim and infinite == 0
    name = f'{run["impl"]} {run["type"]} {run["mode"]} {run["fn"]} {run["targets"]}'
    if kept and run["contract_holds"]:
        passed += 1
    else:
        failed += 1
        print(f"contract broken: {name}: max {worst} ulp (claim {claim}), {infinite} infinite errors, "
              f"tool says {run['contract_holds']}; worst {run['worst'][:1]}")
if passed + failed == 0:
    print("no run with a contract was checked")
    failed = 1
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
