// `blame` against git's own: the same commit for every line (renames, -L, blame.ignoreRevsFile),
// plus each line's provenance: its own level where the note has line ranges, else its commit's.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanupTempDirs, TempRepo } from '../helpers/repo.ts';

const lines = (prefix: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${prefix} ${from + i}`);
const text = (all: string[]) => `${all.join('\n')}\n`;

let repo: TempRepo;
const ids: Record<string, string> = {};

/** git's answer: the commit of each line, from `git blame --porcelain`. */
function gitBlame(args: string[]): string[] {
  return repo
    .git('blame', '--porcelain', ...args)
    .split('\n')
    .filter((line) => /^[0-9a-f]{40} \d+ \d+/.test(line))
    .map((line) => line.slice(0, 40));
}

function ourBlame(args: string[]): any[] {
  return repo.json(['blame', ...args, '--json']).lines;
}

test.before(() => {
  repo = new TempRepo();
  const base = lines('base', 1, 10);
  ids.c1 = repo.commit('Base\n\nAI-Assistance: none', { 'a.ts': text(base) });
  const second = [...base.slice(0, 2), 'edited 3', 'edited 4', ...base.slice(4), 'agent 11', 'agent 12', 'person 13'];
  ids.c2 = repo.commit('Retry\n\nAI-Assistance: generated\nAI-Explanation: E2 adds the retry loop the client needs\nAssisted-by: claude-code', {
    'a.ts': text(second),
  });
  repo.git(
    'notes',
    '--ref=refs/notes/provenance',
    'add',
    '-m',
    JSON.stringify({
      schema: 'git-provenance/1',
      level: 'generated',
      recordedBy: 'hook',
      recordedAt: '2026-01-01T00:00:00Z',
      files: [
        { path: 'a.ts', service: '(other)', zone: null, added: 5, deleted: 2, aiLines: [[11, 12]], agent: { tool: 'claude-code', model: 'claude-opus-4-7' } },
      ],
    }),
    ids.c2,
  );
  ids.c3 = repo.commit('Reformat\n\nAI-Assistance: none', { 'a.ts': text(['base 1   ', ...second.slice(1)]) });
  repo.git('mv', 'a.ts', 'b.ts');
  const fourth = readLines('a.ts');
  fourth.splice(5, 0, 'assisted 6');
  ids.c4 = repo.commit('Move\n\nAI-Assistance: assisted\nAI-Explanation: E4 names the file after what it holds', { 'b.ts': text(fourth) });
  repo.write('.git-blame-ignore-revs', `${ids.c3}\n`);
});

function readLines(path: string): string[] {
  return repo.git('show', `HEAD:${path}`).split('\n').slice(0, -1);
}

test('every line names the commit git blame names, through a rename', () => {
  const ours = ourBlame(['b.ts']);
  assert.equal(
    ours.map((line) => line.commit),
    gitBlame(['b.ts']),
  );
  assert.is(ours.length, 14);
  assert.is(ours[0].commit, ids.c3, 'without the ignore file the reformat owns line 1');
});

test('levels: the line’s own where the note has ranges, the commit’s elsewhere', () => {
  const byText = new Map(ourBlame(['b.ts']).map((line) => [line.text, line]));
  const agent = byText.get('agent 11');
  assert.equal(
    [agent.level, agent.levelSource, agent.tool, agent.model, agent.originalPath, agent.originalLine],
    ['generated', 'line', 'claude-code', 'claude-opus-4-7', 'a.ts', 11],
  );
  assert.match(agent.explanation, /^E2/);
  const person = byText.get('person 13');
  assert.equal([person.level, person.levelSource, person.tool], ['none', 'line', null], 'added by an agent commit, but not by the agent');
  assert.equal([byText.get('edited 3').level, byText.get('edited 3').levelSource], ['none', 'line']);
  const assisted = byText.get('assisted 6');
  assert.equal([assisted.level, assisted.levelSource, assisted.commit], ['assisted', 'commit', ids.c4]);
  assert.equal([byText.get('base 2').level, byText.get('base 2').levelSource], ['none', 'commit']);
});

test('blame.ignoreRevsFile is honoured, as git honours it', () => {
  repo.git('config', 'blame.ignoreRevsFile', '.git-blame-ignore-revs');
  try {
    const ours = ourBlame(['b.ts']);
    assert.equal(
      ours.map((line) => line.commit),
      gitBlame(['b.ts']),
    );
    assert.ok(!ours.some((line) => line.commit === ids.c3), 'the ignored reformat owns no line');
  } finally {
    repo.git('config', '--unset', 'blame.ignoreRevsFile');
  }
});

test('-L and a revision select lines as git does', () => {
  const ours = ourBlame(['b.ts', 'HEAD', '-L', '11,13']);
  assert.equal(
    ours.map((line) => line.commit),
    gitBlame(['-L', '11,13', 'HEAD', '--', 'b.ts']),
  );
  assert.equal(
    ours.map((line) => line.line),
    [11, 12, 13],
  );
  const old = ourBlame(['a.ts', ids.c2]);
  assert.equal(
    old.map((line) => line.commit),
    gitBlame([ids.c2, '--', 'a.ts']),
  );
});

test('--explain prints each explanation once; --porcelain has one header per line', () => {
  const explained = repo.cli(['blame', 'b.ts', '--explain']);
  assert.is(explained.status, 0, explained.stderr);
  assert.is(explained.stdout.split('E2 adds the retry loop').length - 1, 1);
  assert.is(explained.stdout.split('E4 names the file').length - 1, 1);
  assert.match(explained.stdout, /agent's lines: 12-13/);
  const porcelain = repo.cli(['blame', 'b.ts', '--porcelain']).stdout.split('\n');
  assert.is(porcelain.filter((line) => /^[0-9a-f]{40} \d+ \d+$/.test(line)).length, 14);
  assert.is(porcelain.filter((line) => line.startsWith('\t')).length, 14);
  assert.ok(porcelain.includes('level-source line'));
});

test('bad input: one line and exit code 2', () => {
  const missing = repo.cli(['blame', 'nope.ts']);
  assert.is(missing.status, 2);
  assert.is(missing.stderr.trim().split('\n').length, 1);
  assert.is(repo.cli(['blame', 'b.ts', 'no-such-rev']).status, 2);
});

test.after(cleanupTempDirs);
test.run();
