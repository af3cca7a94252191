import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { configuredLevelFor, inferAssistance, type CommitIdentity } from './inference.ts';
import { parseTrailerLines } from './trailers.ts';

function commit(overrides: Partial<CommitIdentity> & { trailerText?: string } = {}): CommitIdentity {
  const { trailerText = '', ...rest } = overrides;
  return {
    authorName: 'Ada Dev',
    authorEmail: 'ada@example.com',
    committerName: 'Ada Dev',
    committerEmail: 'ada@example.com',
    message: 'Change things\n',
    trailers: parseTrailerLines(trailerText),
    ...rest,
  };
}

const expectations: [string, Partial<CommitIdentity> & { trailerText?: string }, { level: string; tool: string; model?: string }][] = [
  ['Claude Code co-author', { trailerText: 'Co-Authored-By: Claude <noreply@anthropic.com>' }, { level: 'generated', tool: 'claude-code' }],
  [
    'Claude Code with model',
    { trailerText: 'Co-Authored-By: Claude Opus 4.7 (1M context) <noreply@anthropic.com>' },
    { level: 'generated', tool: 'claude-code', model: 'claude-opus-4.7' },
  ],
  ['Claude Code marker line', { message: 'x\n\n🤖 Generated with [Claude Code](https://claude.ai/code)\n' }, { level: 'generated', tool: 'claude-code' }],
  ['Claude web session', { trailerText: 'Claude-Session: https://claude.ai/code/session_abc' }, { level: 'generated', tool: 'claude-code' }],
  ['Aider author', { authorName: 'Ada Dev (aider)' }, { level: 'generated', tool: 'aider' }],
  ['Aider co-author with model', { trailerText: 'Co-authored-by: aider (gpt-4o) <aider@aider.chat>' }, { level: 'generated', tool: 'aider', model: 'gpt-4o' }],
  ['Aider subject prefix', { message: 'aider: add tests\n' }, { level: 'generated', tool: 'aider' }],
  [
    'Copilot coding agent',
    { authorName: 'copilot-swe-agent[bot]', authorEmail: '198982749+Copilot@users.noreply.github.com' },
    { level: 'generated', tool: 'copilot-agent' },
  ],
  ['Copilot CLI', { trailerText: 'Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>' }, { level: 'generated', tool: 'copilot' }],
  ['VS Code Copilot', { trailerText: 'Co-authored-by: Copilot <copilot@github.com>' }, { level: 'assisted', tool: 'copilot' }],
  ['Codex', { trailerText: 'Co-authored-by: Codex <noreply@openai.com>' }, { level: 'generated', tool: 'codex' }],
  ['Cursor co-author', { trailerText: 'Co-authored-by: Cursor Agent <cursoragent@cursor.com>' }, { level: 'generated', tool: 'cursor' }],
  ['Cursor Made-with', { trailerText: 'Made-with: Cursor' }, { level: 'generated', tool: 'cursor' }],
  ['Amp', { trailerText: 'Amp-Thread-ID: https://ampcode.com/threads/T-1' }, { level: 'generated', tool: 'amp' }],
  ['Replit agent', { trailerText: 'Replit-Commit-Author: Agent' }, { level: 'generated', tool: 'replit' }],
  ['Replit assistant', { trailerText: 'Replit-Commit-Author: Assistant' }, { level: 'assisted', tool: 'replit' }],
  ['Entire', { trailerText: 'Entire-Checkpoint: 0a1b2c' }, { level: 'generated', tool: 'entire' }],
  [
    'claude bot committer',
    { committerName: 'claude[bot]', committerEmail: '209825114+claude[bot]@users.noreply.github.com' },
    { level: 'generated', tool: 'claude-code' },
  ],
  ['devin bot author', { authorEmail: '158243242+devin-ai-integration[bot]@users.noreply.github.com' }, { level: 'generated', tool: 'devin' }],
  ['kernel Assisted-by', { trailerText: 'Assisted-by: Claude:claude-3-opus coccinelle sparse' }, { level: 'assisted', tool: 'claude', model: 'claude-3-opus' }],
  ['Generated-by policy', { trailerText: 'Generated-by: Copilot' }, { level: 'generated', tool: 'copilot' }],
  ['AI-used-for draft', { trailerText: 'AI-used-for: code review' }, { level: 'assisted', tool: 'unspecified' }],
];

for (const [name, input, expected] of expectations) {
  test(`recognises ${name}`, () => {
    const inference = inferAssistance(commit(input));
    assert.ok(inference, 'no inference');
    assert.is(inference.level, expected.level);
    assert.is(inference.tool, expected.tool);
    assert.is(inference.model, expected.model);
    assert.ok(inference.evidence.length > 0);
  });
}

test('look-alikes are not evidence', () => {
  const lookAlikes: (Partial<CommitIdentity> & { trailerText?: string })[] = [
    { authorName: 'Claude Monet', authorEmail: 'claude@example.com' },
    { trailerText: 'Co-authored-by: Claude Monet <claude@example.com>' },
    { trailerText: 'Signed-off-by: Claude <noreply@anthropic.org>' },
    { trailerText: 'Co-authored-by: Cursor Fan <cursor@example.com>' },
    { authorName: 'Aider Smith', authorEmail: 'aider@example.com' },
    { message: 'Mention Claude Code in the docs\n' },
    { committerEmail: '12345+dependabot[bot]@users.noreply.github.com', committerName: 'dependabot[bot]' },
    { trailerText: 'Made-with: love' },
  ];
  for (const input of lookAlikes) assert.is(inferAssistance(commit(input)), undefined, JSON.stringify(input));
});

test('generated wins over assisted when both appear', () => {
  const inference = inferAssistance(commit({ trailerText: 'Co-authored-by: Copilot <copilot@github.com>\nCo-Authored-By: Claude <noreply@anthropic.com>' }));
  assert.is(inference?.level, 'generated');
});

test('inferred levels map onto renamed configured levels', () => {
  assert.is(configuredLevelFor(['human', 'helped', 'machine'], 'generated'), 'machine');
  assert.is(configuredLevelFor(['human', 'helped', 'machine'], 'assisted'), 'helped');
  assert.is(configuredLevelFor(['none', 'assisted', 'generated'], 'assisted'), 'assisted');
});

test.run();
