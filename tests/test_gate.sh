#!/bin/bash
# scebench gate: passes on an equal result, fails (exit 1) on each kind of regression made by
# editing a copy of the checked-in quick baseline, and exits 2 on malformed or mismatched files.
# usage: test_gate.sh SCEBENCH BASELINE.json
SCEBENCH=$1
BASELINE=$2
source "$(dirname "$0")/test_lib.sh"

# expect NAME CODE PATTERN -- gate arguments: the exit code, and PATTERN (a grep -E) in the output
expect() { exits "$1" "$2" "$3" -- "$SCEBENCH" gate "${@:5}"; }

# variant NAME PYTHON: a copy of the (slim) baseline changed by PYTHON (d is the document, runs
# its runs)
variant() {
    python3 - "$SLIM" "$WORK/$1.json" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
runs = d["runs"]
def run(impl, type_, mode, fn, targets):
    return next(r for r in runs if (r["impl"], r["type"], r["mode"], r["fn"], r["targets"]) == (impl, type_, mode, fn, targets))
exec(sys.argv[3])
json.dump(d, open(sys.argv[2], "w"), indent=1)
PY
}

if [ ! -x "$SCEBENCH" ] || [ ! -s "$BASELINE" ]; then
    echo "usage: test_gate.sh SCEBENCH BASELINE.json"
    echo "0 passed, 1 failed"
    exit 1
fi

cp "$BASELINE" "$WORK/equal.json"
expect "equal results pass" 0 "gate: passed" -- --baseline "$BASELINE" "$WORK/equal.json"

# The gate reads the summary of each run; the copies below drop the per-run profiles (most of
# the file's size) so that the variants load fast.
SLIM=$WORK/slim.json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); [r.pop("profile", None) for r in d["runs"]]; json.dump(d, open(sys.argv[2], "w"))' "$BASELINE" "$SLIM"
expect "the slim copy passes against the full baseline" 0 "gate: passed" -- --baseline "$BASELINE" "$SLIM"
BASELINE=$SLIM

variant max_ulp 'r = run("caffe", "f32", "native", "loss", "hard"); r["max_ulp"] = r["max_ulp"] * 2 + 1'
expect "a larger max_ulp fails" 1 "REGRESSION +caffe f32 native loss hard: max_ulp" -- --baseline "$BASELINE" "$WORK/max_ulp.json"

variant mean_ulp 'r = run("accurate", "f64", "internal", "grad", "soft"); r["mean_ulp"] *= 1 + 1e-6'
expect "a mean_ulp larger by 1e-6 relative fails" 1 "mean_ulp" -- --baseline "$BASELINE" "$WORK/mean_ulp.json"

variant noise 'r = run("accurate", "f64", "internal", "grad", "soft"); r["mean_ulp"] *= 1 + 1e-12; r["max_ulp"] *= 1 + 1e-12'
expect "a change of 1e-12 relative (float noise) passes" 0 "gate: passed" -- --baseline "$BASELINE" "$WORK/noise.json"

variant nan 'r = run("accurate", "f32", "internal", "loss", "random"); r["classes"]["nan"] += 1'
expect "a new NaN case fails" 1 "nan cases 0 -> 1" -- --baseline "$BASELINE" "$WORK/nan.json"

variant flush 'r = run("pytorch", "f32", "native", "loss", "hard"); r["classes"]["flush"] += 3'
expect "more flush cases fail" 1 "flush cases" -- --baseline "$BASELINE" "$WORK/flush.json"

variant overflow 'r = run("branchless", "f64", "native", "grad", "soft"); r["classes"]["overflow"] += 1'
expect "a new overflow fails" 1 "overflow cases" -- --baseline "$BASELINE" "$WORK/overflow.json"

variant dropped 'runs.remove(run("optax", "bf16", "opmath", "grad", "hard"))'
expect "a missing run fails" 1 "MISSING +optax bf16 opmath grad hard" -- --baseline "$BASELINE" "$WORK/dropped.json"

variant contract 'r = run("accurate", "f16", "internal", "loss", "soft"); r["contract_holds"] = False'
expect "a broken contract fails" 1 "BROKEN +accurate f16 internal loss soft" -- --baseline "$BASELINE" "$WORK/contract.json"

variant infinite 'r = run("textbook", "f32", "native", "loss", "hard"); r["max_ulp"] = "inf"'
expect "max_ulp becoming inf fails" 1 "max_ulp .* -> inf" -- --baseline "$BASELINE" "$WORK/infinite.json"

variant better 'r = run("caffe", "f32", "native", "loss", "hard"); r["max_ulp"] /= 2; r["classes"]["flush"] = 0'
expect "an improvement passes" 0 "1 improved" -- --baseline "$BASELINE" "$WORK/better.json"

variant added 'import copy; r = copy.deepcopy(run("caffe", "f32", "native", "loss", "hard")); r["impl"] = "newcomer"; runs.append(r)'
expect "a run new to the results passes, noted" 0 "1 run in the results but not in the baseline" -- --baseline "$BASELINE" "$WORK/added.json"

