#!/bin/bash
# What CI runs: the quick suite (seed 1), gated against the checked-in baseline
# reports/baseline/quick.json.  Both are measured against the MPFR references (exact, so the
# numbers are the same in every build; the quick suite needs under a second of MPFR).
# Regenerate the baseline after an intended change with
#   scebench sweep --suite quick --seed 1 --reference mpfr --no-profiles -o reports/baseline/quick.json
# usage: test_gate_quick.sh SCEBENCH BASELINE.json
SCEBENCH=$1
BASELINE=$2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
if ! "$SCEBENCH" sweep --suite quick --seed 1 --reference mpfr -o "$WORK/quick.json" >"$WORK/sweep.out" 2>&1; then
    tail -5 "$WORK/sweep.out"
    echo "FAILED: the quick sweep did not run"
    echo "0 passed, 1 failed"
    exit 1
fi
"$SCEBENCH" gate --baseline "$BASELINE" "$WORK/quick.json"
rc=$?
if [ "$rc" -eq 0 ]; then
    echo "1 passed, 0 failed"
else
    echo "FAILED: gate exit code $rc against $BASELINE"
    echo "0 passed, 1 failed"
fi
[ "$rc" -eq 0 ]
