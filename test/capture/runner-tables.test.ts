// The shell runner's fast path and the TypeScript code must agree on every name, trailer and
// agent they both judge: the runner's tables are generated (scripts/build.mjs), and these tests
// run the runner's own shell functions against the TypeScript checks.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LEVEL_NAME } from '../../src/model/levels.ts';
import { inferAssistance } from '../../src/model/inference.ts';
import { parseTrailerLines, normalizeModel, normalizeTool } from '../../src/model/trailers.ts';
import { agentFromEnvironment } from '../../src/features/capture/agents.ts';
import { ENV } from '../../src/features/capture/decide.ts';
import { TABLES_BEGIN, TABLES_END, runnerTables } from '../../src/features/install/runner-tables.ts';

const RUNNER = join(import.meta.dirname, '..', '..', 'hooks', 'git-provenance.sh');
const runnerText = readFileSync(RUNNER, 'utf8');
const block = runnerText.slice(runnerText.indexOf(TABLES_BEGIN), runnerText.indexOf('\n', runnerText.indexOf(TABLES_END)) + 1);

/** Runs `check "$value"` in sh for every value; returns which were accepted. */
function shellAccepts(check: string, values: readonly string[]): boolean[] {
  const script = `${block}\nfor value; do if ${check} "$value"; then echo 1; else echo 0; fi; done`;
  const result = spawnSync('sh', ['-c', script, 'sh', ...values], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  assert.is(result.status, 0, result.stderr);
  return result.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line === '1');
}

const accepts = (normalize: (value: string) => string) => (value: string) => {
  try {
    return normalize(value) === value;
  } catch {
    return false;
  }
};

test('the committed runner carries the tables generated from the current TypeScript tables', () => {
  assert.is(block, runnerTables(), 'run `npm run build` and commit hooks/git-provenance.sh');
});

const nameArb = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'aZ09._+@/:-()[]{} \t\'"\\*?!$é'.split('')), maxLength: 12 }),
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._+@/:()[\]-]{0,140}$/),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,40}$/),
);

test('level, tool and model names: the runner accepts exactly what the TypeScript checks accept', () => {
  const values = fc.sample(nameArb, { numRuns: 400, seed: 8 }).filter((value) => !value.includes('\0'));
  values.push(
    '',
    'claude-code',
    'claude-opus-4-7',
    'gpt-4o(mini)',
    'm[1]',
    'a'.repeat(64),
    'a'.repeat(65),
    'a'.repeat(128),
    'a'.repeat(129),
    'a'.repeat(32),
    'a'.repeat(33),
  );
  const cases: [string, (value: string) => boolean][] = [
    ['is_level_name', (value) => LEVEL_NAME.test(value)],
    ['is_tool_name', accepts(normalizeTool)],
    ['is_model_name', accepts(normalizeModel)],
  ];
  for (const [check, typescript] of cases) {
    const shell = shellAccepts(check, values);
    for (const [i, value] of values.entries()) assert.is(shell[i], typescript(value), `${check} ${JSON.stringify(value)}`);
  }
});

test('agent variables: the runner sees an agent exactly when agentFromEnvironment does', () => {
  for (const value of ['', '0', 'false', 'FALSE', 'False', '1', 'true', 'yes', ' 0']) {
    for (const variable of ['CLAUDECODE', 'CURSOR_AGENT', 'CODEX_SANDBOX', 'CODEX_SANDBOX_NETWORK_DISABLED', 'GEMINI_CLI', 'SOME_OTHER_TOOL']) {
      const env = { PATH: process.env.PATH, [variable]: value };
      const result = spawnSync('sh', ['-c', `${block}\nagent_in_environment`], { env });
      assert.is(result.status === 0, agentFromEnvironment(env) !== undefined, `${variable}=${JSON.stringify(value)}`);
    }
  }
});

