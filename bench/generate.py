#!/usr/bin/env python3
"""Generates realistic large inputs for meso's benchmark.

    generate.py OUT_DIR [--scale N]

Writes, each scaled by N (1, 10, 100, ...):
  years.meso       one athlete's program of many years: N×2 years of
                   kaatsu / hypertrophy / powerlifting / deload cycles
  federation.meso  a federation's season: N×100 athletes, one program each
  big.meso         about N×100 KB of programs and templates (N=100: 10 MB)
Deterministic: the same scale gives the same bytes.
"""
import os
import random
import sys

TEMPLATES = """
template cycle-strength "Strength" {
  method strength
  days mon wed fri
  sessions 18:00 for 90 min
  mon { squat 4x5 @ 70% +2.5% per week rest 3 min; bench-press 4x5 @ 70% +2.5% per week rest 3 min }
  wed { deadlift 3x5 @ 72.5% +2.5% per week rest 3 min; bench-press 3x8 @ 60% rest 2 min }
  fri { squat 3x8 @ 60% rest 2 min; bench-press 4x5 @ 70% +2.5% per week rest 3 min }
  week 4 deload
}
"""


def athlete(name, rng):
    return (f'athlete "{name}" {{\n'
            f'  max squat {rng.randrange(80, 260)} kg\n'
            f'  max bench-press {rng.randrange(50, 180)} kg\n'
            f'  max deadlift {rng.randrange(100, 300)} kg\n'
            f'  max knee-extension {rng.randrange(30, 90)} kg\n'
            f'  round 2.5 kg\n}}\n')


def season(name, athlete_name, start, rng, cycles):
    lines = [f'program "{name}" for "{athlete_name}" {{', f'  start {start}', '  timezone Europe/Berlin']
    for c in range(cycles):
        lines.append('  3 weeks kaatsu')
        lines.append(f'  then 8 weeks hypertrophy {{ days mon wed fri sat; squat 3x10 @ {rng.randrange(60, 70)}% }}')
        lines.append('  then 10 weeks powerlifting')
        lines.append('  then 1 week deload')
        if rng.random() < 0.3:
            lines.append(f'  4 weeks cycle-strength as "Strength {c + 1}"')
    lines.append('}')
    return '\n'.join(lines) + '\n'


def write(path, text):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


def main():
    out = sys.argv[1]
    scale = 1
    if '--scale' in sys.argv:
        scale = int(sys.argv[sys.argv.index('--scale') + 1])
    os.makedirs(out, exist_ok=True)
    rng = random.Random(2027)
    header = 'use std.templates\n' + TEMPLATES

    # One program of many years: a 22-week cycle is ~0.42 years.
    cycles = max(1, round(scale * 2 * 52 / 22))
    write(os.path.join(out, f'years-{scale}.meso'),
          header + athlete('Alex', rng) + season('Career', 'Alex', '2027-01-04', rng, cycles))

    # A federation's season: many athletes, one program each.
    parts = [header]
    for i in range(scale * 100):
        name = f'Athlete {i + 1:05d}'
        parts.append(athlete(name, rng))
        parts.append(season(f'Season {i + 1:05d}', name, f'2027-0{1 + i % 9}-0{1 + i % 9}', rng, 1))
    write(os.path.join(out, f'federation-{scale}.meso'), ''.join(parts))

    # About 100 KB per unit of scale of programs and comments.
    parts = [header]
    size = len(header)
    i = 0
    while size < scale * 100_000:
        i += 1
        name = f'Lifter {i:06d}'
        chunk = f'# lifter {i}: generated\n' + athlete(name, rng) + season(f'Plan {i:06d}', name, '2027-01-04', rng, 1)
        parts.append(chunk)
        size += len(chunk)
    write(os.path.join(out, f'big-{scale}.meso'), ''.join(parts))


if __name__ == '__main__':
    main()
