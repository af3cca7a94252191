// The explanation coverage follows the history through its cache: new commits are read alone,
// a note written later on an old commit changes its count, a rewritten history starts over.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanupTempDirs, TempRepo } from '../helpers/repo.ts';

let repo: TempRepo;

test.before(() => {
  repo = new TempRepo();
  repo.commit('one\n\nAI-Assistance: generated', { 'a.txt': 'a\n' });
  repo.commit('two\n\nAI-Assistance: generated\nAI-Explanation: drafted by the assistant, reviewed line by line', { 'b.txt': 'b\n' });
});

test.after(() => cleanupTempDirs());

/** Explained and all commits at the level "generated", from the page's embedded data. */
function coverage(args: string[] = []): { commits: number; explained: number } {
  const file = join(repo.dir, '..', `page-${Date.now()}.html`);
  const result = repo.cli(['report', '--format', 'html', '-o', file, ...args]);
  assert.is(result.status, 0, result.stderr);
  const json = /<script type="application\/json" id="gp-data">(.*?)<\/script>/s.exec(readFileSync(file, 'utf8'))![1];
  const data = JSON.parse(json);
  const out = { commits: 0, explained: 0 };
  for (const entry of data.explanations) {
    if (entry.level !== 'generated') continue;
    out.commits += entry.commits;
    out.explained += entry.explained;
  }
  return out;
}

const cacheFile = () => join(repo.dir, '.git', 'provenance', 'records-cache.json');

test('a first page writes the cache; new commits and later notes are counted', () => {
  assert.equal(coverage(), { commits: 2, explained: 1 });
  assert.ok(existsSync(cacheFile()));
  repo.commit('three\n\nAI-Assistance: generated\nAI-Explanation: tests generated and checked by hand', { 'c.txt': 'c\n' });
  assert.equal(coverage(), { commits: 3, explained: 2 });
  const first = repo.git('rev-list', '--max-parents=0', 'HEAD').trim();
  const noted = repo.cli(['record', first, '--level', 'generated', '--explain', 'scaffolding written by the assistant, kept as is']);
  assert.is(noted.status, 0, noted.stderr);
  assert.equal(coverage(), { commits: 3, explained: 3 });
  assert.equal(coverage(['--no-cache']), { commits: 3, explained: 3 });
});

test('a rewritten history is read again from the start', () => {
  repo.git('reset', '-q', '--hard', 'HEAD~1');
  repo.commit('three again\n\nAI-Assistance: generated', { 'd.txt': 'd\n' });
  assert.equal(coverage(), { commits: 3, explained: 2 });
});

test('a damaged cache is ignored', () => {
  repo.write('.git/provenance/records-cache.json', '{ not json');
  assert.equal(coverage(), { commits: 3, explained: 2 });
});

test.run();
