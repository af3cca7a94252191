// `git-provenance check` as CI runs it: exit codes, --json, --format github, config errors.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanupTempDirs, TempRepo } from '../helpers/repo.ts';
import { EXAMPLE_CONFIG, flat, zonedRepo } from './fixture.ts';

const Check = suite('check');
Check.after(cleanupTempDirs);

Check('a generated commit in services/api/handlers fails check origin/main..HEAD until the lead reviews it', () => {
  const z = zonedRepo();
  assert.is(z.commit('List handler', { 'services/api/handlers/list.ts': 'export const list = 1;\n' }, 'generated').status, 0);
  const failed = z.repo.cli(['check', 'origin/main..HEAD']);
  assert.is(failed.status, 1, failed.stderr);
  assert.match(flat(failed.stdout), 'services/api/handlers/list.ts');
  assert.match(flat(failed.stdout), 'review missing');
  assert.is(z.repo.cli(['review', 'HEAD', '--by', 'lead@example.com']).status, 0);
  const passed = z.repo.cli(['check', 'origin/main..HEAD']);
  assert.is(passed.status, 0, passed.stdout + passed.stderr);
  assert.match(passed.stdout, 'check: ok (1 commit checked)');
});

Check('--json lists each violation with commit, path, zone and rule', () => {
  const z = zonedRepo();
  assert.is(z.commit('Bad', { 'libs/payments/charge.ts': 'x\n', 'services/api/handlers/h.ts': 'y\n' }, 'generated', ['--no-verify']).status, 0);
  const head = z.repo.git('rev-parse', 'HEAD').trim();
  const result = z.repo.cli(['check', 'origin/main..HEAD', '--json']);
  assert.is(result.status, 1);
  const json = JSON.parse(result.stdout);
  assert.is(json.ok, false);
  assert.is(json.checked, 1);
  const rows = json.violations.map((v: any) => [v.commit, v.path, v.zone, v.rule]);
  assert.equal(rows, [
    [head, 'libs/payments/charge.ts', 'human-only', 'level-not-allowed'],
    [head, 'services/api/handlers/h.ts', 'reviewed', 'review-required'],
  ]);
});

Check('--format github prints ::error annotations with the file', () => {
  const z = zonedRepo();
  assert.is(z.commit('Bad', { 'libs/payments/a,b: c.ts': 'x\n' }, 'generated', ['--no-verify']).status, 0);
  const result = z.repo.cli(['check', 'origin/main..HEAD', '--format', 'github']);
  assert.is(result.status, 1);
  const line = result.stdout.split('\n').find((text) => text.startsWith('::error '));
  assert.ok(line, result.stdout);
  assert.match(line!, 'file=libs/payments/a%2Cb%3A c.ts,title=level not allowed in zone human-only');
  assert.match(line!, '::libs/payments/a,b: c.ts is in zone human-only, which allows none; the commit is generated. Fix: ');
});

Check('with no range, check looks at the commits on no remote-tracking branch; one revision is one commit', () => {
  const z = zonedRepo();
  assert.is(z.repo.cli(['check']).status, 0);
  assert.is(z.commit('Bad', { 'libs/payments/charge.ts': 'x\n' }, 'assisted', ['--no-verify']).status, 0);
  assert.is(z.commit('Fine', { 'docs/a.md': 'a\n' }, 'generated').status, 0);
  assert.is(z.repo.cli(['check']).status, 1);
  assert.is(z.repo.cli(['check', 'HEAD']).status, 0, 'HEAD alone is the fine commit');
  assert.is(z.repo.cli(['check', 'HEAD~1']).status, 1);
});

Check('merge commits are skipped; the merged commits are checked', () => {
  const z = zonedRepo();
  z.repo.git('switch', '-q', '-c', 'side');
  assert.is(z.commit('Side', { 'docs/side.md': 's\n' }, 'generated').status, 0);
  z.repo.git('switch', '-q', 'main');
  assert.is(z.commit('Main', { 'docs/main.md': 'm\n' }, 'none').status, 0);
  z.repo.git('merge', '-q', '--no-edit', 'side');
  const json = z.repo.json(['check', 'origin/main..HEAD', '--json']);
  assert.is(json.checked, 2);
  assert.is(json.merges, 1);
  assert.is(json.ok, true);
});

Check('--config-rev reads the rules from another revision (a change cannot loosen its own rules)', () => {
  const z = zonedRepo();
  assert.is(
    z.commit(
      'Loosen',
      { '.provenance.yml': EXAMPLE_CONFIG.replace('allow: [none]\n', 'allow: [none, generated]\n'), 'libs/payments/charge.ts': 'x\n' },
      'generated',
    ).status,
    0,
  );
  assert.is(z.repo.cli(['check', 'origin/main..HEAD']).status, 0, 'the loosened working-tree config allows it');
  const strict = z.repo.cli(['check', 'origin/main..HEAD', '--config-rev', 'origin/main']);
  assert.is(strict.status, 1);
  assert.match(flat(strict.stdout), 'libs/payments/charge.ts');
});

