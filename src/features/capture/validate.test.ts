import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseConfig } from '../../model/config.ts';
import { defaultConfig } from '../../model/config-defaults.ts';
import { decodeTrailers, parseTrailerLines } from '../../model/trailers.ts';
import { checkMessage, isEmptyButOurTrailers } from './validate.ts';

const config = defaultConfig();
const check = (trailers: string, options = {}) => checkMessage(config, decodeTrailers(parseTrailerLines(trailers)), options);

test('a complete record passes', () => {
  assert.equal(check('AI-Assistance: assisted\nAI-Explanation: Keeps parsing in the codec, as FORMAT.md says'), { problems: [], warnings: [] });
  assert.equal(check('AI-Assistance: none'), { problems: [], warnings: [] });
});

test('no level passes here (unknown: refuse is applied by prepare-commit-msg, push and check)', () => {
  assert.equal(check('').problems, []);
  assert.equal(checkMessage(parseConfig('unknown: refuse\n'), decodeTrailers([])).problems, []);
});

test('an unknown level, two levels, a short or missing explanation are refused with a fix', () => {
  assert.match(check('AI-Assistance: lots').problems[0].message, /"lots" is not one of levels/);
  assert.match(check('AI-Assistance: none\nAI-Assistance: generated').problems[0].message, /2 AI-Assistance trailers/);
  assert.match(check('AI-Assistance: generated\nAI-Explanation: short').problems[0].message, /5 characters long; level generated needs one of at least 20/);
  const missing = check('AI-Assistance: generated').problems[0];
  assert.match(missing.message, /AI-Explanation is missing/);
  assert.match(missing.fix, /GIT_PROVENANCE_EXPLAIN/);
});

test('an agent without an explanation is warned about, not refused; a short one is still refused', () => {
  const result = check('AI-Assistance: generated', { agent: 'CLAUDECODE is set' });
  assert.equal(result.problems, []);
  assert.is(result.warnings.length, 1);
  assert.is(check('AI-Assistance: generated\nAI-Explanation: tiny', { agent: 'x' }).problems.length, 1);
});

test('a malformed Assisted-by is refused', () => {
  assert.is(check('AI-Assistance: none\nAssisted-by: bad%tool').problems.length, 1);
});

test('a message of only comments and our trailers is empty; anything else a person wrote is not', () => {
  assert.ok(isEmptyButOurTrailers('\n\nAI-Assistance: assisted\nAI-Explanation: x\n# Please enter the commit message\n#\n'));
  assert.ok(isEmptyButOurTrailers('ai-assistance: none\r\n'));
  assert.not.ok(isEmptyButOurTrailers('Fix the parser\n\nAI-Assistance: none\n'));
  assert.not.ok(isEmptyButOurTrailers('\n\nAI-Assistance: none\nSigned-off-by: A <a@b.c>\n'));
});

test.run();
