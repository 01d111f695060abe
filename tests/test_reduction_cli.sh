#!/usr/bin/env bash
# Command-line tests of `scebench reduce`: usage errors (exit code 2, one line on stderr naming
# the argument, no output file), and small runs of the three suites: the results file
# (schema scebench-reduction/1, its fields), the table, overflow records, determinism over
# threads.
#
# usage: bash tests/test_reduction_cli.sh PATH/TO/scebench
# Prints "ok - NAME" or "not ok - NAME: why" per check, then "N passed, M failed".
set -u

if [ $# -ne 1 ] || [ ! -x "$1" ]; then
    echo "usage: $0 PATH/TO/scebench" >&2
    exit 2
fi
case "$1" in
    /*) SCEBENCH=$1 ;;
    *) SCEBENCH=$PWD/$1 ;;
esac
command -v python3 >/dev/null || { echo "test_reduction_cli.sh: python3 is required" >&2; exit 2; }

source "$(dirname "$0")/test_lib.sh"
LIMIT=300

# run ARGS...: scebench reduce in a fresh directory; sets RC, OUT, ERR, DIR.
CASE=0
run() {
    CASE=$((CASE + 1))
    DIR=$WORK/case.$CASE
    mkdir -p "$DIR"
    OUT=$WORK/stdout.$CASE
    ERR=$WORK/stderr.$CASE
    (cd "$DIR" && timeout "$LIMIT" "$SCEBENCH" reduce "$@" </dev/null >"$OUT" 2>"$ERR")
    RC=$?
}

# usage_error NAME WORD ARGS...: exit 2, one stderr line containing WORD, nothing written.
usage_error() {
    local name=$1 word=$2
    shift 2
    run "$@"
    local lines
    lines=$(wc -l <"$ERR")
    if [ "$RC" -ne 2 ]; then
        not_ok "$name" "exit code $RC, expected 2"
    elif [ "$lines" -ne 1 ]; then
        not_ok "$name" "$lines lines on stderr, expected 1"
    elif ! grep -q -- "$word" "$ERR"; then
        not_ok "$name" "stderr does not name '$word': $(head -c 200 "$ERR")"
    elif [ -n "$(ls -A "$DIR")" ]; then
        not_ok "$name" "left files: $(ls -A "$DIR" | tr '\n' ' ')"
    else
        ok "$name"
    fi
}

usage_error "unknown option" "--bogus" --bogus -o out.json
usage_error "unknown suite" "--suite" --suite sums -o out.json
usage_error "suite without value" "--suite" --suite
usage_error "reduction refuses f64" "-t" -t f64 -o out.json
usage_error "weighted refuses f16" "-t" --suite weighted -t f16 -o out.json
usage_error "caffe-layer refuses bf16" "-t" --suite caffe-layer -t bf16 -o out.json
usage_error "unknown type" "-t" -t f8 -o out.json
usage_error "type given twice" "-t" -t f32,f32 -o out.json
usage_error "max-n zero" "--max-n" --max-n 0 -o out.json
usage_error "max-n not a number" "--max-n" --max-n 1e6 -o out.json
usage_error "max-n too large" "--max-n" --max-n 100000000000 -o out.json
usage_error "negative seed" "--seed" --seed -3 -o out.json
usage_error "threads zero" "--threads" --threads 0 -o out.json
usage_error "unwritable output" "-o" --max-n 1000 -o "$WORK/no/such/dir/out.json"

# a small reduction run
run --max-n 2000 -t f32 --threads 2 -o out.json
if [ "$RC" -ne 0 ]; then
    not_ok "reduction run" "exit code $RC: $(head -c 300 "$ERR")"
else
    ok "reduction run"
    if python3 - "$DIR/out.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == "scebench-reduction/1", d["schema"]
assert d["suite"] == "reduction" and d["largest_n"] == 2000 and d["sizes"] == [1000, 2000]
rows = d["results"]
names = {s["name"] for s in d["strategies"] if "f32" in s["formats"]}
assert {"plain", "f64", "cascade", "kahan-neumaier", "kahan", "gpu-tree"} <= names, names
assert len(rows) == len(names) * 2 * 2, len(rows)  # strategies x term sets x sizes
keys = {"strategy", "type", "n", "mean", "exact_mean_of_terms", "exact_mean", "rel_error_summation",
        "rel_error_end_to_end", "ulp_summation", "ulp_end_to_end", "overflow", "gelem_per_s", "terms",
        "first_overflow_n"}
for r in rows:
    assert keys <= set(r), set(r) ^ keys
    assert r["type"] == "f32" and r["terms"] in ("accurate", "pytorch")
    assert isinstance(r["gelem_per_s"], float) and r["gelem_per_s"] > 0
    if r["strategy"] == "f64":
        assert r["ulp_summation"] <= 0.5 + 1e-9, r
    assert r["overflow"] is False
EOF
    then ok "reduction results file"; else not_ok "reduction results file" "see above"; fi
    if head -n 1 "$OUT" | grep -q "strategy" && grep -q "cascade" "$OUT"; then
        ok "reduction table"
    else
        not_ok "reduction table" "$(head -n 2 "$OUT")"
    fi
fi

# f16: the float sum returned as f16 overflows past 65520 (near n = 136000 for these losses),
# recorded with its first index; the numbers do not depend on the thread count
run --max-n 150000 -t f16 --threads 1 -o one.json
RC1=$RC
ONE=$DIR/one.json
run --max-n 150000 -t f16 --threads 2 -o two.json
if [ "$RC1" -ne 0 ] || [ "$RC" -ne 0 ]; then
    not_ok "f16 overflow run" "exit codes $RC1, $RC"
elif python3 - "$ONE" "$DIR/two.json" <<'EOF'
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
over = {(o["strategy"], o["terms"]): o for o in a["overflows"]}
cast = over[("sum-cast", "accurate")]
assert isinstance(cast["first_overflow_n"], int) and 100000 < cast["first_overflow_n"] <= 150000, cast
assert cast["exact_index"] is True
rows = [r for r in a["results"] if r["strategy"] == "sum-cast" and r["terms"] == "accurate"]
assert [r["overflow"] for r in rows] == [r["n"] >= cast["first_overflow_n"] for r in rows], rows
assert all(r["mean"] in ("inf", "nan") for r in rows if r["overflow"])
strip = lambda rows: [{k: v for k, v in r.items() if k != "gelem_per_s"} for r in rows]
assert strip(a["results"]) == strip(b["results"]), "threads changed the numbers"
EOF
then ok "f16 overflow recorded, same numbers with 1 and 2 threads"; else not_ok "f16 overflow run" "see above"; fi

# caffe-layer on the two small batches, f64
run --suite caffe-layer -t f64 --max-n 70000 -o caffe.json
if [ "$RC" -ne 0 ]; then
    not_ok "caffe-layer run" "exit code $RC: $(head -c 300 "$ERR")"
elif python3 - "$DIR/caffe.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == "scebench-reduction/1" and d["suite"] == "caffe-layer"
rows = d["batches"]
assert len(rows) == 2 * 2 * 4, len(rows)  # batches x ignore x normalizations
for r in rows:
    # Caffe's Dtype sum of 64000 terms: a few tens of ulps in f64, far below 1e-12 relative; its
    # tanh sigmoid loses relative accuracy for x < 0, so the gradient's error is large but finite
    assert r["type"] == "f64" and r["loss_rel_error"] < 1e-12, r
    assert isinstance(r["grad"]["max_ulp"], float) and r["grad"]["points"] == r["outer_num"] * r["inner_num"]
    assert r["normalizer"] >= 1
    if r["ignore_label"] is None:
        assert r["valid_count"] == r["outer_num"] * r["inner_num"]
    else:
        assert 0 < r["valid_count"] < r["outer_num"] * r["inner_num"]
    n = {"FULL": r["outer_num"] * r["inner_num"], "VALID": r["valid_count"], "BATCH_SIZE": r["outer_num"], "NONE": 1}
    assert r["normalizer"] == n[r["normalization"]], r
EOF
then ok "caffe-layer results file"; else not_ok "caffe-layer results file" "see above"; fi

# weighted, f32: accurate keeps its contract in every run; runs in the sweep's schema
run --suite weighted -t f32 -o weighted.json
if [ "$RC" -ne 0 ]; then
    not_ok "weighted run" "exit code $RC: $(head -c 300 "$ERR")"
elif python3 - "$DIR/weighted.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == "scebench-reduction/1" and d["suite"] == "weighted"
runs = d["runs"]
assert len(runs) == 4 * 2 * 2 * 4 * 2 * 2, len(runs)  # impls x suites x targets x p x w x fn
keys = {"impl", "type", "mode", "fn", "targets", "points", "max_ulp", "mean_ulp", "contract", "contract_holds",
        "histogram", "classes", "worst", "examples", "suite", "pos_weight", "weight"}
for r in runs:
    assert keys <= set(r), keys - set(r)
    if r["impl"] == "accurate":
        assert r["contract_holds"] and r["max_ulp"] <= 0.501, r["max_ulp"]
assert {r["pos_weight"] for r in runs} == {"0x1.47ae14p-7", "0x1p+0", "0x1.8p+1", "0x1.9p+6"}
EOF
then ok "weighted results file"; else not_ok "weighted results file" "see above"; fi

finish
