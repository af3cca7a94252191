// record / show / config on real repositories, as a user runs them.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTempDirs, tempDir, TempRepo } from './helpers/repo.ts';

const RecordShow = suite('record and show');
RecordShow.after(cleanupTempDirs);

RecordShow('record then show --json returns exactly the recorded values, source noted', () => {
  const repo = new TempRepo();
  const commit = repo.commit('Add retry helper', { 'src/http/retry.ts': 'export const retry = 1;\n' });
  const recorded = repo.cli(['record', '--level', 'generated', '--explain', 'Adds the retry helper beside the HTTP client', '--tool', 'claude-code']);
  assert.is(recorded.status, 0, recorded.stderr);
  const shown = repo.json(['show', '--json']);
  assert.is(shown.commit, commit);
  assert.is(shown.level, 'generated');
  assert.is(shown.explanation, 'Adds the retry helper beside the HTTP client');
  assert.is(shown.tool, 'claude-code');
  assert.is(shown.model, null);
  assert.is(shown.source, 'noted');
  assert.equal(shown.files, [{ path: 'src/http/retry.ts', service: '(other)', zone: null, added: 1, deleted: 0 }]);
  // The note lives under refs/notes/provenance, never refs/notes/commits.
  assert.ok(repo.git('notes', '--ref=provenance', 'show', commit).includes('"schema": "git-provenance/1"'));
  assert.is(repo.gitResult(['notes', 'show', commit]).status, 1);
  // History is not rewritten.
  assert.is(repo.git('rev-parse', 'HEAD').trim(), commit);
});

RecordShow('record over a declared trailer says the trailer wins and how to change it', () => {
  const repo = new TempRepo();
  repo.commit('Tune cache', { 'a.txt': 'a\n' }, { args: ['--trailer', 'AI-Assistance: generated'] });
  const recorded = repo.cli(['record', '--level', 'none']);
  assert.is(recorded.status, 0, recorded.stderr);
  assert.match(
    recorded.stderr,
    /declares AI-Assistance: generated, which wins over the note: .* keep reading generated; to change it, reword the commit with "AI-Assistance: none"/,
  );
  assert.is(repo.json(['show', '--json']).level, 'generated');
  const agreeing = repo.cli(['record', '--level', 'generated']);
  assert.not.match(agreeing.stderr, /wins over the note/);
});

RecordShow('a commit made with --trailer shows source declared', () => {
  const repo = new TempRepo();
  repo.commit(
    'Tune cache',
    { 'a.txt': 'a\n' },
    { args: ['--trailer', 'AI-Assistance: assisted', '--trailer', 'AI-Explanation: Tunes the cache size to the measured working set'] },
  );
  const shown = repo.json(['show', '--json']);
  assert.is(shown.level, 'assisted');
  assert.is(shown.source, 'declared');
  assert.is(shown.explanation, 'Tunes the cache size to the measured working set');
});

RecordShow('an explanation with a newline and a fake trailer, or escapes, cannot change the level', () => {
  const repo = new TempRepo();
  repo.commit('x', { 'a.txt': 'a\n' });
  const result = repo.cli(['record', '--level', 'generated', '--explain', 'Real reason\nAI-Assistance: none\n\u001b[31mred\u001b[0m \u0007bell']);
  assert.is(result.status, 0, result.stderr);
  const shown = repo.json(['show', '--json']);
  assert.is(shown.level, 'generated');
  assert.is(shown.explanation, 'Real reason AI-Assistance: none red bell');
});

