#!/usr/bin/env bash
# `--target cuda` and the CUDA implementations where they cannot run: without a device (or in a
# build without the CUDA part) every such request ends with one line on stderr naming the
# option, exit code 2, and no output file.  Skipped (77) on a machine with a CUDA device.
set -u
scebench=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

if "$scebench" list --json | python3 -c 'import json,sys; sys.exit(0 if any(i["target"] == "cuda" for i in json.load(sys.stdin)) else 1)'; then
    cuda_built=1
else
    cuda_built=0
fi
if [ "$cuda_built" = 1 ] && command -v nvidia-smi > /dev/null && nvidia-smi -L > /dev/null 2>&1; then
    echo "skipped: a CUDA device is present (the gpu tests cover it)"
    exit 77
fi

expect_refusal() { # option-name, then the command's arguments
    local name=$1
    shift
    "$scebench" "$@" -o "$work/out.json" > "$work/stdout" 2> "$work/stderr"
    local rc=$?
    local lines
    lines=$(wc -l < "$work/stderr")
    if [ "$rc" = 2 ] && [ "$lines" = 1 ] && grep -q -- "$name" "$work/stderr" && [ ! -e "$work/out.json" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: scebench $*: rc $rc, stderr:"
        cat "$work/stderr"
    fi
    rm -f "$work/out.json"
}

expect_refusal "--target" sweep --target cuda --suite quick
expect_refusal "--target" sweep --target gpu --suite quick
if [ "$cuda_built" = 1 ]; then
    expect_refusal "cuda-accurate" sweep -i cuda-accurate --suite quick
    expect_refusal "cuda-fast" sweep -i cuda-fast,accurate --suite quick
fi
# the CPU twin runs anywhere
if "$scebench" sweep -i cuda-accurate-host -t f16 --suite quick -o "$work/twin.json" > /dev/null 2>&1 && [ -s "$work/twin.json" ]; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
    echo "FAIL: cuda-accurate-host quick sweep"
fi
# "all" on the CPU target leaves the device's implementations out
if "$scebench" sweep -t f16 --suite quick -o "$work/all.json" > /dev/null 2>&1 &&
    python3 -c 'import json,sys; runs=json.load(open(sys.argv[1]))["runs"]; sys.exit(0 if runs and not any(r["impl"] in ("cuda-accurate","cuda-fast") for r in runs) else 1)' "$work/all.json"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
    echo "FAIL: sweep of all on the cpu target"
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