Check('config errors in zones give exit 2 naming the file and the line', () => {
  const repo = new TempRepo();
  repo.commit('init', { 'a.txt': 'a\n' });
  const cases: [string, RegExp][] = [
    [
      EXAMPLE_CONFIG.replace('allow: [none]\n', 'allow: [none, vibes]\n'),
      /\.provenance\.yml:19: zones\[2\]\.allow\[1\]: "vibes" is not one of levels \[none, assisted, generated\]/,
    ],
    [
      EXAMPLE_CONFIG.replace('    reviewers: ["lead@example.com"]\n', ''),
      /\.provenance\.yml:12: zones\[1\]\.reviewers: reviewRequiredFor needs at least one reviewer/,
    ],
    [
      EXAMPLE_CONFIG.replace('reviewers: ["lead@example.com"]', 'reviewers: ["not an email"]'),
      /\.provenance\.yml:16: zones\[1\]\.reviewers\[0\]: expected an e-mail address/,
    ],
    [EXAMPLE_CONFIG.replace('  - name: human-only\n    paths:', '  - name: human-only\n    path:'), /\.provenance\.yml:17: zones\[2\]\.paths: is missing/],
    [EXAMPLE_CONFIG.replace('maxAiShare: 0.4', 'maxAiShare: 40'), /\.provenance\.yml:23: budgets\[0\]\.maxAiShare: .*share between 0 and 1/],
    [EXAMPLE_CONFIG.replace('  - name: reviewed', '  - name: ai-friendly'), /\.provenance\.yml:12: zones\[1\]\.name: zone "ai-friendly" is defined twice/],
  ];
  for (const [config, expected] of cases) {
    repo.write('.provenance.yml', config);
    for (const args of [
      ['check', 'HEAD'],
      ['zones', 'a.txt'],
    ]) {
      const result = repo.cli(args);
      assert.is(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, expected);
      assert.is(result.stderr.trim().split('\n').length, 1, result.stderr);
    }
  }
});

Check('usage errors exit 2: a bad range, --level without --staged', () => {
  const z = zonedRepo();
  assert.is(z.repo.cli(['check', 'nosuch..HEAD']).status, 2);
  assert.match(z.repo.cli(['check', 'nosuch..HEAD']).stderr, 'unknown revision: nosuch..HEAD');
  assert.is(z.repo.cli(['check', '--upload-pack=x']).status, 2);
  assert.is(z.repo.cli(['check', '--level', 'none']).status, 2);
});

Check('zones prints zone, allowed levels, review rule and deciding pattern; no path summarises the tree', () => {
  const z = zonedRepo();
  const one = z.repo.cli(['zones', 'services/api/handlers/x.ts', 'services/web/auth/login.ts']);
  assert.is(one.status, 0, one.stderr);
  assert.match(
    one.stdout,
    'services/api/handlers/x.ts\n  zone     reviewed\n  allows   none, assisted, generated\n' +
      '  review   generated needs a review by lead@example.com\n  decided  by "services/**" in zone reviewed',
  );
  assert.match(one.stdout, 'services/web/auth/login.ts\n  zone     human-only\n  allows   none\n  decided  by "services/*/auth/**" in zone human-only');
  const sub = z.repo.cli(['zones', 'token.ts'], { cwd: `${z.repo.dir}/services/api/auth` });
  assert.match(sub.stdout, 'services/api/auth/token.ts\n  zone     human-only');
  const summary = z.repo.json(['zones', '--json']);
  assert.equal(
    summary.map((item: any) => [item.zone, item.files]),
    [
      ['ai-friendly', 2],
      ['reviewed', 1],
      ['human-only', 2],
    ],
  );
});

Check('review: an unknown commit must be recorded first; a bad e-mail is a usage error; a review is kept once per reviewer', () => {
  const z = zonedRepo();
  assert.is(z.commit('Plain', { 'docs/a.md': 'a\n' }).status, 0);
  const unknown = z.repo.cli(['review', 'HEAD', '--by', 'lead@example.com']);
  assert.is(unknown.status, 2);
  assert.match(unknown.stderr, 'has no provenance record to review (record its level first: git-provenance record');
  assert.is(z.repo.cli(['review', 'HEAD', '--by', 'not-an-email']).status, 2);
  assert.is(z.repo.cli(['review', 'nosuch', '--by', 'lead@example.com']).status, 2);
  assert.is(z.commit('Declared', { 'docs/b.md': 'b\n' }, 'assisted').status, 0);
  assert.is(z.repo.cli(['review', 'HEAD', '--by', 'Lead@Example.com']).status, 0);
  const again = z.repo.cli(['review', 'HEAD', '--by', 'lead@example.com']);
  assert.match(again.stdout, 'updated review by lead@example.com');
  const shown = z.repo.json(['show', '--json']);
  assert.is(shown.level, 'assisted', 'the note built for a declared commit keeps its level');
  assert.equal(
    shown.reviews.map((review: { by: string }) => review.by),
    ['lead@example.com'],
  );
});

Check.run();
