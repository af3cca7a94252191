import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseConfig } from './config.ts';
import { createPlacer } from './placement.ts';
import type { ProvenanceRecord } from './record.ts';
import {
  budgetViolations,
  checkCommit,
  evaluateBudgets,
  judgeReview,
  levelViolations,
  levelsAllowedForAll,
  STAGED,
  touchedZones,
  type BudgetCommit,
} from './zones.ts';

const config = parseConfig(`
services:
  api: ["services/api/**"]
zones:
  - name: ai-friendly
    paths: ["**"]
  - name: reviewed
    paths: ["services/**"]
    reviewRequiredFor: [generated]
    reviewers: ["lead@example.com"]
  - name: human-only
    paths: ["services/*/auth/**", "libs/payments/**"]
    allow: [none]
budgets:
  - service: api
    maxAiShare: 0.5
    windowDays: 10
`);
const placer = createPlacer(config);
const zonesOf = (changes: { path: string; oldPath?: string }[]) =>
  touchedZones(
    placer,
    changes.map((c) => ({ added: 1, deleted: 0, ...c })),
  ).map((t) => [t.path, t.zone.name]);

const record = (level: string, reviews: { by: string }[] = []): ProvenanceRecord => ({
  commit: 'c1',
  level,
  source: level === 'unknown' ? 'unknown' : 'declared',
  reviews: reviews.map((r) => ({ ...r, at: '' })),
  files: [],
  disagreements: [],
  warnings: [],
});

test('a rename touches the zones of both its old and its new path', () => {
  assert.equal(zonesOf([{ path: 'docs/x.ts', oldPath: 'libs/payments/x.ts' }]), [
    ['docs/x.ts', 'ai-friendly'],
    ['libs/payments/x.ts', 'human-only'],
  ]);
});

test('a zone without allow allows every level; the commit may use the levels all its zones allow', () => {
  const touches = touchedZones(placer, [{ path: 'services/api/h.ts' }, { path: 'libs/payments/p.ts' }]);
  assert.equal(levelsAllowedForAll(config, touches), ['none']);
  assert.equal(
    levelViolations(config, STAGED, 'assisted', touches).map((v) => v.path),
    ['libs/payments/p.ts'],
  );
  assert.equal(levelViolations(config, STAGED, 'none', touches), []);
});

test('a review counts only from a listed reviewer who did not write the commit', () => {
  const zone = config.zones[1];
  assert.ok(judgeReview(zone, { by: 'LEAD@example.com', at: '' }, { authorEmail: 'ada@example.com' }).counts);
  const stranger = judgeReview(zone, { by: 'bob@example.com', at: '' }, { authorEmail: 'ada@example.com' });
  assert.not.ok(stranger.counts);
  assert.match(stranger.reason!, 'not a reviewer of zone reviewed');
  const self = judgeReview(zone, { by: 'lead@example.com', at: '' }, { authorEmail: 'lead@example.com' });
  assert.not.ok(self.counts);
  assert.match(self.reason!, 'cannot review it');
});

test('checkCommit: unknown follows the config; reviews required only for the listed levels', () => {
  const changes = [{ path: 'services/api/h.ts', added: 3, deleted: 0 }];
  assert.equal(checkCommit(config, placer, { commit: 'c1', record: record('unknown'), changes }), []);
  const refusing = { ...config, unknown: 'refuse' as const };
  assert.equal(
    checkCommit(refusing, placer, { commit: 'c1', record: record('unknown'), changes }).map((v) => v.rule),
    ['no-record'],
  );
  assert.equal(checkCommit(config, placer, { commit: 'c1', record: record('assisted'), changes }), []);
  assert.equal(
    checkCommit(config, placer, { commit: 'c1', record: record('generated'), changes, authorEmail: 'ada@example.com' }).map((v) => v.rule),
    ['review-required'],
  );
  assert.equal(
    checkCommit(config, placer, { commit: 'c1', record: record('generated', [{ by: 'lead@example.com' }]), changes, authorEmail: 'ada@example.com' }),
    [],
  );
});

const day = 86_400;
const commitAt = (time: number, level: string, added: number, isNew: boolean, path = 'services/api/a.ts'): BudgetCommit => ({
  commit: `c${time}`,
  time,
  level,
  changes: [{ path, added, deleted: 0 }],
  isNew,
});