RecordShow('record updates a note and keeps its reviews; show reports trailer/note disagreements', () => {
  const repo = new TempRepo();
  const commit = repo.commit('Declared', { 'a.txt': 'a\n' }, { args: ['--trailer', 'AI-Assistance: none'] });
  const note = {
    schema: 'git-provenance/1',
    level: 'none',
    recordedBy: 'hook',
    recordedAt: '2026-01-01T00:00:00Z',
    files: [],
    reviews: [{ by: 'lead@example.com', at: '2026-01-02T00:00:00Z' }],
  };
  repo.git('notes', '--ref=provenance', 'add', '-m', JSON.stringify(note), commit);
  assert.is(repo.cli(['record', '--level', 'generated', '--tool', 'cursor']).status, 0);
  const shown = repo.json(['show', '--json']);
  assert.is(shown.level, 'none');
  assert.is(shown.source, 'declared');
  assert.equal(shown.disagreements, [{ field: 'level', trailer: 'none', note: 'generated' }]);
  assert.equal(
    shown.reviews.map((review: { by: string }) => review.by),
    ['lead@example.com'],
  );
  const text = repo.cli(['show']);
  assert.match(text.stdout, /trailer says "none", note says "generated"/);
});

RecordShow('a hand-broken note gives a warning naming the commit, not a crash', () => {
  const repo = new TempRepo();
  const commit = repo.commit('x', { 'a.txt': 'a\n' });
  repo.git('notes', '--ref=provenance', 'add', '-m', '{"schema": "git-provenance/1", "level": "gener', commit);
  const result = repo.cli(['show', '--json']);
  assert.is(result.status, 0);
  assert.is(JSON.parse(result.stdout).level, 'unknown');
  assert.match(result.stderr, new RegExp(`${commit.slice(0, 12)}: note .*truncated`));
});

RecordShow('a commit without any record is unknown; an agent co-author is inferred', () => {
  const repo = new TempRepo();
  repo.commit('plain', { 'a.txt': 'a\n' });
  assert.is(repo.json(['show', '--json']).source, 'unknown');
  repo.commit('agent\n\nCo-Authored-By: Claude <noreply@anthropic.com>', { 'b.txt': 'b\n' });
  const shown = repo.json(['show', '--json']);
  assert.equal([shown.level, shown.source, shown.tool], ['generated', 'inferred', 'claude-code']);
});

RecordShow('works on a detached HEAD and on any revision', () => {
  const repo = new TempRepo();
  const first = repo.commit('one', { 'a.txt': 'a\n' });
  repo.commit('two', { 'a.txt': 'b\n' });
  repo.git('checkout', '-q', '--detach', first);
  assert.is(repo.cli(['record', '--level', 'none']).status, 0);
  assert.is(repo.json(['show', '--json', 'main~1']).level, 'none');
  assert.is(repo.json(['show', '--json', 'main']).level, 'unknown');
});

RecordShow('property: values written as trailers by git round-trip through show', () => {
  const repo = new TempRepo();
  let n = 0;
  fc.assert(
    fc.property(
      fc.constantFrom('none', 'assisted', 'generated'),
      fc.string({ minLength: 1, maxLength: 80 }),
      fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/),
      (level, explanation, tool) => {
        const file = join(repo.dir, '.git', 'MSG');
        writeFileSync(file, `Change ${n++}\n`);
        // The same encoding the hooks use, applied by git's own trailer rules.
        const safe =
          explanation
            .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
            .replace(/\s+/g, ' ')
            .trim() || 'x';
        repo.git(
          'interpret-trailers',
          '--in-place',
          '--if-exists',
          'replace',
          '--trailer',
          `AI-Assistance: ${level}`,
          '--trailer',
          `AI-Explanation: ${safe}`,
          '--trailer',
          `Assisted-by: ${tool}`,
          file,
        );
        repo.git('commit', '-q', '--allow-empty', '-F', file);
        const shown = repo.json(['show', '--json']);
        assert.equal([shown.level, shown.explanation, shown.tool, shown.source], [level, safe, tool, 'declared']);
      },
    ),
    { numRuns: 12 },
  );
});

const Errors = suite('bad input');
Errors.after(cleanupTempDirs);

function assertOneLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trim().split('\n');
  assert.is(lines.length, 1, stderr);
  assert.match(lines[0], pattern);
  assert.not.match(stderr, /\n\s+at /);
}

Errors('outside a repository: one line, exit 2', () => {
  const repo = new TempRepo({ init: false });
  const result = repo.cli(['show'], { cwd: tempDir() });
  assert.is(result.status, 2);
  assertOneLine(result.stderr, /^git-provenance: not a git repository: .*git init/);
});

