// The TextMate grammar, tested the way VS Code uses it: vscode-textmate with
// the Oniguruma regex engine tokenizes .meso text, and each test asserts the
// scopes of what a coach reads: keywords, durations, loads, dates, times,
// strings, comments and rule ids.
//
//   cd editors/vscode && npm ci && npm test
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const extension = path.resolve(__dirname, '..');
const repository = path.resolve(extension, '..', '..');

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName !== 'source.meso') return null;
      const file = path.join(extension, 'syntaxes', 'meso.tmLanguage.json');
      return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
  });
  return registry.loadGrammar('source.meso');
}

const grammarPromise = loadGrammar();

// Every line of `text` as a list of tokens { text, scopes }.
async function tokenize(text) {
  const grammar = await grammarPromise;
  let state = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), start: t.startIndex, scopes: t.scopes }));
  });
}

// The scopes of the text `needle` on the line that contains `lineNeedle`:
// every token that `needle` overlaps must carry `scope`.
async function expectScope(text, lineNeedle, needle, scope) {
  const lines = text.split('\n');
  const index = lines.findIndex((l) => l.includes(lineNeedle));
  assert.notStrictEqual(index, -1, `no line contains ${JSON.stringify(lineNeedle)}`);
  const line = lines[index];
  const at = line.indexOf(needle, line.indexOf(lineNeedle));
  assert.notStrictEqual(at, -1, `${JSON.stringify(needle)} is not on the line ${JSON.stringify(line)}`);
  const tokens = (await tokenize(text))[index];
  const covering = tokens.filter((t) => t.start < at + needle.length && t.start + t.text.length > at);
  for (const t of covering) {
    assert.ok(t.scopes.includes(scope),
      `${JSON.stringify(needle)} in ${JSON.stringify(line)}: token ${JSON.stringify(t.text)} has ${t.scopes.join(' ')}, not ${scope}`);
  }
}

const program = `# Off-season plan
use std.bfr            # rule set
use "lib/extra.meso"

athlete "Alex" {
  max squat 180 kg
  round 2.5 kg
  condition arterial-hardening
  aop leg 180 mmHg
  cleared bfr.precaution "Dr Lee, 2027-01-10"
  bar 20 kg
  plates 2x25 20 15 10 5 2.5 1.25 kg
  barbell squat, deadlift
  machine leg-curl step 5 kg
}

group "Squad" { "Alex" }

condition frailty "frail older adult" {
  class relative
  alias frail
}

template kaatsu "Kaatsu (BFR) hypertrophy block" {
  method bfr
  days mon..sat
  sessions 08:00, 16:00 for 30 min
  occlusion continuous
  cuff arm 160 mmHg
  cuff width 5 cm
  squat 20% x 30,15,15,15 rest 30 s
  knee-extension 20% x 30,15,15,15 rest 30 s
  allow bfr.min-gap "cleared by the physician"
  week 4 deload
}

program "Off-season 2027" for "Alex" {
  start 2027-01-04
  timezone Europe/Berlin
  coach "Sam \\"Coach\\" Lee" <sam@example.org>
  calendar-id "club.example.org"
  skip 2027-02-14..2027-02-20 "holiday"
  competition 2027-06-12 "Nationals"
  3 weeks kaatsu then 10 weeks powerlifting
  repeat 2 {
    training-max squat +5 kg per cycle
    1 week deload
  }
  3 weeks "Rotation" {
    days mon wed fri
    rotate drop {
      "A" { good-morning 3x8 @ 40% }
      "B" { hip-thrust 4x6 @ 60% }
    }
    alternate {
      "Heavy" { leg-curl 3x6 @ 70% }
      "Light" {}
    }
  }
  2 weeks "Taper" {
    wed fri { bench-press 3x8 @ RPE 8 }
    deadlift 3x5 @ 100 kg +5 kg per week
    squat 4x6 @ 70%..85%
  }
}

ruleset bfr "Blood-flow-restriction guidelines" {
  applies to blocks where method = bfr
  rule min-gap error "at least 4 hours between BFR sessions" {
    require gap >= 4 h
    forbid athlete has condition arterial-hardening and not every exercise load between 20% and 30%
  }
}
`;

test('comments are comments, to the end of the line, and a # in a string is not one', async () => {
  await expectScope(program, '# Off-season plan', '# Off-season plan', 'comment.line.number-sign.meso');
  await expectScope(program, 'use std.bfr', '# rule set', 'comment.line.number-sign.meso');
  const tokens = await tokenize('note "set #2 is heavy"');
  assert.ok(tokens[0].every((t) => !t.scopes.includes('comment.line.number-sign.meso')));
});

