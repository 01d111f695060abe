#!/bin/bash
# scebench bench --target cuda (harness/bench_cuda.c).  Exit 77 (skipped) when scebench was built
# without the CUDA part.  Otherwise: bad options are refused (exit 2); without a device the bench
# fails with one line naming --target cuda and the reason (exit 2) and writes no -o file; with a
# device a tiny bench (--sizes 1048576 --reps 5) writes a bench.json whose fields are checked
# (no number is judged beyond being positive; the mean must be the same bits in every run), and
# `scebench gate --bench` accepts it.
# usage: test_bench_cuda.sh SCEBENCH RESULTS.json   (any results file, for gate)
SCEBENCH=$1
RESULTS=$2
source "$(dirname "$0")/test_lib.sh"

if "$SCEBENCH" bench --target cuda --reps 1 2>&1 | grep -q "CUDA not built"; then
    echo "skipped: this scebench was built without the CUDA part (no nvcc when it was configured)"
    exit 77
fi

exits "-i cuda-slow (exit 2)" 2 "-i: unknown implementation 'cuda-slow'" -- "$SCEBENCH" bench --target cuda -i cuda-slow
exits "--reps 4 (exit 2)" 2 "--reps: at least 5" -- "$SCEBENCH" bench --target cuda --reps 4
exits "--threads is a CPU option (exit 2)" 2 "--threads: not an option of --target cuda" -- \
    "$SCEBENCH" bench --target cuda --threads 1
exits "--sizes l2 (exit 2)" 2 "--sizes: unknown size 'l2'" -- "$SCEBENCH" bench --target cuda --sizes l2
exits "--fn exp (exit 2)" 2 "--fn: unknown function" -- "$SCEBENCH" bench --target cuda --fn exp
exits "-t f8 (exit 2)" 2 "-t: unknown format" -- "$SCEBENCH" bench --target cuda -t f8
exits "--warmup x (exit 2)" 2 "--warmup: expected an integer" -- "$SCEBENCH" bench --target cuda --warmup x

# Without a device: one line on stderr, nothing on stdout, exit 2, no file.
"$SCEBENCH" bench --target cuda -o "$WORK/none.json" >"$WORK/stdout" 2>"$WORK/stderr"
rc=$?
if grep -q "no CUDA device usable" "$WORK/stderr"; then
    if [ "$rc" -eq 2 ]; then ok "no device: exit 2"; else not_ok "no device: exit 2" "exit $rc"; fi
    if [ "$(wc -l <"$WORK/stderr")" -eq 1 ] && [ ! -s "$WORK/stdout" ] &&
        grep -qE '^scebench bench: --target cuda: no CUDA device usable \(.+\)$' "$WORK/stderr"; then
        ok "no device: one line naming --target cuda and the reason"
    else
        not_ok "no device: one line naming --target cuda and the reason" "$(head -3 "$WORK/stderr" | tr '\n' ' ')"
    fi
    if ! ls "$WORK" | grep -q '^none\.json'; then ok "no device: no -o file"; else not_ok "no device: no -o file"; fi
    finish
fi
rm -f "$WORK/none.json"

# With a device.
exits "sizes that do not fit in the device memory (exit 2)" 2 "--sizes 1099511627776: .*device memory" -- \
    "$SCEBENCH" bench --target cuda -t f64 --sizes 1099511627776 -o "$WORK/none.json"
if ! ls "$WORK" | grep -q '^none\.json'; then ok "a refused size writes no file"; else not_ok "a refused size writes no file"; fi

exits "tiny bench on the device" 0 "cuda-accurate +bf16 +loss\+grad" -- \
    "$SCEBENCH" bench --target cuda --sizes 1048576 --reps 5 -o "$WORK/bench.json"
cat "$WORK/out"
python3 - "$WORK/bench.json" >"$WORK/check.out" 2>&1 <<'PY'
import json, math, sys
d = json.load(open(sys.argv[1]))
problems = []
def need(cond, what):
    if not cond:
        problems.append(what)
