#!/usr/bin/env bash
# The emitter's end-to-end checks, run by CTest:
#   check_calendars.sh fixtures|examples|cli|zones|icaljs|subscriber MESO TOOLS_DIR SOURCE_DIR
# fixtures: calendars from hand-built schedules (ical_fixtures) through the
#           four checks: our byte lint, libical, Python icalendar's structure,
#           and the meaning check (instants via icalendar + zoneinfo).
# examples: every examples/*.meso compiled by `meso compile`, through the same
#           checks; its events must be `meso schedule --format json`'s sessions.
# cli:      UID stability, reproducibility, atomic writes, error exits, and
#           sessions the clocks change under (each lasting its length).
# zones:    New York, Dublin, Casablanca, Lord Howe and Tokyo: sessions on
#           both sides of a change at the right instants in libical,
#           icalendar and ical.js; RRULEs, RDATEs; NAME and ORGANIZER read back.
# icaljs:   the calendars of fixtures, examples and the clock changes read by
#           ical.js (npm, installed from tests/emit/node/package-lock.json):
#           every event's start and end at the instants zoneinfo gives.
# subscriber: `meso publish`'s feeds synced by vdirsyncer from a local web
#           server, before and after an edit (subscriber.py), and every
#           feed of both publishes through the four checks and ical.js.
# Exit 77 (skipped) when there is nothing to check yet, for icaljs when
# node or npm is missing, for subscriber when vdirsyncer is.
set -uo pipefail
mode=$1 meso=$2 tools=$3 src=$4
python=/usr/bin/python3
checker=$src/tests/emit/check_calendar.py
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
status=0
fail() { echo "FAIL: $*" >&2; status=1; }

four_checks() {  # FILE...
  "$tools/ical_lint" "$@" || fail "byte lint"
  "$tools/libical_check" "$@" || fail "libical"
  $python "$checker" structure "$@" || fail "icalendar structure"
  local file
  for file in "$@"; do
    $python "$checker" libical "$file" "$tools/libical_check" || fail "libical and zoneinfo disagree on $file"
  done
}

