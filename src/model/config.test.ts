import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { ConfigError } from './errors.ts';
import { parseConfig } from './config.ts';
import { defaultConfig } from './config-defaults.ts';

const TEMPLATE = readFileSync(new URL('../../templates/provenance.yml', import.meta.url), 'utf8');

function problem(text: string): ConfigError {
  try {
    parseConfig(text);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`accepted: ${text}`);
}

test('the commented template (the issue example plus budgets.action) is accepted as it is', () => {
  const config = parseConfig(TEMPLATE);
  assert.equal(config.levels, ['none', 'assisted', 'generated']);
  assert.equal(config.services.api, ['services/api/**']);
  assert.is(config.zones[2].name, 'human-only');
  assert.equal(config.zones[1].reviewers, ['lead@example.com']);
  assert.is(config.budgets[0].maxAiShare, 0.4);
  assert.is(config.rework.fixPattern, '\\b(fix|fixes|fixed|bug|hotfix|revert)\\b');
  assert.is(config.unknown, 'allow');
});

test('an empty file and no file give the same defaults', () => {
  assert.equal(parseConfig(''), defaultConfig());
  assert.equal(defaultConfig().levels, ['none', 'assisted', 'generated']);
  assert.is(defaultConfig().rework.windowDays, 14);
  assert.equal(defaultConfig().zones, []);
});

test('errors name the file, the line and the field, and say what is expected', () => {
  const cases: [string, number, RegExp][] = [
    ['levels: [none]\nunknown: deny\n', 2, /unknown: expected one of "allow", "refuse"/],
    [
      'zones:\n  - name: core\n    paths: [src/**]\n    allow: [maybe]\n',
      4,
      /zones\[0\]\.allow\[0\]: "maybe" is not one of levels \[none, assisted, generated\]/,
    ],
    ['budgets:\n  - service: api\n    maxAiShare: 1.5\n', 3, /budgets\[0\]\.maxAiShare: expected a share between 0 and 1/],
    ['rework:\n  windowDays: two weeks\n', 2, /rework\.windowDays: expected number/],
    ['levels: [none]\nzonez: []\n', 2, /unknown key "zonez"/],
    ['zones:\n  - name: core\n', 2, /zones\[0\]\.paths: is missing/],
    ['zones:\n  - name: a\n    paths: [x]\n    reviewRequiredFor: [generated]\n', 2, /reviewers: reviewRequiredFor needs at least one reviewer/],
    [
      'zones:\n  - name: a\n    paths: [x]\n    requireSignedReviews: true\n',
      4,
      /zones\[0\]\.requireSignedReviews: requires signed reviews, but reviewRequiredFor lists no level/,
    ],
    ['zones:\n  - name: a\n    paths: [x]\n    requireSignedReviews: "yes"\n', 4, /zones\[0\]\.requireSignedReviews: expected boolean/],
    ['rework:\n  fixPattern: "(unclosed"\n', 2, /fixPattern: is not a regular expression the linear-time engine \(RE2\) accepts: missing closing/],
    ['levels: [none, unknown]\n', 1, /"unknown" is implicit/],
    ['services:\n  api: services/api\n', 2, /services\.api: expected array/],
  ];
  for (const [text, line, message] of cases) {
    const error = problem(text);
    assert.is(error.line, line, text);
    assert.match(error.message, /^\.provenance\.yml:\d+: /);
    assert.match(error.message, message);
    assert.is(error.exitCode, 2);
  }
});

test('YAML syntax errors name the line', () => {
  const error = problem('levels: [none\nzones:\n  - name: x\n');
  assert.match(error.message, /is not valid YAML/);
  assert.ok(error.line !== undefined);
});

test('a file that is not a mapping is refused', () => {
  assert.match(problem('- just\n- a list\n').message, /expected a mapping/);
});

test('blank, padded, over-long and malformed path patterns are config errors naming line and field', () => {
  const cases: [string, number, string, RegExp][] = [
    ['zones:\n  - name: z\n    paths: [""]\n', 3, 'zones[0].paths[0]', /is blank/],
    ['zones:\n  - name: z\n    paths: ["  "]\n', 3, 'zones[0].paths[0]', /is blank/],
    ['zones:\n  - name: z\n    paths:\n      - "**"\n      - " src/**"\n', 5, 'zones[0].paths[1]', /white space/],
    ['services:\n  api: ["src/[ab"]\n', 2, 'services.api[0]', /unclosed "\["/],
    ['ignore: ["x\\\\"]\n', 1, 'ignore[0]', /lone "\\"/],
    ['zones:\n  - name: z\n    paths: ["!secret/**"]\n', 3, 'zones[0].paths[0]', /negation is not supported/],
    [`zones:\n  - name: z\n    paths: ["${'a'.repeat(70_000)}"]\n`, 3, 'zones[0].paths[0]', /over the limit of 4096/],
  ];
  for (const [text, line, field, message] of cases) {
    const error = problem(text);
    assert.is(error.line, line, `${text.slice(0, 80)}: ${error.message}`);
    assert.is(error.field, field, error.message);
    assert.match(error.message, message);
    assert.ok(error.message.length < 400, 'one short line, not the whole pattern');
  }
});

test('a YAML alias bomb is a config error, not a hang or a crash', () => {
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let i = 0; i < 8; i++)
    bomb.push(
      `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
        .fill(`*${String.fromCharCode(97 + i)}`)
        .join(',')}]`,
    );
  const started = Date.now();
  const error = problem(`${bomb.join('\n')}\n`);
  assert.match(error.message, /aliases too many times/);
  assert.ok(Date.now() - started < 5_000);
});

test('a fix pattern that could backtrack or needs lookaround is refused; RE2 syntax is accepted', () => {
  assert.match(problem('rework:\n  fixPattern: "(a)\\\\1"\n').message, /rework.fixPattern: is not a regular expression the linear-time engine/);
  assert.match(problem('rework:\n  fixPattern: "(?<=a)b"\n').message, /rework.fixPattern/);
  assert.is(parseConfig('rework:\n  fixPattern: "(a+)+$"\n').rework.fixPattern, '(a+)+$');
});

test.run();
