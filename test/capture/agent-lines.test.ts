// Agents' edits captured as they happen: recorded hook payloads (test/fixtures/agents/, the
// documented JSON shapes of Claude Code, Cursor and Gemini CLI) are replayed against a real
// repository with the hooks installed; the commit's note must give the agent exactly its lines,
// through a person's edits, amend and rebase.

import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT, cleanupTempDirs, tempDir, type TempRepo } from '../helpers/repo.ts';
import { commit, installedRepo } from './helpers.ts';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'agents');

function payload(name: string, root: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8').replaceAll('{{ROOT}}', root);
}

/** Runs `git-provenance checkpoint` the way the agent runs its hook: payload on stdin. */
function replay(repo: TempRepo, name: string, root = repo.dir) {
  const result = repo.cli(['checkpoint'], { input: payload(name, root) });
  assert.is(result.status, 0, result.stderr);
  assert.is(result.stderr, '');
  return result;
}

/** What the agent's Edit tool does to the file: old_string replaced by new_string. */
function applyEdit(repo: TempRepo, name: string): void {
  const input = JSON.parse(payload(name, repo.dir)).tool_input;
  const file = join(repo.dir, 'src/retry.ts');
  writeFileSync(file, readFileSync(file, 'utf8').replace(input.old_string, input.new_string));
}

function note(repo: TempRepo, rev = 'HEAD'): any {
  return JSON.parse(repo.git('notes', '--ref=refs/notes/provenance', 'show', rev));
}

function fileOf(repo: TempRepo, path: string, rev = 'HEAD'): any {
  return note(repo, rev).files.find((file: any) => file.path === path);
}

function trailerLevel(repo: TempRepo, rev = 'HEAD'): string {
  return repo.git('log', '-1', '--format=%(trailers:key=AI-Assistance,valueonly)', rev).trim();
}

const BASE = '// header (human)\n// retry goes here\n';

/** An agent writes retry(), then a person rewrites one of its lines; a line typed before stays theirs. */
function agentThenPerson(repo: TempRepo): void {
  repo.write('src/retry.ts', `${BASE}const human = 1;\n`);
  replay(repo, 'claude-code-pre-tool-use-edit.json');
  applyEdit(repo, 'claude-code-pre-tool-use-edit.json');
  replay(repo, 'claude-code-post-tool-use-edit.json');
  const file = join(repo.dir, 'src/retry.ts');
  writeFileSync(file, readFileSync(file, 'utf8').replace('      last = error;\n', '      last = error; // keep the last failure\n'));
  repo.git('add', '-A');
}

function baseRepo(): TempRepo {
  const repo = installedRepo();
  repo.write('src/retry.ts', BASE);
  repo.git('add', '-A');
  const made = commit(repo, ['-q', '-m', 'base'], { GIT_PROVENANCE_LEVEL: 'none' });
  assert.is(made.status, 0, made.stderr);
  return repo;
}

test('agent writes, a person edits part of it: the note lists the agent lines and the level is raised', () => {
  const repo = baseRepo();
  agentThenPerson(repo);
  const made = commit(repo, ['-q', '-m', 'Add retry'], { GIT_PROVENANCE_LEVEL: 'none' });
  assert.is(made.status, 0, made.stderr);
  assert.match(made.stderr, /recorded as assisted: 10 of the 12 added lines were written by claude-code/);
  const file = fileOf(repo, 'src/retry.ts');
  assert.equal(file.aiLines, [
    [2, 7],
    [9, 12],
  ]);
  assert.equal(file.agent, { tool: 'claude-code' });
  assert.is(note(repo).level, 'assisted');
  assert.is(trailerLevel(repo), 'assisted', 'the declared level is raised with the note');
  // The marks the commit used are gone; only the line the person rewrote is left.
  const dir = join(repo.dir, '.git', 'provenance', 'checkpoints');
  const left = readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean))
    .flatMap((line) => JSON.parse(line).lines);
  assert.is(left.length, 1);
});

test('every added line an agent wrote: generated, with the agent named, from no declared level', () => {
  const repo = baseRepo();
  replay(repo, 'claude-code-pre-tool-use-write.json');
  repo.write('src/clock.ts', JSON.parse(payload('claude-code-pre-tool-use-write.json', repo.dir)).tool_input.content);
  replay(repo, 'claude-code-post-tool-use-write.json');
  repo.git('add', '-A');
  const made = commit(repo, ['-q', '-m', 'Add clock']);
  assert.is(made.status, 0, made.stderr);
  assert.is(trailerLevel(repo), 'generated');
  assert.match(repo.git('log', '-1', '--format=%B'), /Assisted-by: claude-code/);
  assert.equal(fileOf(repo, 'src/clock.ts').aiLines, [[1, 2]]);
  assert.is(note(repo).level, 'generated');
});