def positive(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0 and math.isfinite(value)
need(d.get("schema") == "scebench-bench/1", "schema")
need(d.get("target") == "cuda", "target")
need(isinstance(d.get("command"), str) and "--target cuda" in d["command"], "command")
device = d.get("device", {})
for key in ("name", "ordinal", "compute_capability", "sm_count", "memory_bytes", "l2_bytes", "clock_khz",
            "memory_clock_khz", "memory_bus_bits", "driver_version", "runtime_version"):
    need(key in device, "device." + key)
need(positive(device.get("sm_count")) and positive(device.get("memory_bytes")), "device sm_count, memory_bytes > 0")
for key in ("cpu_model", "cores", "caches", "memory_bytes", "hostname"):
    need(key in d.get("host", {}), "host." + key)
for key in ("compiler", "flags", "git_revision"):
    need(key in d.get("build", {}), "build." + key)
settings = d.get("settings", {})
need(settings.get("reps") == 5 and "warmup" in settings and "seed" in settings, "settings reps, warmup, seed")
roofline = d.get("roofline", [])
need(sorted(r.get("type") for r in roofline) == ["bf16", "f16", "f32", "f64"], "one read row per format")
for r in roofline:
    need(positive(r.get("gb_per_s", {}).get("median")), "roofline %s gb_per_s" % r.get("type"))
results = d.get("results", [])
need(len(results) == 40, "40 results (4 formats x 2 variants x 5 functions), got %d" % len(results))
keys = set()
for r in results:
    name = "%s %s %s" % (r.get("impl"), r.get("type"), r.get("fn"))
    keys.add(name)
    need(r.get("impl") in ("cuda-accurate", "cuda-fast"), name + ": impl")
    need(r.get("target") == "cuda" and isinstance(r.get("threads"), int), name + ": target, threads")
    need(isinstance(r.get("mode"), str) and isinstance(r.get("size"), str), name + ": mode, size")
    need(r.get("elements") == 1048576 and r.get("reps") == 5, name + ": elements, reps")
    ms = r.get("milliseconds", {})
    need(all(positive(ms.get(k)) for k in ("median", "min", "max")) and
         ms.get("min") <= ms.get("median") <= ms.get("max"), name + ": milliseconds")
    need(all(positive(r.get("gelem_per_s", {}).get(k)) for k in ("median", "min", "max")), name + ": Gelem/s > 0")
    need(positive(r.get("gb_per_s")) and positive(r.get("bytes_per_element")), name + ": GB/s")
    need(positive(r.get("roofline_fraction")), name + ": roofline_fraction")
    if r.get("impl") == "cuda-accurate":
        need(positive(r.get("time_vs_fast")) and positive(r.get("vs", {}).get("cuda-fast")), name + ": vs cuda-fast")
    else:
        need(r.get("time_vs_fast") is None, name + ": time_vs_fast only for cuda-accurate")
    if r.get("fn") in ("mean", "mean+grad"):
        need(r.get("deterministic") is True, name + ": deterministic")
        need(positive(r.get("mean")) and float.fromhex(r.get("mean_hex", "nan")) == r.get("mean"),
             name + ": mean and mean_hex")
need(len(keys) == 40, "40 distinct results")
for p in problems:
    print("bench.json: " + p)
sys.exit(1 if problems else 0)
PY
if [ $? -eq 0 ]; then ok "bench.json: device, host, roofline and every result field"; else
    not_ok "bench.json fields" "$(head -5 "$WORK/check.out" | tr '\n' ' ')"; fi
exits "gate --bench accepts the file as its own baseline" 0 "bench: 40 results compared" -- \
    "$SCEBENCH" gate --baseline "$RESULTS" "$RESULTS" --bench "$WORK/bench.json" --bench-baseline "$WORK/bench.json"
finish
