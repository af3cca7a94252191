// The ledger against real `git blame`: --first-parent mode must equal `git blame --first-parent`
// for every line; the default mode credits merged lines to the branch commits that wrote them,
// which equals plain `git blame` when those lines are unique.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openRepo } from '../../src/git/repo.ts';
import { Ledger } from '../../src/features/report/engine.ts';
import { LevelResolver, walkHistory, type MergeMode } from '../../src/features/report/walk.ts';
import { cleanupTempDirs, TempRepo } from '../helpers/repo.ts';

let repo: TempRepo;
const at = (n: number) => new Date(Date.UTC(2026, 1, 1) + n * 3_600_000).toISOString();
const numbered = (prefix: string, count: number) => `${Array.from({ length: count }, (_, i) => `${prefix} line ${i + 1}`).join('\n')}\n`;

function gitAt(n: number, ...args: string[]) {
  const result = repo.gitResult(args, { env: { GIT_AUTHOR_DATE: at(n), GIT_COMMITTER_DATE: at(n) } });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
}

test.before(() => {
  repo = new TempRepo();
  let n = 0;
  repo.commit(
    'root',
    {
      'src/app.ts': numbered('app', 30),
      'docs/read me.md': numbered('doc', 5),
      'lib/ünïcødé.ts': numbered('uni', 4),
      'odd/tab\there.txt': 'a\nb\n',
      'lib/quote"d.ts': 'q1\nq2\n',
    },
    { date: at(n++) },
  );
  repo.commit(
    'edit app',
    { 'src/app.ts': numbered('app', 30).replace('app line 5\n', 'changed 5\n').replace('app line 20\n', '--- looks like a header\n+++ so does this\n') },
    { date: at(n++) },
  );
  // A branch that edits, adds and deletes; main renames meanwhile.
  repo.git('checkout', '-q', '-b', 'feature');
  repo.commit('feature: new module', { 'src/feature.ts': numbered('feature', 12) }, { date: at(n++) });
  repo.commit('feature: edit docs', { 'docs/read me.md': 'doc line 1\nbranch doc A\ndoc line 3\ndoc line 4\ndoc line 5\nbranch doc B\n' }, { date: at(n++) });
  repo.git('checkout', '-q', 'main');
  gitAt(n++, 'mv', 'lib/ünïcødé.ts', 'lib/renamed ünï.ts');
  gitAt(n++, 'commit', '-q', '-m', 'pure rename');
  repo.commit(
    'main: crlf and no newline',
    {
      'src/win.txt': 'one\r\ntwo\r\nthree',
      'src/app.ts': numbered('app', 30)
        .replace('app line 5\n', 'changed 5\n')
        .replace('app line 20\n', '--- looks like a header\n+++ so does this\n')
        .replace('app line 29\n', 'main 29\n'),
    },
    { date: at(n++) },
  );
  gitAt(n++, 'merge', '--no-ff', '-q', '-m', 'Merge branch feature', 'feature');
  // Delete and re-add, rename with edits, a binary file.
  repo.git('rm', '-q', 'odd/tab\there.txt');
  gitAt(n++, 'commit', '-q', '-m', 'delete odd');
  repo.commit('re-add odd', { 'odd/tab\there.txt': 'new a\nb\nnew c\n' }, { date: at(n++) });
  gitAt(n++, 'mv', 'src/feature.ts', 'src/moved.ts');
  repo.write('src/moved.ts', numbered('feature', 12).replace('feature line 3\n', 'after move 3\n'));
  repo.git('add', '-A');
  gitAt(n++, 'commit', '-q', '-m', 'rename with edit');
  repo.commit('binary', { 'assets/logo.bin': '\0\x01\x02binary\0' }, { date: at(n++) });
  repo.commit('no newline edit', { 'src/win.txt': 'one\r\ntwo\r\nthree\r\nfour', 'lib/quote"d.ts': 'q1\nq2 edited\n' }, { date: at(n++) });
  repo.commit('empty', {}, { date: at(n++) });
});

test.after(() => cleanupTempDirs());

async function ledgerFor(mode: MergeMode): Promise<Ledger> {
  const handle = openRepo(repo.dir);
  const ledger = new Ledger({ windowDays: 14, fixPattern: /fix/i, pathInfo: (path) => ({ service: path.split('/')[0], counted: true }) });
  const resolver = await LevelResolver.open(handle, ['none', 'assisted', 'generated']);
  try {
    await walkHistory(handle, ledger, resolver, { end: repo.git('rev-parse', 'HEAD').trim(), mode, excludePaths: [] });
  } finally {
    resolver.close();
  }
  return ledger;
}

function gitBlame(path: string, firstParent: boolean): string[] {
  const out = repo.git('blame', '-l', '-s', ...(firstParent ? ['--first-parent'] : []), 'HEAD', '--', path);
  // A boundary (root) commit is printed as "^" and 39 digits: compare 39 digits everywhere.
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => line.replace(/^\^/, '').slice(0, 39));
}

const short = (ids: string[] | undefined) => ids?.map((id) => id.slice(0, 39));

function textFiles(): string[] {
  return repo
    .git('-c', 'core.quotePath=false', 'ls-tree', '-r', '-z', '--name-only', 'HEAD')
    .split('\0')
    .filter((path) => path && !path.endsWith('.bin'));
}

test('--first-parent: every line of every file equals git blame --first-parent', async () => {
  const ledger = await ledgerFor('first-parent');
  const files = textFiles();
  assert.ok(files.includes('lib/renamed ünï.ts') && files.includes('odd/tab\there.txt') && files.includes('lib/quote"d.ts'));
  let lines = 0;
  for (const path of files) {
    const expected = gitBlame(path, true);
    assert.equal(short(ledger.blame(path)), expected, path);
    lines += expected.length;
  }
  assert.ok(lines > 60);
  assert.is(ledger.blame('assets/logo.bin'), undefined, 'binary files are not followed');
});

test('default: merged lines go to the branch commits that wrote them, as plain git blame says', async () => {
  const ledger = await ledgerFor('all-parents');
  for (const path of textFiles()) assert.equal(short(ledger.blame(path)), gitBlame(path, false), path);
  const merge = repo.git('rev-parse', ':/Merge branch feature').trim();
  for (const path of textFiles()) assert.not.ok(ledger.blame(path)!.includes(merge), `${path} has no line credited to the merge`);
  // Branch commits are in the table, off the main line.
  const feature = repo.git('rev-parse', ':/feature: new module').trim();
  const index = ledger.commitIndexOf(feature)!;
  assert.is(ledger.state.commits.mainline[index], 0);
});

test.run();
