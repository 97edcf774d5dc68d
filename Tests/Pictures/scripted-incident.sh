# Sourced by the make-*-picture.sh scripts: builds crisis, gives it a fresh HOME and database in $work
# (removed on exit unless the caller sets its own trap), and defines `at`, which plays one command at a
# fixed time.   at HH:MM AUTHOR crisis-arguments…
# HH:MM is UTC on 2026-11-23; times typed as arguments are Berlin's, an hour ahead.
swift build --product crisis >/dev/null
crisis="$PWD/.build/debug/crisis"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work" CRISIS_DB="$work/crisis.db" TZ=Europe/Berlin

at() {
    time=$1 author=$2
    shift 2
    CRISIS_NOW="2026-11-23T$time:00Z" CRISIS_AUTHOR="$author" "$crisis" "$@" >/dev/null 2>&1 \
        || { echo "failed at $time: crisis $*" >&2; CRISIS_NOW="2026-11-23T$time:00Z" CRISIS_AUTHOR="$author" "$crisis" "$@"; exit 1; }
}