test('keywords', async () => {
  for (const [line, word] of [['use std.bfr', 'use'], ['athlete "Alex"', 'athlete'], ['template kaatsu', 'template'],
    ['program "Off', 'program'], ['group "Squad"', 'group'], ['method bfr', 'method'], ['days mon', 'days'], ['sessions 08:00', 'sessions'],
    ['sessions 08:00', 'for'], ['occlusion continuous', 'occlusion'], ['cuff arm', 'cuff'], ['week 4 deload', 'week'],
    ['week 4 deload', 'deload'], ['start 2027', 'start'], ['skip 2027', 'skip'], ['competition 2027', 'competition'], ['calendar-id "club', 'calendar-id'], ['3 weeks kaatsu then', 'then'],
    ['repeat 2 {', 'repeat'], ['training-max squat +5', 'training-max'], ['+5 kg per cycle', 'cycle'],
    ['rotate drop {', 'rotate'], ['rotate drop {', 'drop'], ['alternate {', 'alternate'],
    ['rest 30 s', 'rest'], ['+5 kg per week', 'per'], ['rule min-gap', 'rule'], ['require gap', 'require'],
    ['forbid athlete', 'forbid'], ['applies to blocks', 'applies']]) {
    await expectScope(program, line, word, line.startsWith('use') ? 'keyword.control.import.meso' : 'keyword.control.meso');
  }
  await expectScope(program, 'forbid athlete', 'and', 'keyword.operator.logical.meso');
  await expectScope(program, 'forbid athlete', 'between', 'keyword.operator.logical.meso');
});

test('durations: a number and a unit of time, with or without a space', async () => {
  await expectScope(program, 'sessions 08:00', '30 min', 'constant.numeric.duration.meso');
  await expectScope(program, 'squat 20%', '30 s', 'constant.numeric.duration.meso');
  await expectScope(program, '3 weeks kaatsu', '3 weeks', 'constant.numeric.duration.meso');
  await expectScope(program, '3 weeks kaatsu', '10 weeks', 'constant.numeric.duration.meso');
  await expectScope(program, 'require gap', '4 h', 'constant.numeric.duration.meso');
  await expectScope('rest 90sec', 'rest', '90sec', 'constant.numeric.duration.meso');
  await expectScope(program, '3 weeks kaatsu', 'kaatsu', 'entity.name.type.template.meso');
  await expectScope(program, '3 weeks kaatsu', 'powerlifting', 'entity.name.type.template.meso');
});

test('loads: percent, kilograms, RPE, ramps and progressions; sets and reps', async () => {
  await expectScope(program, 'squat 20%', '20%', 'constant.numeric.load.meso');
  await expectScope(program, 'max squat', '180 kg', 'constant.numeric.load.meso');
  await expectScope(program, 'bench-press 3x8', 'RPE 8', 'constant.numeric.load.meso');
  await expectScope(program, 'deadlift 3x5', '100 kg', 'constant.numeric.load.meso');
  await expectScope(program, 'deadlift 3x5', '5 kg', 'constant.numeric.load.meso');
  await expectScope(program, 'squat 4x6', '70%', 'constant.numeric.load.meso');
  await expectScope(program, 'squat 4x6', '85%', 'constant.numeric.load.meso');
  await expectScope(program, 'squat 4x6', '..', 'keyword.operator.range.meso');
  await expectScope(program, 'squat 4x6', '@', 'keyword.operator.at.meso');
  await expectScope(program, 'squat 4x6', '4x6', 'constant.numeric.scheme.meso');
  await expectScope(program, 'squat 4x6', 'squat', 'variable.other.exercise.meso');
  await expectScope(program, 'knee-extension 20%', 'knee-extension', 'variable.other.exercise.meso');
  await expectScope(program, 'cuff arm', '160 mmHg', 'constant.numeric.pressure.meso');
  await expectScope('cuff 50% AOP', 'cuff', '50% AOP', 'constant.numeric.pressure.meso');
  await expectScope(program, 'cuff width', '5 cm', 'constant.numeric.length.meso');
});

test('dates, date ranges and clock times', async () => {
  await expectScope(program, 'start 2027', '2027-01-04', 'constant.numeric.date.meso');
  await expectScope(program, 'skip 2027', '2027-02-14', 'constant.numeric.date.meso');
  await expectScope(program, 'skip 2027', '2027-02-20', 'constant.numeric.date.meso');
  await expectScope(program, 'skip 2027', '..', 'keyword.operator.range.meso');
  await expectScope(program, 'competition 2027', '2027-06-12', 'constant.numeric.date.meso');
  await expectScope(program, 'competition 2027', '"Nationals"', 'string.quoted.double.meso');
  await expectScope(program, 'sessions 08:00', '08:00', 'constant.numeric.time.meso');
  await expectScope(program, 'sessions 08:00', '16:00', 'constant.numeric.time.meso');
});