test('a declared level above the evidence is kept', () => {
  const repo = baseRepo();
  agentThenPerson(repo);
  const made = commit(repo, ['-q', '-m', 'Add retry'], {
    GIT_PROVENANCE_LEVEL: 'generated',
    GIT_PROVENANCE_EXPLAIN: 'Adds a retry helper for flaky network calls',
  });
  assert.is(made.status, 0, made.stderr);
  assert.is(trailerLevel(repo), 'generated');
  assert.equal(fileOf(repo, 'src/retry.ts').aiLines, [
    [2, 7],
    [9, 12],
  ]);
});

test('amend: the ranges survive and follow a line the person adds', () => {
  const repo = baseRepo();
  agentThenPerson(repo);
  assert.is(commit(repo, ['-q', '-m', 'Add retry'], { GIT_PROVENANCE_LEVEL: 'none' }).status, 0);
  const file = join(repo.dir, 'src/retry.ts');
  writeFileSync(file, `// added on top by a person\n${readFileSync(file, 'utf8')}`);
  repo.git('add', '-A');
  const made = commit(repo, ['-q', '--amend', '--no-edit']);
  assert.is(made.status, 0, made.stderr);
  assert.equal(fileOf(repo, 'src/retry.ts').aiLines, [
    [3, 8],
    [10, 13],
  ]);
  assert.is(note(repo).level, 'assisted');
  assert.is(trailerLevel(repo), 'assisted');
});

test('rebase onto a base that moved the lines: the ranges are recomputed, not copied', () => {
  const repo = baseRepo();
  repo.git('checkout', '-q', '-b', 'feature');
  agentThenPerson(repo);
  assert.is(commit(repo, ['-q', '-m', 'Add retry'], { GIT_PROVENANCE_LEVEL: 'none' }).status, 0);
  repo.git('checkout', '-q', 'main');
  repo.write('src/retry.ts', `// one\n// two\n// three\n${BASE}`);
  repo.git('add', '-A');
  assert.is(commit(repo, ['-q', '-m', 'Upstream header'], { GIT_PROVENANCE_LEVEL: 'none' }).status, 0);
  repo.git('checkout', '-q', 'feature');
  const rebased = repo.gitResult(['rebase', '-q', 'main']);
  assert.is(rebased.status, 0, rebased.stderr);
  assert.equal(fileOf(repo, 'src/retry.ts').aiLines, [
    [5, 10],
    [12, 15],
  ]);
  assert.is(note(repo).level, 'assisted');
});

test('Cursor and Gemini CLI payloads (no snapshot before the edit): their written text is the evidence, and they get {} back', () => {
  const repo = baseRepo();
  repo.write('src/format.ts', JSON.parse(payload('cursor-after-file-edit.json', repo.dir)).edits[0].new_string);
  assert.is(replay(repo, 'cursor-after-file-edit.json').stdout, '{}\n');
  repo.write('src/gemini.ts', 'export const answer = 42;\n');
  assert.is(replay(repo, 'gemini-cli-after-tool-write-file.json').stdout, '{}\n');
  repo.write('src/person.ts', 'export const mine = true;\n');
  repo.git('add', '-A');
  assert.is(commit(repo, ['-q', '-m', 'Helpers'], { GIT_PROVENANCE_LEVEL: 'none' }).status, 0);
  assert.equal(fileOf(repo, 'src/format.ts').aiLines, [[1, 3]]);
  assert.equal(fileOf(repo, 'src/format.ts').agent, { tool: 'cursor' });
  assert.equal(fileOf(repo, 'src/gemini.ts').agent, { tool: 'gemini' });
  assert.equal(fileOf(repo, 'src/person.ts').aiLines, []);
  assert.is(note(repo).level, 'assisted');
});

test('checkpoint never fails the agent: garbage, empty input, files outside the repository and links out of it', () => {
  const repo = baseRepo();
  for (const input of ['', 'not json', '[1,2]', '{"hook_event_name":"PostToolUse","tool_name":"Edit"}', '{"hook_event_name":"afterFileEdit","file_path":42}']) {
    const result = repo.cli(['checkpoint'], { input });
    assert.is(result.status, 0, input);
    assert.is(result.stderr, '', input);
  }
  const outside = tempDir('gp-outside-');
  writeFileSync(join(outside, 'x.ts'), 'secret\n');
  symlinkSync(join(outside, 'x.ts'), join(repo.dir, 'src', 'link.ts'));
  for (const path of [join(outside, 'x.ts'), join(repo.dir, 'src', 'link.ts'), join(repo.dir, '.git', 'config')]) {
    const input = JSON.stringify({ hook_event_name: 'PostToolUse', tool_name: 'Write', cwd: repo.dir, tool_input: { file_path: path, content: 'secret\n' } });
    assert.is(repo.cli(['checkpoint'], { input }).status, 0);
  }
  const dir = join(repo.dir, '.git', 'provenance', 'checkpoints');
  assert.ok(!existsSync(dir) || readdirSync(dir).length === 0, 'nothing was recorded');
});

test.after(cleanupTempDirs);
test.run();