# Sessions at 00:30, 01:30 and 02:30 on the nights the clocks change in
# Berlin and New York in 2027, an hour each: starts that do not exist or
# happen twice, sessions across a change and ending at one.
night_programs() {
  cat <<MESO
athlete "Alex" {
  max squat 180 kg
}
MESO
  for zone_start in Europe/Berlin:2027-03-22 Europe/Berlin:2027-10-25 America/New_York:2027-03-08 America/New_York:2027-11-01; do
    cat <<MESO
program "Nights from ${zone_start#*:}" for "Alex" {
  start ${zone_start#*:}
  timezone ${zone_start%%:*}
  1 week "Nights" {
    days sun
    sessions 00:30, 01:30, 02:30 for 60 min
    squat 5x5 @ 75%
  }
}
MESO
  done
}

case $mode in
fixtures)
  "$tools/ical_fixtures" "$tmp" || fail "ical_fixtures"
  four_checks "$tmp"/*.ics
  $python "$checker" meaning "$tmp" || fail "meaning"
  ;;

examples)
  shopt -s nullglob
  examples=("$src"/examples/*.meso)
  if [ ${#examples[@]} -eq 0 ]; then echo "no examples yet"; exit 77; fi
  for f in "${examples[@]}"; do
    name=$(basename "$f" .meso)
    # A fixed default zone, so that the check does not depend on the machine's.
    if ! SOURCE_DATE_EPOCH=1798761600 "$meso" compile "$f" --timezone America/New_York -o "$tmp/$name.ics"; then
      fail "meso compile $f"
      continue
    fi
    four_checks "$tmp/$name.ics"
    "$meso" schedule --format json --timezone America/New_York "$f" > "$tmp/$name.json" || { fail "meso schedule --format json $f"; continue; }
    $python "$checker" schedule "$tmp/$name.ics" "$tmp/$name.json" America/New_York || fail "$f: events and sessions differ"
  done
  ;;

cli)
  if "$meso" compile /dev/null 2>&1 | grep -q "not built yet"; then echo "meso compile not built yet"; exit 77; fi
  program() {  # START [TIMEZONE]
    cat <<MESO
athlete "Alex" {
  max squat 180 kg
}
program "Off-season 2027" for "Alex" {
  start $1
  timezone ${2:-Europe/Berlin}
  2 weeks "Kaatsu" {
    method bfr
    days mon..sat
    sessions 08:00, 16:00 for 30 min
    occlusion continuous
    cuff 160 mmHg
    squat 20% x 30,15,15,15 rest 30 s
  }
  1 week "Strength" {
    method strength
    days mon wed fri
    sessions 17:00 for 90 min
    squat 5x5 @ 75%
  }
}
MESO
  }
  uids() { grep -a '^UID:' "$1" | sort; }
  starts() { grep -a '^DTSTART;' "$1"; }
  program 2027-01-04 > "$tmp/plan.meso"
  program 2027-01-11 > "$tmp/later.meso"
  program 2027-01-04 Europe/Berln > "$tmp/typo.meso"
  export SOURCE_DATE_EPOCH=1798761600

  # Recompiling gives the same bytes; moving start a week keeps every UID and moves the events.
  "$meso" compile "$tmp/plan.meso" -o "$tmp/a.ics" || fail "compile"
  "$meso" compile "$tmp/plan.meso" > "$tmp/b.ics" || fail "compile to stdout"
  cmp -s "$tmp/a.ics" "$tmp/b.ics" || fail "two runs with SOURCE_DATE_EPOCH differ"
  [ "$(grep -ac '^BEGIN:VEVENT' "$tmp/a.ics")" = 27 ] || fail "expected 24 + 3 events"
  "$meso" compile "$tmp/later.meso" -o "$tmp/later.ics" || fail "compile later"
  [ "$(uids "$tmp/a.ics")" = "$(uids "$tmp/later.ics")" ] || fail "moving start by a week changed the UIDs"
  [ "$(uids "$tmp/a.ics" | uniq | wc -l)" = 27 ] || fail "UIDs are not unique"
  [ "$(starts "$tmp/a.ics")" != "$(starts "$tmp/later.ics")" ] || fail "moving start did not move the events"
  grep -aq '^DTSTART;TZID=Europe/Berlin:20270111T080000' "$tmp/later.ics" || fail "the later program does not start on 2027-01-11"
  grep -aq '^DTSTAMP:20270101T000000Z' "$tmp/a.ics" || fail "DTSTAMP does not come from SOURCE_DATE_EPOCH"
  four_checks "$tmp/a.ics"
  SOURCE_DATE_EPOCH=junk "$meso" compile "$tmp/plan.meso" > /dev/null 2> "$tmp/err"
  [ $? = 2 ] && grep -q SOURCE_DATE_EPOCH "$tmp/err" || fail "a bad SOURCE_DATE_EPOCH is not refused"

  # Sessions on both sides of a daylight-saving change, at the instants zoneinfo gives.
  for zone_start in Europe/Berlin:2027-03-22 America/New_York:2027-03-08 Europe/Berlin:2027-10-25 America/New_York:2027-11-01; do
    program "${zone_start#*:}" "${zone_start%%:*}" > "$tmp/dst.meso"
    "$meso" compile "$tmp/dst.meso" -o "$tmp/dst.ics" || fail "compile $zone_start"
    "$meso" schedule --format json "$tmp/dst.meso" > "$tmp/dst.json" || fail "schedule $zone_start"
    $python "$checker" schedule "$tmp/dst.ics" "$tmp/dst.json" UTC || fail "$zone_start: events and sessions differ"
  done

  # Sessions the clocks change under: each event at the instant RFC 5545
  # reads its local start as, lasting its length, in libical and icalendar.
  night_programs > "$tmp/nights.meso"
  "$meso" compile "$tmp/nights.meso" -o "$tmp/nights.ics" 2> "$tmp/err" || fail "compile nights: $(cat "$tmp/err")"
  [ "$(grep -c 'warning: .*\(does not exist\|happens twice\|runs across\)' "$tmp/err")" = 6 ] ||
    fail "expected 6 clock change warnings: $(cat "$tmp/err")"
  four_checks "$tmp/nights.ics"
  "$meso" schedule --format json "$tmp/nights.meso" > "$tmp/nights.json" 2>/dev/null || fail "schedule nights"
  $python "$checker" schedule "$tmp/nights.ics" "$tmp/nights.json" UTC || fail "nights: events and sessions differ"

  # Unicode names and a 300-character note come through folding and escaping exactly.
  $python "$src/tests/emit/unicode_roundtrip.py" "$meso" "$tmp" || fail "unicode names and a long note"

  # --alarm and --timezone.
  "$meso" compile "$tmp/plan.meso" --alarm 30m | grep -aq '^TRIGGER:-PT30M' || fail "--alarm 30m"
  "$meso" compile "$tmp/plan.meso" --alarm soon > /dev/null 2> "$tmp/err"
  [ $? = 2 ] && grep -q -- "--alarm" "$tmp/err" || fail "a bad --alarm is not refused with exit 2"
  sed '/timezone/d' "$tmp/plan.meso" > "$tmp/nozone.meso"
  "$meso" compile "$tmp/nozone.meso" --timezone America/New_York | grep -aq '^DTSTART;TZID=America/New_York:20270104T080000' ||
    fail "--timezone is not used for a program without a zone"
  TZ=Asia/Tokyo "$meso" compile "$tmp/nozone.meso" | grep -aq '^DTSTART;TZID=Asia/Tokyo:' || fail "TZ is not the machine's zone"
  "$meso" compile "$tmp/nozone.meso" --timezone Europe/Berln > /dev/null 2> "$tmp/err"
  [ $? = 2 ] && grep -q "did you mean 'Europe/Berlin'" "$tmp/err" || fail "an unknown --timezone is not refused with a suggestion"

  # A program with errors writes nothing and leaves an existing calendar byte-identical.
  mkdir "$tmp/out"
  printf 'precious calendar\r\n' > "$tmp/out/cal.ics"
  cp "$tmp/out/cal.ics" "$tmp/keep.ics"
  "$meso" compile "$tmp/typo.meso" -o "$tmp/out/cal.ics" 2> "$tmp/err"
  [ $? = 1 ] || fail "a program with errors does not exit 1"
  grep -q "typo.meso:6:.*unknown time zone 'Europe/Berln'; did you mean 'Europe/Berlin'?" "$tmp/err" ||
    fail "the unknown zone is not a located error with a suggestion: $(cat "$tmp/err")"
  cmp -s "$tmp/out/cal.ics" "$tmp/keep.ics" || fail "a program with errors changed the existing calendar"
  [ "$(ls -A "$tmp/out")" = cal.ics ] || fail "a failed compile left files behind: $(ls -A "$tmp/out")"
  [ -z "$("$meso" compile "$tmp/typo.meso" 2>/dev/null)" ] || fail "a program with errors wrote to stdout"

  # A file without sessions is not a calendar.
  printf 'athlete "A" {\n  max squat 100 kg\n}\n' > "$tmp/empty.meso"
  "$meso" compile "$tmp/empty.meso" -o "$tmp/out/empty.ics" 2> "$tmp/err"
  [ $? = 1 ] && grep -q "holds no program" "$tmp/err" && [ ! -e "$tmp/out/empty.ics" ] ||
    fail "a file without programs is not refused: $(cat "$tmp/err")"

  # Write errors: exit 2 with a message, nothing half-written.
  "$meso" compile "$tmp/plan.meso" -o /dev/full 2> "$tmp/err"
  [ $? = 2 ] && grep -q "/dev/full" "$tmp/err" || fail "-o /dev/full does not fail cleanly: $(cat "$tmp/err")"
  "$meso" compile "$tmp/plan.meso" > /dev/full 2> "$tmp/err"
  [ $? = 2 ] && grep -qi "standard output" "$tmp/err" || fail "stdout on /dev/full does not fail cleanly: $(cat "$tmp/err")"
  "$meso" compile "$tmp/plan.meso" -o /proc/meso-test.ics 2> "$tmp/err"
  [ $? = 2 ] && grep -q "meso-test.ics" "$tmp/err" || fail "an unwritable directory does not fail cleanly: $(cat "$tmp/err")"
  "$meso" compile "$tmp/plan.meso" -o "$tmp/no/such/dir/x.ics" 2> "$tmp/err"
  [ $? = 2 ] || fail "a missing directory does not exit 2"
  chmod a-w "$tmp/out"
  if [ -w "$tmp/out" ]; then
    echo "note: running as root, a read-only directory is writable; covered by /proc above"
  else
    "$meso" compile "$tmp/plan.meso" -o "$tmp/out/cal.ics" 2> "$tmp/err"
    [ $? = 2 ] || fail "a read-only directory does not exit 2"
    cmp -s "$tmp/out/cal.ics" "$tmp/keep.ics" || fail "a failed write changed the existing calendar"
  fi
  chmod u+w "$tmp/out"

  # A good compile replaces the calendar whole, keeps its mode, and leaves no temporary file.
  chmod 640 "$tmp/out/cal.ics"
  "$meso" compile "$tmp/plan.meso" -o "$tmp/out/cal.ics" || fail "compile over an existing calendar"
  cmp -s "$tmp/out/cal.ics" "$tmp/a.ics" || fail "the replaced calendar differs from a fresh one"
  [ "$(stat -c %a "$tmp/out/cal.ics")" = 640 ] || fail "replacing a calendar changed its mode"
  [ "$(ls -A "$tmp/out")" = cal.ics ] || fail "compile left files behind: $(ls -A "$tmp/out")"
  ;;
zones)
  # One program per zone, its sessions on both sides of a change of the
  # clocks (Tokyo has none): each event at the instant zoneinfo gives, as
  # libical, icalendar and ical.js compute it from the file's own VTIMEZONE.
  # The names hold a comma and a semicolon (escaped in NAME), the coach a
  # double quote (RFC 6868 in ORGANIZER;CN=).
  export SOURCE_DATE_EPOCH=1798761600
  icaljs=yes
  for program in node npm; do command -v $program >/dev/null 2>&1 || icaljs=; done
  node_dir=$src/tests/emit/node
  if [ -n "$icaljs" ] && [ ! -d "$node_dir/node_modules/ical.js" ]; then
    (cd "$node_dir" && npm ci --engine-strict --no-audit --no-fund --loglevel=error) || fail "npm ci in $node_dir"
  fi
  [ -n "$icaljs" ] || echo "note: node or npm missing, ical.js not checked (scripts/setup installs them)"
  for case in America/New_York:2027-03-08:2 Europe/Dublin:2027-03-22:2 Europe/Dublin:2027-10-25:2 Africa/Casablanca:2027-02-01:2 \
    Australia/Lord_Howe:2027-03-29:2 Australia/Lord_Howe:2027-09-27:2 Asia/Tokyo:2027-03-08:1; do
    IFS=: read -r zone start offsets <<< "$case"
    name=$(echo "$zone-$start" | tr / -)
    cat > "$tmp/$name.meso" <<MESO
athlete "Alex" {
  max squat 180 kg
}
program "$zone, from $start; 6 weeks" for "Alex" {
  coach "Sam \"Coach\" Lee" <sam@example.org>
  start $start
  timezone $zone
  6 weeks "Strength" {
    method strength
    days mon..sun
    sessions 01:30, 12:00 for 60 min
    squat 5x5 @ 75%
  }
}
MESO
    "$meso" compile "$tmp/$name.meso" -o "$tmp/$name.ics" 2> "$tmp/err" || { fail "compile $case: $(cat "$tmp/err")"; continue; }
    four_checks "$tmp/$name.ics"
    "$meso" schedule --format json "$tmp/$name.meso" > "$tmp/$name.json" 2>/dev/null || fail "schedule $case"
    $python "$checker" schedule "$tmp/$name.ics" "$tmp/$name.json" UTC || fail "$case: events and sessions differ"
    $python "$checker" offsets "$tmp/$name.ics" "$offsets" || fail "$case: not on both sides of a change"
    grep -aqF "ORGANIZER;CN=Sam ^'Coach^' Lee:mailto:sam@example.org" "$tmp/$name.ics" || fail "$case: the coach's name in ORGANIZER"
    grep -aqF "NAME;VALUE=TEXT:${zone}\\, from ${start}\\; 6 weeks" "$tmp/$name.ics" || fail "$case: NAME"
    if [ -n "$icaljs" ]; then $python "$checker" icaljs "$tmp/$name.ics" "$node_dir/instants.mjs" || fail "$case: ical.js and zoneinfo disagree"; fi
  done
  # Outlook reads only observances that repeat: New York's are RRULEs, and nothing else.
  ny=$tmp/America-New_York-2027-03-08.ics
  [ "$(grep -ac '^RRULE:' "$ny")" = 2 ] && ! grep -aq '^RDATE' "$ny" || fail "New York's VTIMEZONE is not two RRULEs"
  grep -aq '^RDATE:' "$tmp/Africa-Casablanca-2027-02-01.ics" && ! grep -aq '^RRULE' "$tmp/Africa-Casablanca-2027-02-01.ics" ||
    fail "Casablanca's VTIMEZONE is not RDATEs"
  # --alarm '' is a mistake (a script's empty variable), not "no reminder".
  "$meso" compile "${ny%.ics}.meso" --alarm '' > /dev/null 2> "$tmp/err"
  [ $? = 2 ] && grep -q -- "--alarm '': expected a duration" "$tmp/err" || fail "--alarm '' is not refused with exit 2: $(cat "$tmp/err")"
  ;;
icaljs)
  for program in node npm; do
    if ! command -v $program >/dev/null 2>&1; then echo "skipped: $program is not installed (scripts/setup installs it)"; exit 77; fi
  done
  node_dir=$src/tests/emit/node
  if [ ! -d "$node_dir/node_modules/ical.js" ]; then
    (cd "$node_dir" && npm ci --engine-strict --no-audit --no-fund --loglevel=error) || { echo "FAIL: npm ci in $node_dir" >&2; exit 1; }
  fi
  "$tools/ical_fixtures" "$tmp" || fail "ical_fixtures"
  night_programs > "$tmp/nights.meso"
  SOURCE_DATE_EPOCH=1798761600 "$meso" compile "$tmp/nights.meso" -o "$tmp/nights.ics" 2>/dev/null || fail "compile nights"
  for f in "$src"/examples/*.meso; do
    SOURCE_DATE_EPOCH=1798761600 "$meso" compile "$f" --timezone America/New_York -o "$tmp/example-$(basename "$f" .meso).ics" ||
      fail "meso compile $f"
  done
  for file in "$tmp"/*.ics; do
    $python "$checker" icaljs "$file" "$node_dir/instants.mjs" || fail "ical.js and zoneinfo disagree on $file"
  done
  ;;
subscriber)
  $python "$src/tests/emit/subscriber.py" "$meso" "$tmp/work"
  subscribed=$?
  [ $subscribed = 77 ] && exit 77
  [ $subscribed = 0 ] || fail "the subscriber's calendars did not follow the edit"
  shopt -s nullglob
  feeds=("$tmp"/work/first/*.ics "$tmp"/work/feeds/*.ics)
  [ ${#feeds[@]} = 4 ] || fail "expected 2 feeds from each of 2 publishes, found ${#feeds[@]}"
  four_checks "${feeds[@]}"
  if [ -d "$src/tests/emit/node/node_modules/ical.js" ] && command -v node >/dev/null 2>&1; then
    for file in "${feeds[@]}"; do
      $python "$checker" icaljs "$file" "$src/tests/emit/node/instants.mjs" || fail "ical.js and zoneinfo disagree on $file"
    done
  else
    echo "note: ical.js not installed yet (emit.icaljs installs it): the feeds were not read with it"
  fi
  ;;
*)
  echo "usage: $0 fixtures|examples|cli|zones|icaljs|subscriber MESO TOOLS_DIR SOURCE_DIR" >&2
  exit 2
  ;;
esac
[ $status = 0 ] && echo "all $mode checks passed"
exit $status
