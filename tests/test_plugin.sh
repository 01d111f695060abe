#!/bin/bash
# --plugin: the example plugin (examples/plugin/example_plugin.c, built by ctest as a shared
# library) swept and benchmarked as an extra implementation; bad plugins refused with exit 2.
# usage: test_plugin.sh SCEBENCH PLUGIN.so
SCEBENCH=$1
PLUGIN=$2
source "$(dirname "$0")/test_lib.sh"

exits "sweep --plugin (only the plugin)" 0 "example-branchless +f32 +native +loss" -- \
    "$SCEBENCH" sweep --plugin "$PLUGIN:scebench_example" -i example-branchless -t f32,f64 --suite quick \
    -o "$WORK/plugin.json"
python3 - "$WORK/plugin.json" >"$WORK/check.out" 2>&1 <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["runs"]
keys = {(r["impl"], r["type"], r["mode"], r["fn"], r["targets"]) for r in runs}
want = {("example-branchless", t, "native", f, s) for t in ("f32", "f64") for f in ("loss", "grad")
        for s in ("hard", "soft", "random")}
problems = []
if keys != want:
    problems.append("runs %s, expected %s" % (sorted(keys), sorted(want)))
for r in runs:
    if r["points"] <= 0 or r["contract"] is not None or not r["contract_holds"]:
        problems.append("run %s: points %s contract %s" % (r["impl"], r["points"], r["contract"]))
print("\n".join(problems))
sys.exit(1 if problems else 0)
PY
if [ $? -eq 0 ]; then ok "the results hold the plugin's 12 runs (f32, f64 x loss, grad x 3 target sets)"; else not_ok "plugin runs" "$(head -3 "$WORK/check.out" | tr '\n' ' ')"; fi

# The plugin computes what the built-in `branchless` does in f32 and f64 for the loss.
exits "sweep --plugin with -i branchless adds the plugin" 0 "example-branchless" -- \
    "$SCEBENCH" sweep --plugin "$PLUGIN:scebench_example" -i branchless -t f32 --fn loss --suite quick --targets hard \
    -o "$WORK/both.json"
python3 - "$WORK/both.json" >"$WORK/check.out" 2>&1 <<'PY'
import json, sys
runs = {r["impl"]: r for r in json.load(open(sys.argv[1]))["runs"]}
a, b = runs.get("branchless"), runs.get("example-branchless")
ok = a and b and a["points"] == b["points"] and a["classes"] == b["classes"] and a["max_ulp"] == b["max_ulp"]
print("branchless %s, plugin %s" % (a and (a["max_ulp"], a["classes"]), b and (b["max_ulp"], b["classes"])))
sys.exit(0 if ok else 1)
PY
if [ $? -eq 0 ]; then ok "the plugin's f32 loss measures as the built-in branchless"; else not_ok "plugin vs branchless" "$(cat "$WORK/check.out")"; fi

exits "bench --plugin" 0 "example-branchless +f32 +native +loss\+grad" -- \
    "$SCEBENCH" bench --plugin "$PLUGIN:scebench_example" -i example-branchless -t f32 --sizes 1000 --threads 1 \
    --reps 10 --min-time 0.001 -o "$WORK/bench.json"
if python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; r=[x for x in r if not x["peer_only"]]; sys.exit(not r or any(x["impl"]!="example-branchless" for x in r) or not any(x["fn"]=="mean" and x["composed"] for x in r))' "$WORK/bench.json"; then
    ok "bench.json holds the plugin's results (mean composed from loss)"
else
    not_ok "bench.json holds the plugin's results"
fi

exits "no such symbol (exit 2)" 2 "no symbol 'nosuch'" -- "$SCEBENCH" sweep --plugin "$PLUGIN:nosuch" -t f32 --suite quick
exits "no such file (exit 2)" 2 "cannot load" -- "$SCEBENCH" sweep --plugin "$WORK/none.so:scebench_example" --suite quick
exits "no symbol given (exit 2)" 2 "expected PATH.so:SYMBOL" -- "$SCEBENCH" sweep --plugin "$PLUGIN" --suite quick
exits "the same plugin twice: name taken (exit 2)" 2 "already taken" -- \
    "$SCEBENCH" sweep --plugin "$PLUGIN:scebench_example" --plugin "$PLUGIN:scebench_example" --suite quick

# Plugins with a wrong ABI version, a clashing name, no kernel: built here when a C compiler is found.
CC=${CC:-cc}
if command -v "$CC" >/dev/null 2>&1; then
    INCLUDE=$(dirname "$0")/../harness
    cat >"$WORK/bad.c" <<'C'
#include "scebench_plugin.h"
static void k(size_t n, const void *x, const void *z, void *out) { (void)n; (void)x; (void)z; (void)out; }
const struct scebench_plugin old_abi = {.abi_version = 0, .size = sizeof(struct scebench_plugin), .name = "old",
                                        .formats[SCEBENCH_PLUGIN_F32] = {.loss = k, .grad = k}};
const struct scebench_plugin clash = {.abi_version = SCEBENCH_PLUGIN_ABI_VERSION, .size = sizeof(struct scebench_plugin),
                                      .name = "caffe", .formats[SCEBENCH_PLUGIN_F32] = {.loss = k, .grad = k}};
const struct scebench_plugin empty = {.abi_version = SCEBENCH_PLUGIN_ABI_VERSION, .size = sizeof(struct scebench_plugin),
                                      .name = "empty"};
const struct scebench_plugin bad_name = {.abi_version = SCEBENCH_PLUGIN_ABI_VERSION, .size = sizeof(struct scebench_plugin),
                                         .name = "a b", .formats[SCEBENCH_PLUGIN_F32] = {.loss = k, .grad = k}};
C
    if "$CC" -shared -fPIC -I"$INCLUDE" "$WORK/bad.c" -o "$WORK/bad.so" 2>"$WORK/cc.out"; then
        exits "a wrong ABI version (exit 2)" 2 "ABI version 0" -- "$SCEBENCH" sweep --plugin "$WORK/bad.so:old_abi" --suite quick
        exits "a name of a built-in implementation (exit 2)" 2 "already taken" -- "$SCEBENCH" sweep --plugin "$WORK/bad.so:clash" --suite quick
        exits "a plugin without kernels (exit 2)" 2 "provides no kernel" -- "$SCEBENCH" sweep --plugin "$WORK/bad.so:empty" --suite quick
        exits "an invalid name (exit 2)" 2 "is not valid" -- "$SCEBENCH" sweep --plugin "$WORK/bad.so:bad_name" --suite quick
    else
        echo "note: $CC could not build the bad plugins (skipped): $(head -1 "$WORK/cc.out")"
    fi
fi

finish