test("messages with other tools' evidence are left to node (the runner pattern is never narrower than inference)", () => {
  const messages = [
    'fix\n\nCo-authored-by: Claude <noreply@anthropic.com>',
    'fix\n\nAssisted-by: cursor',
    'fix\n\nGenerated-by: codex',
    'fix\n\nAI-Used-For: tests',
    'fix\n\nClaude-Session: abc',
    'fix\n\nAgent-Logs-Url: https://github.com/o/r/sessions/1',
    'fix\n\nMade-with: Cursor',
    'fix\n\nAmp-Thread-ID: T-1',
    'fix\n\nReplit-Commit-Author: Agent',
    'fix\n\nEntire-Checkpoint: 1',
    'fix\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)',
    'aider: fix the parser',
  ];
  const human = { authorName: 'A', authorEmail: 'a@example.com', committerName: 'A', committerEmail: 'a@example.com' };
  for (const message of messages) {
    const trailers = parseTrailerLines(message.split('\n\n').pop() ?? '');
    assert.ok(inferAssistance({ ...human, message, trailers }), `inference recognises ${JSON.stringify(message)}`);
    assert.ok(messageNamesAgent(message), `the runner sends ${JSON.stringify(message)} to node`);
    assert.ok(messageNamesAgent(message.toUpperCase()), `the runner sends ${JSON.stringify(message.toUpperCase())} to node`);
  }
  assert.not.ok(messageNamesAgent('fix the parser\n\nSigned-off-by: A <a@example.com>'));
  const aider = spawnSync('sh', ['-c', `${block}\nagent_author_name "$1"`, 'sh', 'Jo Doe (aider)']);
  assert.is(aider.status, 0);
  assert.ok(inferAssistance({ ...human, authorName: 'Jo Doe (aider)', message: 'x', trailers: [] }));
});

/** The runner's message functions (they follow the generated block), on a message written to a file. */
const messageFunctions = runnerText.slice(runnerText.indexOf('message_has_level() {'), runnerText.indexOf('# True when GIT_PROVENANCE_* values'));
function runnerJudges(fn: string, message: string): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'gp-runner-'));
  try {
    const file = join(dir, 'MSG');
    writeFileSync(file, message);
    // Every file name the patterns could glob to exists in the working folder: no pattern may expand.
    for (const name of ['AI-Assistance', 'co-authored-by', 'x']) writeFileSync(join(dir, name), '');
    const script = `${block}\n${messageFunctions}\n${fn} "$1"`;
    const result = spawnSync('sh', ['-c', script, 'sh', file], { cwd: dir, env: { PATH: process.env.PATH } });
    return result.status === 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const messageNamesAgent = (message: string) => runnerJudges('message_names_agent', message);

test('a message that already carries a level is seen as grep -iE would see it (builtins, no grep)', () => {
  const lines = fc.sample(
    fc.tuple(
      fc.constantFrom('AI-Assistance', 'ai-assistance', 'AI-ASSISTANCE', 'AI-Assist', 'XAI-Assistance', 'This reverts commit ', 'this REVERTS commit ', 'Fix'),
      fc.constantFrom('', ' ', '\t', '  ', 'x', '1234567', 'abcdef0', 'ABCDEF1', 'abcde'),
      fc.constantFrom(':', ': generated', ' :', 'x:', '', '890'),
    ),
    { numRuns: 120, seed: 3 },
  );
  for (const parts of lines) {
    const line = parts.join('');
    const message = `subject\n\n${line}\n`;
    const grep = spawnSync('grep', ['-qiE', '^AI-Assistance[[:space:]]*:|^This reverts commit [0-9a-f]{7}'], { input: message });
    assert.is(runnerJudges('message_has_level', message), grep.status === 0, JSON.stringify(line));
  }
  assert.not.ok(runnerJudges('message_has_level', ''));
  assert.ok(runnerJudges('message_has_level', 'subject\n\nAI-Assistance: none'), 'a last line without a newline is read');
});

test('the runner reads the environment variables the TypeScript side defines', () => {
  for (const name of Object.values(ENV)) assert.ok(runnerText.includes(`\${${name}-}`), name);
});

test.run();