test('weekdays, short and long, but not inside a name', async () => {
  await expectScope(program, 'days mon..sat', 'mon', 'constant.language.weekday.meso');
  await expectScope(program, 'days mon..sat', 'sat', 'constant.language.weekday.meso');
  await expectScope(program, 'wed fri {', 'fri', 'constant.language.weekday.meso');
  await expectScope('days monday', 'days', 'monday', 'constant.language.weekday.meso');
  const tokens = await tokenize('  sun-salutation 3x10');
  assert.ok(tokens[0].every((t) => !t.scopes.includes('constant.language.weekday.meso')));
});

test('strings, with their escapes', async () => {
  await expectScope(program, 'athlete "Alex"', '"Alex"', 'string.quoted.double.meso');
  await expectScope(program, 'coach "Sam', '\\"', 'constant.character.escape.meso');
  await expectScope(program, 'coach "Sam', 'Lee"', 'string.quoted.double.meso');
  await expectScope(program, 'use "lib', '"lib/extra.meso"', 'string.quoted.double.meso');
  await expectScope(program, 'coach "Sam', '<sam@example.org>', 'string.other.email.meso');
  // a string ends on its line: the next line is not swallowed
  const tokens = await tokenize('note "unterminated\nstart 2027-01-04');
  assert.ok(tokens[1].find((t) => t.text === '2027-01-04').scopes.includes('constant.numeric.date.meso'));
});

test('rule ids, rule names, severities and modules', async () => {
  await expectScope(program, 'allow bfr.min-gap', 'bfr.min-gap', 'entity.name.function.rule-id.meso');
  await expectScope(program, 'rule min-gap', 'min-gap', 'entity.name.function.rule-id.meso');
  await expectScope(program, 'rule min-gap', 'error', 'constant.language.severity.meso');
  await expectScope(program, 'use std.bfr', 'std.bfr', 'entity.name.namespace.meso');
  await expectScope(program, 'ruleset bfr', 'bfr', 'entity.name.namespace.ruleset.meso');
  await expectScope(program, 'timezone Europe', 'Europe/Berlin', 'constant.other.timezone.meso');
});

// Every .meso file of the repository (examples, stdlib, test fixtures):
// whatever the file holds, its comments, dates and clock times are
// recognised wherever they stand outside a string.
function corpus() {
  const files = [];
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(full);
      else if (entry.isFile() && entry.name.endsWith('.meso')) files.push(full);
    }
  };
  for (const dir of ['examples', 'stdlib', 'tests']) walk(path.join(repository, dir));
  return files;
}

test('over every .meso file of the repository: comments, dates and times outside strings get their scopes', async () => {
  const files = corpus();
  assert.ok(files.length > 0);
  let checked = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const lines = await tokenize(text);
    lines.forEach((tokens, n) => {
      for (const t of tokens) {
        if (t.scopes.some((s) => s.startsWith('string.') || s.startsWith('comment.'))) continue;
        const where = `${path.relative(repository, file)}:${n + 1}: ${JSON.stringify(t.text)} has ${t.scopes.join(' ')}`;
        if (t.text.startsWith('#')) assert.fail(`${where}; expected a comment`);
        if (/^\d{4}-\d{2}-\d{2}$/.test(t.text)) { assert.ok(t.scopes.includes('constant.numeric.date.meso'), where); checked++; }
        if (/^\d{1,2}:\d{2}$/.test(t.text)) { assert.ok(t.scopes.includes('constant.numeric.time.meso'), where); checked++; }
      }
      const line = text.split('\n')[n];
      if (/^\s*#/.test(line)) {
        assert.ok(tokens[tokens.length - 1].scopes.includes('comment.line.number-sign.meso'), `${file}:${n + 1}`);
        checked++;
      }
    });
  }
  assert.ok(checked > 0);
});

test('equipment: bar, plates, barbell, dumbbell and machine marks and their step are keywords, not exercises', async () => {
  await expectScope(program, 'bar 20 kg', 'bar', 'keyword.control.meso');
  await expectScope(program, 'plates 2x25', 'plates', 'keyword.control.meso');
  await expectScope(program, 'barbell squat', 'barbell', 'keyword.control.meso');
  await expectScope(program, 'machine leg-curl', 'machine', 'keyword.control.meso');
  await expectScope(program, 'machine leg-curl', 'step', 'keyword.control.meso');
});