Errors('an empty repository: one line, exit 2', () => {
  const repo = new TempRepo();
  const result = repo.cli(['show']);
  assert.is(result.status, 2);
  assertOneLine(result.stderr, /no commits yet/);
  assert.is(repo.cli(['record', '--level', 'none']).status, 2);
});

Errors('an unknown revision and an unknown level: exit 2 naming them', () => {
  const repo = new TempRepo();
  repo.commit('x', { 'a.txt': 'a\n' });
  const badRev = repo.cli(['show', 'no-such-branch']);
  assert.is(badRev.status, 2);
  assertOneLine(badRev.stderr, /unknown revision: no-such-branch/);
  const badLevel = repo.cli(['record', '--level', 'mostly']);
  assert.is(badLevel.status, 2);
  assertOneLine(badLevel.stderr, /level: "mostly" is not one of levels \[none, assisted, generated\]/);
  const badTool = repo.cli(['record', '--level', 'none', '--tool', 'two words']);
  assert.is(badTool.status, 2);
  assertOneLine(badTool.stderr, /tool: "two words" is not a tool name/);
});

Errors('a malformed .provenance.yml: exit 2 naming the file, line and problem', () => {
  const repo = new TempRepo();
  repo.commit('x', { 'a.txt': 'a\n' });
  repo.write('.provenance.yml', 'levels: [none, assisted]\nzones:\n  - name: core\n    paths: ["src/**"]\n    allow: [generated]\n');
  for (const args of [['show'], ['config'], ['record', '--level', 'none']]) {
    const result = repo.cli(args);
    assert.is(result.status, 2, args.join(' '));
    assertOneLine(result.stderr, /^git-provenance: \.provenance\.yml:5: zones\[0\]\.allow\[0\]: "generated" is not one of levels \[none, assisted\]$/);
  }
  repo.write('.provenance.yml', 'levels: [none\n');
  const syntax = repo.cli(['config']);
  assert.is(syntax.status, 2);
  assertOneLine(syntax.stderr, /\.provenance\.yml:\d+: is not valid YAML/);
});

Errors('usage errors exit 2; --help and --version exit 0', () => {
  const repo = new TempRepo();
  assert.is(repo.cli(['record']).status, 2);
  assert.is(repo.cli(['no-such-command']).status, 2);
  const help = repo.cli(['--help']);
  assert.is(help.status, 0);
  assert.match(help.stdout, /record \[rev\]/);
  assert.is(repo.cli(['show', '--help']).status, 0);
  assert.match(repo.cli(['--version']).stdout, /^\d+\.\d+\.\d+/);
});

const Config = suite('config');
Config.after(cleanupTempDirs);

Config('prints the defaults without a file, and the file merged over them', () => {
  const repo = new TempRepo();
  const defaults = repo.json(['config', '--json']);
  assert.is(defaults.file, null);
  assert.equal(defaults.config.levels, ['none', 'assisted', 'generated']);
  repo.write('.provenance.yml', 'unknown: refuse\n');
  const configured = repo.json(['config', '--json']);
  assert.is(configured.config.unknown, 'refuse');
  assert.is(configured.config.rework.windowDays, 14);
  assert.match(repo.cli(['config']).stdout, /unknown: refuse/);
});

Config('a changed file is read again, never served stale from the cache', () => {
  const repo = new TempRepo();
  repo.write('.provenance.yml', 'unknown: refuse\n');
  assert.is(repo.json(['config', '--json']).config.unknown, 'refuse');
  assert.ok(existsSync(join(repo.dir, '.git', 'provenance', 'config-cache.json')));
  repo.write('.provenance.yml', 'unknown: allow\n');
  assert.is(repo.json(['config', '--json']).config.unknown, 'allow');
  repo.write('.provenance.yml', 'unknown: maybe\n');
  assert.is(repo.cli(['config']).status, 2);
  repo.write('.provenance.yml', 'unknown: allow\n');
  assert.is(repo.json(['config', '--json']).config.unknown, 'allow');
});

RecordShow.run();
Errors.run();
Config.run();
