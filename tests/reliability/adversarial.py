#!/usr/bin/python3
"""Adversarial inputs for meso, and the test that runs meso on each of them.

    adversarial.py generate DIR            # write every case to DIR/NAME.meso
    adversarial.py run --meso BIN [--sanitized] [--only NAME...]

`run` generates the cases into a temporary directory, then runs
`meso check` and `meso schedule --format json` on each, under a memory
limit and a timeout, and asserts that meso exits cleanly (0, 1 or 2, never a
signal, never an "internal error"), within the bounds of docs/reliability.md:
at most 1 s of CPU time (asserted with slack: LIMIT_SECONDS) and 100 MB of
memory. With --sanitized (an ASan build) only the clean exit is asserted:
the sanitizers' shadow memory and slowdown make the limits meaningless.

Every case is at most 1 MB: the size meso promises to handle within the
bounds. The cases are the worst the team could think of; add one here when
you think of another.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

MB = 1 << 20
SIZE = MB - 4096             # each case stays under 1 MB
MEMORY_LIMIT = 100 * MB      # address space, and the peak resident set
LIMIT_SECONDS = 3.0          # the bound is 1 s; the slack is for a loaded CI machine
OUTPUT_LIMIT = 64 * MB       # standard output kept by the test (the rest is drained and counted)

# Cases that do not yet fit the budget of 1 s and 100 MB, with the reason.
# For these only the clean exit is asserted: under the 100 MB limit meso
# says "meso: error: out of memory" and exits 2 — never a signal, never a hang.
# They are listed in docs/reliability.md. Remove a case from here when it
# fits (the run prints "now within budget").
KNOWN_OVER_BUDGET = {
    # A rep list of 500,000 numbers in 1 MB: since issue 14 each item of a rep
    # list may be a range, an AMRAP or a timed set, and the syntax tree's item
    # is 112 bytes where a plain number was 64 (docs/reliability.md). The IR and
    # the schedule keep equal neighbours as one run; the syntax tree does not yet.
    'many-listed-sets': 'the syntax tree of a 500,000-item rep list needs about 105 MB',
}

ATHLETE = 'athlete "A" {\n  max squat 180 kg\n  max deadlift 220 kg\n  round 2.5 kg\n}\n'
DAYS = 'mon tue wed thu fri sat sun'
ALL_HOURS = ', '.join(f'{h:02d}:00' for h in range(24))


def fill(head, unit, tail='', size=SIZE):
    """head, then unit repeated while it fits, then tail."""
    room = size - len(head) - len(tail)
    return head + unit * max(0, room // len(unit)) + tail


def named_items(head, tail, item):
    """head, then item(0), item(1), ... (each naming itself by its number) as many as fit, then tail."""
    parts, size, i = [], len(head) + len(tail), 0
    while size + len(item(i)) <= SIZE - 200:
        parts.append(item(i))
        size += len(parts[-1])
        i += 1
    return head + ''.join(parts) + tail


def rotation_workouts():
    """A block whose rotation holds as many workouts, each named once, as fit."""
    return named_items('  1 week "B" { days ' + DAYS + '\n    rotate {\n', '    }\n  }\n',
                       lambda i: f'      "W{i}" {{ squat 1x1 @ 50% }}\n')


def week_patterns():
    """A 1000-week block whose `alternate` holds as many week patterns, each named once, as fit."""
    return named_items('  1000 weeks "B" { days ' + DAYS + '\n    squat 1x1 @ 50%\n    alternate {\n', '    }\n  }\n',
                       lambda i: f'      "P{i}" {{ squat 1x{i % 9 + 1} @ 50% }}\n')


def program(body, start='start 2027-01-04'):
    return ATHLETE + 'program "P" {\n  ' + start + '\n' + body + '}\n'


def ruleset(condition):
    return ('ruleset r "R" {\n  applies to blocks where method = bfr\n'
            '  rule x error "x" {\n    require ' + condition + '\n  }\n}\n')


def cases():
    c = {}
    # Nesting: the parser and the rule conditions recurse; both are bounded.
    c['deep-parentheses'] = ruleset(fill('', '(', 'weeks > 1'))
    c['deep-parentheses-closed'] = ruleset('(' * 5000 + 'weeks > 1' + ')' * 5000)
    c['deep-not'] = ruleset(fill('', 'not ', 'weeks > 1'))
    c['deep-every-exercise'] = ruleset(fill('', 'every exercise ', 'load > 1%'))
    c['long-and-chain'] = ruleset(fill('weeks > 1', ' and weeks > 1'))
    c['long-or-chain'] = ruleset(fill('weeks > 1', ' or not (weeks > 1)'))
    c['deep-braces'] = fill('', '{')
    c['deep-braces-in-program'] = program(fill('  1 week "B" ', '{'))
    c['deep-braces-closed'] = '{' * 200000 + '}' * 200000
    c['unbalanced-closing-braces'] = fill('', '}\n')
    # Numbers: huge, tiny, long, zero, negative progressions.
    c['huge-weeks'] = program('  1e308 weeks "B" { days mon }\n  999999999 weeks "C" { days mon }\n'
                              '  999999999999999 weeks "D" { days mon }\n  1000 weeks "E" { days mon }\n')
    c['huge-masses'] = ('athlete "A" {\n  max squat 999999999 kg\n  max deadlift 999999999999999 kg\n  round 999999999 kg\n}\n'
                        'program "P" {\n  start 2027-01-04\n  1 week "B" { days mon; squat 5x5 @ 999999999 kg; '
                        'deadlift 5x5 @ 999999999999999% }\n}\n')
    c['long-numbers'] = program(fill('  1 week "B" { days mon; squat 5x5 @ ', '9', ' kg }\n', size=MB // 2))
    c['many-long-numbers'] = program(fill('', '  1 week "B" { days mon; squat 5x5 @ 1234567890123456789.5 kg }\n'))
    c['tiny-numbers'] = ('athlete "A" {\n  max squat 0.00000000000001 kg\n  round 0.00000000000001 kg\n}\n'
                         'program "P" {\n  start 2027-01-04\n  1 week "B" { days mon; squat 5x5 @ 100 kg; '
                         'squat 5x5 @ 0.00000000000001% }\n}\n')
    c['zeros'] = ('athlete "A" {\n  max squat 0 kg\n  round 0 kg\n}\n'
                  'program "P" {\n  start 2027-01-04\n  0 weeks "Z" { days mon; squat 0x0 @ 0% rest 0 s }\n'
                  '  0 days "Y" { days mon; sessions 08:00 for 0 min }\n  1 week "X" { days mon; squat 5x5 @ 0% }\n}\n')
    c['progression-negative'] = program('  1000 weeks "B" {\n    days mon\n    squat 5x5 @ 50% -10% per week\n'
                                        '    deadlift 5x5 @ 100 kg -999999999 kg per week\n  }\n')
    c['progression-huge'] = program('  1000 weeks "B" {\n    days mon\n    squat 5x5 @ 999999999% +999999999999999% per week\n'
                                    '    deadlift 5x5 @ 999999999 kg +999999999999999 kg per week\n'
                                    '    squat 5x5 @ 1%..999999999999999%\n  }\n')
    c['huge-sets-and-reps'] = program('  1 week "B" { days mon; squat 999999999x999999999 @ 50% }\n'
                                      '  1000 weeks "C" { days mon..sun; sessions ' + ALL_HOURS + '; deadlift 1000000x1 @ 50% }\n')
    c['many-listed-sets'] = program(fill('  1000 weeks "B" {\n    days ' + DAYS + '\n    sessions ' + ALL_HOURS +
                                         '\n    squat 5 @ 50% rest 1 s\n    squat ', '1,', '1 @ 50%\n  }\n'))
    c['huge-rest-and-lengths'] = program('  1 week "B" { days mon; sessions 08:00 for 999999999 h; squat 5x5 @ 50% rest 999999999 weeks }\n'
                                         '  1 week "C" { days mon; sessions 23:59 for 999999999999999 min }\n')
    # Sizes: long lines, names and strings, many statements.
    c['long-line-of-words'] = fill('', 'squat ')
    c['long-identifier'] = program(fill('  1 week "B" { days mon; ', 'a', ' 5x5 @ 50% }\n'))
    c['long-string'] = program(fill('  1 week "B" { days mon; note "', 'x', '" }\n'))
    c['long-note-every-session'] = program(fill('  1000 weeks "B" {\n    days ' + DAYS + '\n    sessions ' + ALL_HOURS +
                                                '\n    squat 1x1 @ 50%\n    note "', 'n', '"\n  }\n'))
    c['long-exercise-every-session'] = program(fill('  1000 weeks "B" {\n    days ' + DAYS + '\n    sessions ' + ALL_HOURS +
                                                    '\n    "', 'e', '" 1x1 @ 50%\n  }\n'))
    c['long-block-name'] = program(fill('  1000 weeks "', 'b', '" { days ' + DAYS + '; sessions ' + ALL_HOURS + '; squat 1x1 }\n'))
    c['unterminated-string'] = fill('note "', 'x')
    c['many-tiny-blocks'] = program(fill('', '  1 day "b" { days mon..sun }\n'))
    c['many-tiny-template-blocks'] = ('template t { days mon..sun; squat 1x1 @ 50% }\n' +
                                      program(fill('', '  1 day t\n')))
    c['many-exercises-many-weeks'] = program(fill('  1000 weeks "B" {\n    days ' + DAYS + '\n    sessions ' + ALL_HOURS + '\n',
                                                  '    squat 5x5 @ 50% +1% per week\n', '  }\n'))
    c['many-exercises-template'] = (fill('template t {\n  days ' + DAYS + '\n  sessions ' + ALL_HOURS + '\n',
                                         '  squat 5x5 @ 50% +1% per week\n', '}\n', size=MB // 2) +
                                    program('  1000 weeks t\n  1000 weeks t\n  1000 weeks t\n'))
    c['every-day-24-sessions'] = program('  1000 weeks "B" {\n    days ' + DAYS + '\n    sessions ' + ALL_HOURS +
                                         ' for 59 min\n    squat 5x5 @ 75% +0.5% per week rest 30 s\n  }\n')
    c['every-day-24-sessions-many-blocks'] = program(''.join(
        f'  1000 weeks "B{i}" {{ days {DAYS}; sessions {ALL_HOURS}; squat 5x5 @ 75% }}\n' for i in range(50)))
    # Output grows with the sets of the sessions: a session of 700,000 sets
    # written 14 times is 9.8 million sets, just under the default budget
    # (10 a session of --max-sessions); 99 lines make it 13.9 million, over.
    c['sets-just-under-budget'] = program('  1 week "B" {\n    days ' + DAYS + '\n    sessions 00:00, 12:00\n' +
                                          '    squat 10000x1 @ 50%\n' * 70 + '  }\n')
    c['sets-over-budget'] = program('  1 week "B" {\n    days ' + DAYS + '\n    sessions 00:00, 12:00\n' +
                                    '    squat 10000x1 @ 50%\n' * 99 + '  }\n')
    c['many-session-times'] = program(fill('  1000 weeks "B" {\n    days ' + DAYS + '\n    sessions 00:00', ', 12:00',
                                           ' for 1 min\n    squat 1x1\n  }\n'))
    c['many-week-overrides'] = program(fill('  1000 weeks "B" {\n    days ' + DAYS + '\n    sessions ' + ALL_HOURS + '\n',
                                            '    week 1..1000 { squat 5x5 @ 50% }\n', '  }\n'))
    c['many-week-deloads'] = program(fill('  1000 weeks "B" {\n    days ' + DAYS + '\n    squat 5x5 @ 50%\n',
                                          '    week 1..1000 deload\n', '  }\n'))
    c['many-splits'] = program(fill('  1000 weeks "B" {\n    sessions ' + ALL_HOURS + '\n',
                                    '    mon..sun { squat 5x5 @ 50% }\n', '  }\n'))
    c['many-skips'] = program(fill('', '  skip 2027-01-04..2046-01-04 "x"\n', '  1000 weeks "B" { days ' + DAYS +
                                   '; sessions ' + ALL_HOURS + '; squat 1x1 }\n'))
    c['many-single-skips'] = program(fill('', '  skip 2030-01-01\n', '  1000 weeks "B" { days ' + DAYS +
                                          '; sessions ' + ALL_HOURS + '; squat 1x1 }\n'))
    c['huge-pause'] = program('  pause 1900-01-01..9999-12-31 "forever"\n  1 week "B" { days mon }\n')
    c['huge-pauses-backward'] = program('  pause 1900-01-01..9999-12-31\n  pause 2027-01-01..9999-12-31\n'
                                        '  1000 weeks "B" { days mon }\n', start='end 9999-12-31')
    c['many-pauses'] = program(fill('', '  pause 2027-01-05..2027-01-05\n', '  1000 weeks "B" { days ' + DAYS +
                                    '; sessions ' + ALL_HOURS + '; squat 1x1 }\n'))
    c['dates-at-the-edges'] = program('  1000 weeks "B" { days mon }\n', start='start 9999-12-31') + \
        program('  1000 weeks "B" { days mon }\n', start='end 0001-01-01').replace('"A"', '"A2"').replace('"P"', '"P2"')
    c['many-programs'] = ATHLETE + fill('', 'program "P" for "A" { start 2027-01-04; 1000 weeks "B" { days ' + DAYS +
                                        '; sessions ' + ALL_HOURS + ' } }\n')
    c['many-athletes'] = fill('', 'athlete "A" { max squat 100 kg }\n')
    # Groups (issue 15): a program for a group is resolved once per member,
    # the copies' blocks bounded in a file (docs/language.md, Groups).
    members = range(18000)
    c['large-group'] = ''.join(f'athlete "A{i}" {{ max squat 100 kg }}\n' for i in members) + \
        'group "G" { ' + ', '.join(f'"A{i}"' for i in members) + ' }\n' + \
        program('  1 week "B" { days mon; sessions 08:00, 17:00; squat 5x5 @ 75% }\n').replace('program "P" {', 'program "P" for "G" {')
    c['group-times-blocks'] = ''.join(f'athlete "A{i}" {{ max squat 100 kg }}\n' for i in range(200)) + \
        'group "G" { ' + ', '.join(f'"A{i}"' for i in range(200)) + ' }\n' + \
        'program "P" for "G" {\n  start 2027-01-04\n' + ''.join(f'  1 day "B{b}" {{ squat 5x5 @ 75% }}\n' for b in range(99)) + '}\n'
    # Cycles (issue 22): each cycle of a repeat is a copy of its blocks; the
    # copies are bounded in blocks, prescriptions and sets (docs/language.md, Cycles).
    c['repeat-copies-a-large-block'] = program(fill('  repeat 100 {\n    repeat 100 {\n      1 week "B" { days mon\n',
                                                    '        squat 1x1 @ 50 kg\n', '      }\n    }\n  }\n'))
    c['repeat-copies-many-blocks'] = program('  repeat 100 {\n    repeat 100 {\n' +
                                             ''.join(f'      1 day "B{b}" {{ squat 5x5 @ 75% }}\n' for b in range(3)) + '    }\n  }\n')
    c['repeat-of-long-blocks'] = program('  repeat 100 {\n    training-max squat +5 kg per cycle\n    repeat 100 {\n'
                                         '      1000 weeks "B" { days ' + DAYS + '; sessions ' + ALL_HOURS + '; squat 5x5 @ 75% }\n'
                                         '    }\n  }\n')
    c['repeat-ten-thousand-weeks'] = program('  repeat 100 {\n    repeat 100 { 1 week "B" { days ' + DAYS + '; squat 5x5 @ 75% } }\n  }\n')
    c['many-repeats'] = program(fill('', '  repeat 100 { repeat 100 { 1 day "B" { squat 1x1 @ 50% } } }\n'))
    # A finding in each of 10,000 cycles is one finding naming them all: merged in one pass, not each against every other.
    c['repeat-findings-in-every-cycle'] = program('  repeat 100 {\n    repeat 100 {\n      1 week "BFR" { method bfr; days mon wed fri; '
                                                  'cuff 50% AOP; squat 5x15 @ 30%; bench-press 5x15 @ 30% }\n    }\n  }\n')
    # Rotations (issue 22): a rotation of as many workouts as fit (each name checked against the others
    # once), and a rotation over a thousand weeks of 24 sessions a day (docs/language.md, Rotations).
    c['rotation-many-workouts'] = program(rotation_workouts())
    c['rotation-long-block'] = program('  1000 weeks "B" { days ' + DAYS + '; sessions ' + ALL_HOURS +
                                       '\n    rotate { "A" { squat 5x5 @ 75% }; "B" { squat 3x3 @ 85% } }\n  }\n')
    # Alternating weeks (issue 22): as many week patterns as fit over a 1000-week block (each week's
    # content merged once per pattern), and two patterns over a thousand weeks of 24 sessions a day.
    c['alternate-many-patterns'] = program(week_patterns())
    c['alternate-long-block'] = program('  1000 weeks "B" { days ' + DAYS + '; sessions ' + ALL_HOURS +
                                        '\n    squat 5x5 @ 75%\n    alternate { "A" { squat 3x3 @ 85% }; "B" { deadlift 1x5 @ 80% } }\n  }\n')
    c['many-maxes'] = fill('athlete "A" {\n', '  max squat 100 kg\n', '}\n')
    c['many-conditions'] = fill('athlete "A" {\n  condition a', ', a', '\n}\n')
    c['many-rules'] = fill('ruleset r "R" {\n', '  rule x error "x" { require weeks > 1 and gap >= 4 h }\n', '}\n')
    c['many-rulesets'] = fill('', 'ruleset r "R" { rule x error "x" { require weeks > 1 } }\n') + program(
        '  1000 weeks "B" { days mon..sun; sessions ' + ALL_HOURS + ' }\n')[:0]
    c['many-templates'] = fill('', 'template t { days mon }\n')
    c['many-uses'] = fill('', 'use std.templates\n')
    c['many-missing-uses'] = fill('', 'use std.kaatzu\nuse "missing.meso"\n')
    c['many-allows'] = program(fill('  1 week "B" {\n    days mon\n', '    allow bfr.min-gap "x"\n', '  }\n'))
    # Errors: thousands in one file, recovery after each.
    c['thousands-of-errors'] = fill('', 'squat 5x5 @ 75%\n')
    c['thousands-of-errors-in-program'] = program(fill('', '  3 weeks kaatzu\n  1 week "B" { dayz mon }\n'))
    c['thousands-of-bad-dates'] = program(fill('', '  skip 2027-02-30\n'))
    c['garbage-bytes'] = bytes((i * 7919 + 13) % 256 for i in range(SIZE))
    c['invalid-utf8'] = program('  1 week "B" { note "\xff\xfe" }\n').encode('latin-1')
    c['nul-bytes'] = b'\0' * SIZE
    c['tabs-and-carriage-returns'] = fill('', 'athlete\t"A"\r\n{\t}\r\n')
    c['only-newlines'] = '\n' * SIZE
    c['only-semicolons'] = ';' * SIZE
    c['only-comments'] = fill('', '# ' + 'c' * 100 + '\n')
    c['one-long-comment'] = fill('#', 'c')
    return c


def write_cases(directory):
    paths = []
    for name, text in cases().items():
        data = text if isinstance(text, bytes) else text.encode('utf-8')
        assert len(data) <= MB, f'{name} is {len(data)} bytes, more than 1 MB'
        path = os.path.join(directory, name + '.meso')
        with open(path, 'wb') as f:
            f.write(data)
        paths.append(path)
    return paths


def run_one(meso, args, sanitized):
    """Runs meso with args; returns (status, signal, seconds, peak_rss_bytes, stdout_bytes, stderr)."""
    def limits():
        if not sanitized:
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    timeout = 120 if sanitized else 10 * LIMIT_SECONDS
    start = time.monotonic()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([meso] + args, stdout=subprocess.PIPE, stderr=err, stdin=subprocess.DEVNULL,
                                preexec_fn=limits)
        out_bytes = 0
        timed_out = False
        while True:
            chunk = proc.stdout.read(1 << 16)
            if not chunk:
                break
            out_bytes += len(chunk)
            if time.monotonic() - start > timeout:
                proc.kill()
                timed_out = True
                break
        proc.stdout.close()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = 0  # reaped by wait4
        seconds = usage.ru_utime + usage.ru_stime
        err.seek(0)
        stderr = err.read().decode('utf-8', 'replace')
    if timed_out:
        return None, None, seconds, usage.ru_maxrss * 1024, out_bytes, 'timed out'
    if os.WIFSIGNALED(status):
        return None, os.WTERMSIG(status), seconds, usage.ru_maxrss * 1024, out_bytes, stderr
    return os.WEXITSTATUS(status), None, seconds, usage.ru_maxrss * 1024, out_bytes, stderr


def run(meso, sanitized, only):
    failures = []
    within = {}
    with tempfile.TemporaryDirectory(prefix='meso-adversarial-') as directory:
        for path in write_cases(directory):
            name = os.path.basename(path)[:-5]
            if only and name not in only:
                continue
            for args in (['check', path], ['schedule', '--format', 'json', path]):
                status, signal, seconds, rss, out_bytes, stderr = run_one(meso, args, sanitized)
                what = f'{name}: meso {args[0]}'
                print(f'{what:60} exit {status if signal is None else "signal " + str(signal)}  '
                      f'{seconds:6.3f} s  {rss / MB:6.1f} MB  {out_bytes / MB:8.1f} MB out')
                last = stderr.strip().splitlines()[-1:] if stderr.strip() else []
                if stderr == 'timed out':
                    failures.append(f'{what} did not finish')
                elif signal is not None:
                    failures.append(f'{what} died of signal {signal}: {stderr[-2000:]}')
                elif status not in (0, 1, 2):
                    failures.append(f'{what} exited {status}: {stderr[-2000:]}')
                elif 'internal error' in stderr or 'AddressSanitizer' in stderr or 'runtime error' in stderr:
                    failures.append(f'{what}: {stderr[-2000:]}')
                elif status == 2 and not (sanitized or (name in KNOWN_OVER_BUDGET and last == ['meso: error: out of memory'])):
                    failures.append(f'{what} could not run: {" ".join(last)}')
                if not sanitized:
                    over = seconds > LIMIT_SECONDS or rss > MEMORY_LIMIT or status == 2
                    if name in KNOWN_OVER_BUDGET:
                        within[name] = within.get(name, True) and not over
                    elif seconds > LIMIT_SECONDS:
                        failures.append(f'{what} took {seconds:.2f} s of CPU time')
                    elif rss > MEMORY_LIMIT:
                        failures.append(f'{what} used {rss / MB:.0f} MB')
    for name, fits in sorted(within.items()):
        if fits:
            print(f'note: {name} is now within budget; remove it from KNOWN_OVER_BUDGET')
    for f in failures:
        print('FAILED: ' + f, file=sys.stderr)
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest='command', required=True)
    g = sub.add_parser('generate')
    g.add_argument('directory')
    r = sub.add_parser('run')
    r.add_argument('--meso', required=True)
    r.add_argument('--sanitized', action='store_true')
    r.add_argument('--only', nargs='*', default=[])
    a = parser.parse_args()
    if a.command == 'generate':
        os.makedirs(a.directory, exist_ok=True)
        for p in write_cases(a.directory):
            print(p)
        return 0
    return run(a.meso, a.sanitized, set(a.only))


if __name__ == '__main__':
    sys.exit(main())
