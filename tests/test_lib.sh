# What the shell tests share: a work directory removed on exit, the pass and fail counts, and
# the helpers below.  A test script sources it once its arguments are checked:
#
#   source "$(dirname "$0")/test_lib.sh"
#
# WORK          a fresh directory, removed when the script exits.  A script that needs more
#               on exit replaces the trap and keeps the removal:
#               trap 'kill "$pid" 2>/dev/null; rm -rf "$WORK"' EXIT
# PASSED FAILED the counts so far; a script may add to them (checks run by an embedded script)
# ok NAME, not_ok NAME [WHY]             print one line per check and count it
# exits NAME CODE PATTERN -- COMMAND...  a check of COMMAND's exit code and of PATTERN (grep -E;
#                                        empty: none) in its stdout + stderr, kept in $WORK/out
# finish                                 prints "N passed, M failed" and exits, non-zero when a
#                                        check failed
# Safe under set -u; sets no shell options of its own.

# Named after the script, so that a directory left by a killed run says whose it is.
WORK=$(mktemp -d "${TMPDIR:-/tmp}/scebench-$(basename "$0" .sh).XXXXXX") || exit 2
trap 'rm -rf "$WORK"' EXIT

PASSED=0
FAILED=0
ok() { PASSED=$((PASSED + 1)); echo "ok - $1"; }
not_ok() { FAILED=$((FAILED + 1)); echo "not ok - $1${2:+: $2}"; }

exits() {
    local name=$1 code=$2 pattern=$3
    shift 4
    "$@" >"$WORK/out" 2>&1
    local rc=$?
    if [ "$rc" -ne "$code" ]; then
        not_ok "$name" "exit $rc, expected $code: $(tail -3 "$WORK/out" | tr '\n' ' ')"
    elif [ -n "$pattern" ] && ! grep -qE -- "$pattern" "$WORK/out"; then
        not_ok "$name" "no '$pattern' in: $(tail -3 "$WORK/out" | tr '\n' ' ')"
    else
        ok "$name"
    fi
}

finish() {
    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" -eq 0 ]
    exit
}