test('budgets: AI share over the window; unknown lines apart; only new AI lines can cross it', () => {
  const end = 100 * day;
  const history = [
    commitAt(end - 20 * day, 'generated', 1000, false),
    commitAt(end - 5 * day, 'none', 60, false),
    commitAt(end - day, 'unknown' as string, 500, false),
  ];
  const [under] = evaluateBudgets(config, placer, [...history, commitAt(end, 'generated', 40, true)], end);
  assert.equal([under.aiLines, under.humanLines, under.unknownLines, under.share, under.over], [40, 60, 500, 0.4, false]);
  const [over] = evaluateBudgets(config, placer, [...history, commitAt(end, 'assisted', 100, true)], end);
  assert.ok(over.over);
  assert.equal(
    budgetViolations([over], 'tip').map((v) => [v.rule, v.severity]),
    [['budget', 'error']],
  );
  const [human] = evaluateBudgets(config, placer, [commitAt(end - day, 'generated', 100, false), commitAt(end, 'none', 10, true)], end);
  assert.ok(human.share > 0.5);
  assert.not.ok(human.over, 'a human push to an over-budget service is not refused');
  const [ignored] = evaluateBudgets(config, placer, [commitAt(end, 'generated', 100, true, 'services/web/a.ts')], end);
  assert.is(ignored.aiLines, 0);
});

test('a reviewer cannot approve their own commit under a lightly altered address', () => {
  const zone = config.zones[1];
  for (const author of ['Lead@Example.com', 'lead+alt@example.com', 'le\u200bad@example.com', 'ｌｅａｄ@example.com', 'lead@example.com\u2060']) {
    const verdict = judgeReview(zone, { by: 'lead@example.com', at: '' }, { authorEmail: author });
    assert.not.ok(verdict.counts, author);
    assert.match(verdict.reason!, 'cannot review it');
    assert.not.match(verdict.reason!, /[\u200b\u2060]/, 'the odd address is shown escaped');
  }
  assert.ok(
    judgeReview(zone, { by: 'lead+review@example.com', at: '' }, { authorEmail: 'ada@example.com' }).counts,
    'a +tag of a listed reviewer is that reviewer',
  );
  assert.not.ok(judgeReview(zone, { by: 'lead@example.co', at: '' }, { authorEmail: 'ada@example.com' }).counts);
});

test('a note review counts only for the patch it approved; a trailer review is part of the commit', () => {
  const zone = config.zones[1];
  const patch = 'a'.repeat(40);
  assert.ok(judgeReview(zone, { by: 'lead@example.com', at: 'x', patch }, { authorEmail: 'ada@example.com', currentPatch: patch }).counts);
  assert.match(
    judgeReview(zone, { by: 'lead@example.com', at: 'x', patch }, { authorEmail: 'ada@example.com', currentPatch: 'b'.repeat(40) }).reason!,
    /content changed after the review/,
  );
  assert.match(judgeReview(zone, { by: 'lead@example.com', at: 'x' }, { authorEmail: 'ada@example.com', currentPatch: patch }).reason!, /names no content/);
  assert.ok(judgeReview(zone, { by: 'lead@example.com', at: '', fromTrailer: true }, { authorEmail: 'ada@example.com', currentPatch: patch }).counts);
});

test('the mailmap decides who is who: an alias of the reviewer cannot approve, an alias of a listed reviewer can', () => {
  const zone = config.zones[1];
  const mailmap = (email: string) => ({ 'alias@example.org': 'lead@example.com', 'old@example.org': 'lead@example.com' })[email] ?? email;
  const self = judgeReview(zone, { by: 'lead@example.com', at: '' }, { authorEmail: 'alias@example.org', identity: mailmap });
  assert.not.ok(self.counts);
  assert.match(self.reason!, 'the same person by the mailmap) and cannot review it');
  assert.ok(judgeReview(zone, { by: 'old@example.org', at: '' }, { authorEmail: 'ada@example.com', identity: mailmap }).counts);
  assert.not.ok(judgeReview(zone, { by: 'old@example.org', at: '' }, { authorEmail: 'ada@example.com' }).counts, 'without the mailmap, another person');
});

test('a zone requiring signed reviews counts neither trailer nor unsigned reviews, and its fix says --sign', () => {
  const zone = { ...config.zones[1], requireSignedReviews: true };
  const trailer = judgeReview(zone, { by: 'lead@example.com', at: '', fromTrailer: true }, { authorEmail: 'ada@example.com' });
  assert.match(trailer.reason!, 'zone reviewed requires signed reviews, and it is a Reviewed-by trailer');
  const unsigned = judgeReview(
    zone,
    { by: 'lead@example.com', at: '', patch: 'a'.repeat(40) },
    { authorEmail: 'ada@example.com', currentPatch: 'a'.repeat(40) },
  );
  assert.match(unsigned.reason!, 'it is not signed');
  const signedConfig = { ...config, zones: config.zones.map((z) => (z.name === 'reviewed' ? zone : z)) };
  const [violation] = checkCommit(signedConfig, createPlacer(signedConfig), {
    commit: 'c'.repeat(40),
    record: record('generated', [{ by: 'lead@example.com' }]),
    changes: [{ path: 'services/api/h.ts' }],
    authorEmail: 'ada@example.com',
  });
  assert.match(violation.message, 'needs a signed review by lead@example.com');
  assert.match(violation.fix, /--by lead@example.com --sign .*gpg\.ssh\.allowedSignersFile/);
});

test.run();
