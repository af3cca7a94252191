// Line evidence end to end: a repository with git-ai notes written from the Git AI Standard
// (carried-forward ranges, overlapping and unsorted entries, 7-hex, 16-hex, UUID, session and
// human keys, a placeholder key, a quoted path, a prompt transcript) gives exact line counts in
// `show --json` and `report`; its Agent Trace export validates against the specification's
// schema; importing the export into a fresh clone reproduces the counts.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanupTempDirs, ROOT, TempRepo, tempDir } from '../helpers/repo.ts';

const DAY = 86_400_000;
const at = (days: number, minutes = 0) => new Date(Date.UTC(2026, 2, 2) + days * DAY + minutes * 60_000).toISOString();
const lines = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix} ${i + 1}\n`).join('');
const SECRET = 'PROMPT-TRANSCRIPT-SECRET';

function addGitAiNote(repo: TempRepo, commit: string, text: string): void {
  const result = repo.gitResult(['notes', '--ref=refs/notes/ai', 'add', '-F', '-', commit], { input: text });
  assert.is(result.status, 0, result.stderr);
}

interface Fixture {
  repo: TempRepo;
  commits: string[];
}

/** The history of docs/FORMAT.md §6's worked example. */
function fixture(): Fixture {
  const repo = new TempRepo();
  const app10 = lines('app', 10);
  const c1 = repo.commit('base', { 'src/app.ts': app10 }, { date: at(0) });
  addGitAiNote(repo, c1, 'src/app.ts\n  h_00000000000001 1-10\n---\n{"schema_version":"authorship/3.0.0","base_commit_sha":"x","prompts":{}}\n');
  const c2 = repo.commit('agent work', { 'src/app.ts': app10 + lines('agent', 5), 'docs/read me.md': lines('doc', 4) }, { date: at(0, 1) });
  addGitAiNote(
    repo,
    c2,
    [
      'src/app.ts',
      '  0123456789abcdef 1-3,11-13',
      '  abc1234 12-14,2',
      '  h_00000000000001 4-10',
      '"docs/read me.md"',
      '  s_0123456789abcd::t_0123456789abcd 1-2',
      '  ai_agent 3-4',
      '---',
      JSON.stringify({
        schema_version: 'authorship/3.0.0',
        base_commit_sha: 'not-this-commit',
        prompts: {
          '0123456789abcdef': {
            agent_id: { tool: 'cursor', id: 'p1', model: 'claude-sonnet-4-5' },
            messages: [{ type: 'user', text: SECRET }],
          },
        },
      }),
    ].join('\n'),
  );
  const c3 = repo.commit('util', { 'src/util.ts': lines('util', 6) }, { date: at(0, 2) });
  addGitAiNote(repo, c3, 'src/util.ts\n  h_00000000000002 4-5\n  123e4567-e89b-12d3-a456-426614174000 3,1-2\n---\n{}\n');
  const c4 = repo.commit('by hand\n\nAI-Assistance: none', { 'src/util.ts': lines('util', 6) + lines('hand', 2) }, { date: at(0, 3) });
  const appAfterFix = `${app10}agent 1\nagent 4\nagent 5\n`;
  const c5 = repo.commit('fix: drop two agent lines', { 'src/app.ts': appAfterFix }, { date: at(5) });
  const c6 = repo.commit('later\n\nAI-Assistance: none', { 'src/late.ts': 'late\n' }, { date: at(30) });
  return { repo, commits: [c1, c2, c3, c4, c5, c6] };
}

test.after(() => cleanupTempDirs());

test('show --json counts only the lines the commit added, each once; unlisted and placeholder lines are unknown', () => {
  const { repo, commits } = fixture();
  const result = repo.cli(['show', '--json', commits[1]]);
  assert.is(result.status, 0, result.stderr);
  assert.not.ok(result.stdout.includes(SECRET), 'prompt transcripts are never printed');
  const shown = JSON.parse(result.stdout);
  assert.is(shown.level, 'generated');
  assert.is(shown.source, 'inferred');
  assert.is(shown.tool, 'cursor');
  assert.is(shown.model, 'claude-sonnet-4-5');
  assert.equal(
    { source: shown.lines.source, added: shown.lines.added, ai: shown.lines.ai, human: shown.lines.human, unknown: shown.lines.unknown },
    { source: 'git-ai', added: 9, ai: 6, human: 0, unknown: 3 },
  );
  assert.equal(shown.lines.files, [
    { path: 'docs/read me.md', added: 4, ai: 2, human: 0, unknown: 2, aiRanges: [[1, 2]] },
    { path: 'src/app.ts', added: 5, ai: 4, human: 0, unknown: 1, aiRanges: [[11, 14]] },
  ]);
  const uuid = repo.json(['show', '--json', commits[2]]);
  assert.equal([uuid.level, uuid.lines.ai, uuid.lines.human, uuid.lines.unknown], ['assisted', 3, 2, 1]);
  const humanOnly = repo.json(['show', '--json', commits[0]]);
  assert.equal([humanOnly.level, humanOnly.lines.human], ['unknown', 10], 'human lines alone are no AI evidence, and no level');
  assert.is(repo.json(['show', '--json', commits[3]]).lines, null);
});

test('check: a git-ai note is evidence only for the lines its commit added', () => {
  const { repo, commits } = fixture();
  // The fix only deletes lines; its note carries the agent's earlier lines forward.
  addGitAiNote(repo, commits[4], 'src/app.ts\n  0123456789abcdef 11-12\n---\n{}\n');
  const checked = repo.cli(['check', '--json', `${commits[0]}..${commits[4]}`]);
  assert.is(checked.status, 0, checked.stderr);
  assert.equal(JSON.parse(checked.stdout).unknown, [commits[4]], 'c2 and c3 are AI by their notes, c4 is declared, the fix is unknown');
});

const EXPECTED_TOTAL = {
  none: { linesAdded: 15, commits: 4 },
  assisted: { linesAdded: 0, commits: 0 },
  generated: {
    linesAdded: 9,
    commits: 2,
    surviving: 7,
    replaced: 2,
    rework: { mature: 9, reworked: 2, rate: 2 / 9 },
    fixFollowUp: { commits: 2, followed: 1, rate: 0.5 },
  },
  unknown: { linesAdded: 4, commits: 3, linesDeleted: 2 },
};

function checkTotals(report: any): void {
  const total = report.total;
  for (const [level, expected] of Object.entries(EXPECTED_TOTAL)) {
    for (const [field, value] of Object.entries(expected)) assert.equal(total.levels[level][field], value, `${level}.${field}`);
  }
  assert.is(total.linesAdded, 28);
  assert.is(total.aiShare, 9 / 24);
  assert.equal(total.lineEvidence, { lines: 25, commitLevel: 3, basis: 'mixed' });
}

test('report counts AI share, rework, survival and fix follow-ups on the lines where notes say which lines', () => {
  const { repo, commits } = fixture();
  const report = repo.json(['report', '--format', 'json', '--no-cache']);
  checkTotals(report);
  const src = report.services.find((service: any) => service.service === 'src');
  assert.equal(src.lineEvidence, { lines: 21, commitLevel: 3, basis: 'mixed' });
  assert.equal(report.services.find((service: any) => service.service === 'docs').lineEvidence, { lines: 4, commitLevel: 0, basis: 'lines' });
  // The cache gives the same figures, and a new git-ai note makes it read the diffs again.
  const first = repo.json(['report', '--format', 'json']);
  assert.equal(first.total, report.total);
  addGitAiNote(repo, commits[3], 'src/util.ts\n  0123456789abcdef 7-8\n---\n{}\n');
  const cached = repo.json(['report', '--format', 'json']);
  const cold = repo.json(['report', '--format', 'json', '--no-cache']);
  assert.equal(cached.total, cold.total);
  assert.is(cold.total.levels.generated.linesAdded, 11, 'the two lines of the hand-declared commit are now AI lines');
});

test('Agent Trace export validates against the specification schema; importing it into a fresh clone reproduces the counts', () => {
  const { repo, commits } = fixture();
  const out = join(tempDir('gp-trace-'), 'traces.jsonl');
  const exported = repo.cli(['export', '--format', 'agent-trace', '-o', out]);
  assert.is(exported.status, 0, exported.stderr);
  const text = readFileSync(out, 'utf8');
  assert.not.ok(text.includes(SECRET));
  const records = text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.is(records.length, 5, 'one record per commit that added lines');
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'test/fixtures/agent-trace/trace-record.schema.json'), 'utf8')));
  for (const record of records) assert.ok(validate(record), JSON.stringify(validate.errors));
  const agent = records.find((record) => record.vcs.revision === commits[1]);
  assert.equal(agent.files.find((file: any) => file.path === 'src/app.ts').conversations[0], {
    contributor: { type: 'ai', model_id: 'anthropic/claude-sonnet-4-5' },
    ranges: [{ start_line: 11, end_line: 14 }],
  });
  assert.is(agent.metadata['dev.git-provenance'].level, 'generated');

  const clone = new TempRepo({ init: false });
  const cloned = clone.gitResult(['clone', '-q', repo.dir, '.']);
  assert.is(cloned.status, 0, cloned.stderr);
  assert.is(clone.gitResult(['notes', '--ref=refs/notes/ai', 'list']).stdout, '', 'a plain clone has no notes');
  const imported = clone.json(['import', '--json', out]);
  assert.is(imported.records, 5);
  assert.is(imported.unplaced, 0);
  const report = repo.json(['report', '--format', 'json', '--no-cache']);
  const again = clone.json(['report', '--format', 'json', '--no-cache']);
  checkTotals(again);
  // The line counts are reproduced; the imported notes are records of their own, so only the
  // share of recorded lines may differ (the original's evidence came from git-ai notes: inferred).
  const withoutRecorded = (services: { recordedShare?: unknown }[]) => services.map(({ recordedShare: _, ...rest }) => rest);
  assert.equal(withoutRecorded(again.services), withoutRecorded(report.services));
  assert.is(again.services[0].recordedShare, 1);
  const shown = clone.json(['show', '--json', commits[1]]);
  assert.equal(
    [shown.level, shown.source, shown.lines.source, shown.lines.ai, shown.lines.human, shown.lines.unknown],
    ['generated', 'noted', 'note', 6, 0, 3],
  );
  const note = JSON.parse(clone.git('notes', '--ref=refs/notes/provenance', 'show', commits[1]));
  assert.is(note.recordedBy, 'import');
});

test('import re-anchors an agent hook record (revision = HEAD at edit time) to the commit that added the lines', () => {
  const repo = new TempRepo();
  const base = repo.commit('base', { 'a.ts': lines('a', 3) });
  const next = repo.commit('agent edit committed', { 'a.ts': lines('a', 3) + lines('b', 4) });
  const file = join(tempDir('gp-trace-'), 'traces.jsonl');
  const record = {
    version: '0.1.0',
    id: '550e8400-e29b-41d4-a716-446655440000',
    timestamp: '2026-01-25T10:00:00Z',
    vcs: { type: 'git', revision: base },
    tool: { name: 'claude-code', version: '2.0.0' },
    files: [
      { path: 'a.ts', conversations: [{ contributor: { type: 'ai', model_id: 'anthropic/claude-opus-4-7' }, ranges: [{ start_line: 4, end_line: 6 }] }] },
    ],
  };
  writeFileSync(file, `${JSON.stringify(record)}\nnot json\n`);
  const imported = repo.json(['import', '--json', file]);
  assert.equal(imported.commits, [next]);
  assert.is(imported.aiLines, 3);
  assert.ok(imported.warnings.some((warning: string) => warning.includes(':2: not JSON')));
  const shown = repo.json(['show', '--json', next]);
  assert.equal([shown.level, shown.model, shown.lines.ai, shown.lines.unknown], ['assisted', 'claude-opus-4-7', 3, 1]);
});

test('sync pushes and fetches refs/notes/ai when present', () => {
  const { repo, commits } = fixture();
  const remote = new TempRepo({ bare: true });
  repo.git('remote', 'add', 'origin', remote.dir);
  repo.git('push', '-q', 'origin', 'main');
  const synced = repo.cli(['sync']);
  assert.is(synced.status, 0, synced.stderr);
  assert.ok(remote.git('notes', '--ref=refs/notes/ai', 'list').includes(commits[1]));
  const other = new TempRepo({ init: false });
  other.git('clone', '-q', remote.dir, '.');
  assert.is(other.cli(['sync']).status, 0);
  assert.ok(other.git('notes', '--ref=refs/notes/ai', 'show', commits[1]).includes('0123456789abcdef'));
});

test.run();