test('screening: aop, cleared, limbs, and the condition declaration with its class and alias', async () => {
  await expectScope(program, 'aop leg', 'aop', 'keyword.control.meso');
  await expectScope(program, 'aop leg', 'leg', 'constant.language.limb.meso');
  await expectScope(program, 'aop leg', '180 mmHg', 'constant.numeric.pressure.meso');
  await expectScope(program, 'cuff arm', 'arm', 'constant.language.limb.meso');
  await expectScope(program, 'cleared bfr', 'cleared', 'keyword.control.meso');
  await expectScope(program, 'cleared bfr', 'bfr.precaution', 'entity.name.function.rule-id.meso');
  await expectScope(program, 'condition frailty', 'condition', 'keyword.control.meso');
  await expectScope(program, 'condition frailty', 'frailty', 'entity.name.type.condition.meso');
  await expectScope(program, 'class relative', 'class', 'keyword.control.meso');
  await expectScope(program, 'alias frail', 'alias', 'keyword.control.meso');
});

const prescriptionForms = `athlete "Sam" {
  training-max 90%
}
template t {
  squat 65% TM x 5, 85% TM x 5+ warm-up 40% TM x 5 rest 3 min
  row 3x8-12 @ RIR 2
  lunge 3x10 @ 20 kg each side
  superset {
    curl 3x10 @ 20 kg
    dip 3x10
  } rest 90 s
}`;

test('prescriptions of issue 14: training-max, % TM, RIR, warm-up, each side, superset', async () => {
  await expectScope(prescriptionForms, 'training-max 90%', 'training-max', 'keyword.control.meso');
  await expectScope(prescriptionForms, 'squat 65%', 'TM', 'keyword.other.unit.meso');
  await expectScope(prescriptionForms, 'squat 65%', 'warm-up', 'keyword.control.meso');
  await expectScope(prescriptionForms, 'squat 65%', 'squat', 'variable.other.exercise.meso');
  await expectScope(prescriptionForms, 'row 3x8-12', 'RIR 2', 'constant.numeric.load.meso');
  await expectScope(prescriptionForms, 'lunge 3x10', 'each', 'keyword.control.meso');
  await expectScope(prescriptionForms, 'lunge 3x10', 'side', 'keyword.control.meso');
  await expectScope(prescriptionForms, 'superset {', 'superset', 'keyword.control.meso');
});

const ruleSetForms = `ruleset clinic "Our clinic's BFR rules" {
  source position-stand "Patterson SD, et al. Front Physiol 2019; 10: 533"
  applies to bfr blocks
  rule no-clots error "no BFR after a clot" {
    forbid athlete has condition of class absolute
    allow never
    replaces clinic.clots
    require every week days-per-week <= 3
  }
}
`;

test('rule-set forms: applies to bfr blocks, of class, allow never, replaces, every week, a source\'s firmness', async () => {
  for (const word of ['applies', 'to', 'bfr', 'blocks']) await expectScope(ruleSetForms, 'applies to bfr blocks', word, 'keyword.control.meso');
  await expectScope(ruleSetForms, 'source position-stand', 'source', 'keyword.control.meso');
  await expectScope(ruleSetForms, 'source position-stand', 'position-stand', 'storage.modifier.firmness.meso');
  await expectScope(ruleSetForms, 'source position-stand', '"Patterson', 'string.quoted.double.meso');
  await expectScope(ruleSetForms, 'of class absolute', 'of', 'keyword.control.meso');
  await expectScope(ruleSetForms, 'of class absolute', 'class', 'keyword.control.meso');
  await expectScope(ruleSetForms, 'allow never', 'allow', 'keyword.control.meso');
  await expectScope(ruleSetForms, 'allow never', 'never', 'keyword.control.meso');
  await expectScope(ruleSetForms, 'replaces clinic', 'replaces', 'keyword.control.meso');
  await expectScope(ruleSetForms, 'replaces clinic', 'clinic.clots', 'entity.name.function.rule-id.meso');
  await expectScope(ruleSetForms, 'every week', 'every', 'keyword.control.meso');
  await expectScope(ruleSetForms, 'every week', 'week', 'keyword.control.meso');
  // a plain source, without a firmness word, is still a string
  await expectScope('  source "Clinic protocol"\n', 'source', '"Clinic protocol"', 'string.quoted.double.meso');
});