variant several 'run("caffe", "f32", "native", "loss", "hard")["max_ulp"] += 1; run("accurate", "f32", "internal", "grad", "hard")["classes"]["sign"] += 1; runs.remove(run("textbook", "f64", "native", "grad", "soft"))'
expect "several regressions are all listed" 1 "FAILED: 3 regressions in 3 runs" -- --baseline "$BASELINE" "$WORK/several.json"

variant seed 'd["seed"] = 2'
expect "another seed is a mismatch (exit 2)" 2 "mismatched files: seed 1 .* 2 " -- --baseline "$BASELINE" "$WORK/seed.json"

variant suite 'd["suite"] = "extreme"'
expect "another suite is a mismatch (exit 2)" 2 "mismatched files: suite quick" -- --baseline "$BASELINE" "$WORK/suite.json"

# The fast reference tier's errors are MPFR's within 2^-22 ulp in f32: that much is allowed when
# either file comes from it, and not otherwise.
variant exact_tier 'd["reference"] = "mpfr"; run("accurate", "f32", "internal", "grad", "soft")["mean_ulp"] += 2e-7'
variant exact_base 'd["reference"] = "mpfr"'
variant fast_tier 'd["reference"] = "fast"; run("accurate", "f32", "internal", "grad", "soft")["mean_ulp"] += 2e-7'
expect "2e-7 ulp more in f32, exact references: fails" 1 "mean_ulp" -- --baseline "$WORK/exact_base.json" "$WORK/exact_tier.json"
expect "2e-7 ulp more in f32, fast tier: within its 2^-22 ulp" 0 "gate: passed" -- --baseline "$WORK/exact_base.json" "$WORK/fast_tier.json"
variant fast_f64 'd["reference"] = "fast"; run("accurate", "f64", "internal", "grad", "soft")["mean_ulp"] += 2e-7'
expect "2e-7 ulp more in f64 (always MPFR) fails" 1 "mean_ulp" -- --baseline "$WORK/exact_base.json" "$WORK/fast_f64.json"

variant points 'run("caffe", "f32", "native", "loss", "hard")["points"] += 1'
expect "other points in a run are a mismatch (exit 2)" 2 "mismatched files: run caffe f32 native loss hard has" -- --baseline "$BASELINE" "$WORK/points.json"

head -c 2000 "$BASELINE" >"$WORK/truncated.json"
expect "a truncated file is malformed (exit 2)" 2 "is not valid JSON" -- --baseline "$BASELINE" "$WORK/truncated.json"
expect "a malformed baseline (exit 2)" 2 "is not valid JSON" -- --baseline "$WORK/truncated.json" "$WORK/equal.json"

variant schema 'del d["schema"]'
expect "a file without the results schema (exit 2)" 2 "not a scebench results file" -- --baseline "$BASELINE" "$WORK/schema.json"

variant field 'del run("caffe", "f32", "native", "loss", "hard")["max_ulp"]'
expect "a run without max_ulp (exit 2)" 2 "max_ulp' missing" -- --baseline "$BASELINE" "$WORK/field.json"

variant duplicate 'runs.append(runs[0])'
expect "a run listed twice (exit 2)" 2 "appears twice" -- --baseline "$BASELINE" "$WORK/duplicate.json"

expect "an unreadable file (exit 2)" 2 "cannot read" -- --baseline "$BASELINE" "$WORK/none.json"
expect "no --baseline (exit 2)" 2 "--baseline: missing" -- "$WORK/equal.json"
expect "--bench without --bench-baseline (exit 2)" 2 "go together" -- --baseline "$BASELINE" "$WORK/equal.json" --bench "$WORK/equal.json"

# --update rewrites the baseline with the results, atomically, even over a regression.
mkdir "$WORK/update"
cp "$BASELINE" "$WORK/update/base.json"
expect "--update accepts a regression (exit 0)" 0 "rewritten" -- --baseline "$WORK/update/base.json" "$WORK/max_ulp.json" --update
if python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1])) != json.load(open(sys.argv[2])))' \
    "$WORK/update/base.json" "$WORK/max_ulp.json"; then
    ok "--update: the baseline holds the results"
else
    not_ok "--update: the baseline holds the results"
fi
if [ "$(ls "$WORK/update")" = "base.json" ]; then ok "--update leaves no temporary file"; else not_ok "--update leaves no temporary file" "$(ls "$WORK/update")"; fi
expect "after --update the same results pass" 0 "gate: passed" -- --baseline "$WORK/update/base.json" "$WORK/max_ulp.json"
expect "--update creates a missing baseline" 0 "rewritten" -- --baseline "$WORK/update/new.json" "$WORK/equal.json" --update
expect "--update refuses malformed results (exit 2)" 2 "is not valid JSON" -- --baseline "$WORK/update/base.json" "$WORK/truncated.json" --update

finish
