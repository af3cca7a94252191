// Each convention of ../shared/reference/ai-conventions.md is recognised; look-alikes are not.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { inferAssistance, inferFromGitAiNote, type CommitIdentity } from './inference.ts';
import { resolveRecord } from './record.ts';
import { parseTrailerLines } from './trailers.ts';

const LEVELS = ['none', 'assisted', 'generated'];

function commit(message: string, who: Partial<CommitIdentity> = {}): CommitIdentity {
  const block = message.split('\n\n').at(-1) ?? '';
  return {
    authorName: 'Ada',
    authorEmail: 'ada@example.com',
    committerName: 'Ada',
    committerEmail: 'ada@example.com',
    message,
    trailers: parseTrailerLines(block),
    ...who,
  };
}

const cases: [string, CommitIdentity, string, string][] = [
  ['Claude Code co-author with model', commit('x\n\nCo-Authored-By: Claude Opus 4.7 <noreply@anthropic.com>'), 'generated', 'claude-code'],
  ['Claude Code marker line', commit('x\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)'), 'generated', 'claude-code'],
  ['Claude session trailer', commit('x\n\nClaude-Session: https://claude.ai/code/session_01abc'), 'generated', 'claude-code'],
  ['Aider author', commit('x', { authorName: 'Ada (aider)' }), 'generated', 'aider'],
  ['Aider co-author', commit('x\n\nCo-authored-by: aider (gpt-4o) <aider@aider.chat>'), 'generated', 'aider'],
  ['Aider subject', commit('aider: tidy'), 'generated', 'aider'],
  [
    'Copilot coding agent',
    commit('x', { authorName: 'copilot-swe-agent[bot]', authorEmail: '198982749+Copilot@users.noreply.github.com' }),
    'generated',
    'copilot-agent',
  ],
  ['Copilot CLI', commit('x\n\nCo-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>'), 'generated', 'copilot'],
  ['VS Code Copilot co-author', commit('x\n\nCo-authored-by: Copilot <copilot@github.com>'), 'assisted', 'copilot'],
  ['Codex', commit('x\n\nCo-authored-by: Codex <noreply@openai.com>'), 'generated', 'codex'],
  ['Cursor co-author', commit('x\n\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>'), 'generated', 'cursor'],
  ['Cursor Made-with', commit('x\n\nMade-with: Cursor'), 'generated', 'cursor'],
  ['Assisted-by (kernel)', commit('x\n\nAssisted-by: Claude:claude-3-opus coccinelle'), 'assisted', 'claude'],
  ['Generated-by (ASF)', commit('x\n\nGenerated-by: ChatGPT'), 'generated', 'chatgpt'],
  [
    'bot committer',
    commit('x', { committerName: 'claude[bot]', committerEmail: '209825114+claude[bot]@users.noreply.github.com' }),
    'generated',
    'claude-code',
  ],
];

for (const [name, identity, level, tool] of cases) {
  test(`recognises ${name}`, () => {
    const found = inferAssistance(identity);
    assert.ok(found, name);
    assert.is(found!.level, level);
    assert.is(found!.tool, tool);
  });
}

test('look-alikes are not evidence: people named Claude, Signed-off-by, a human co-author', () => {
  assert.is(inferAssistance(commit('x', { authorName: 'Claude Monet', authorEmail: 'claude@example.com' })), undefined);
  assert.is(inferAssistance(commit('x\n\nCo-authored-by: Claude Shannon <claude@bell-labs.example>')), undefined);
  assert.is(inferAssistance(commit('x\n\nSigned-off-by: Claude Code <cc@example.com>')), undefined);
  assert.is(inferAssistance(commit('Mention Claude Code in the docs')), undefined);
  assert.is(inferAssistance(commit('x', { authorName: 'aider fan', authorEmail: 'fan@example.com' })), undefined);
});

test('git-ai notes: AI session ranges make the commit AI-assisted; humans alone do not', () => {
  const note =
    'src/a.ts\n  s_0123456789abcd::t_0123456789abcd 1-4,9\n  h_0123456789abcd 5-8\n---\n' +
    '{"schema_version":"authorship/3.0.0","sessions":{"s_0123456789abcd":{"agent_id":{"tool":"Cursor","id":"x","model":"gpt-5"}}}}\n';
  assert.equal(inferFromGitAiNote(note), { level: 'assisted', tool: 'cursor', model: 'gpt-5', evidence: 'git-ai note (5 AI lines)' });
  const aiOnly = '"src/my file.ts"\n  0123456789abcdef 1-3\n---\n{"schema_version":"authorship/3.0.0","prompts":{}}';
  assert.equal(inferFromGitAiNote(aiOnly)?.level, 'generated');
  assert.is(inferFromGitAiNote('src/a.ts\n  h_0123456789abcd 1-10\n---\n{}'), undefined);
  assert.is(inferFromGitAiNote('not a note'), undefined);
  const record = resolveRecord(LEVELS, { ...commit('x'), commit: 'c', externalInference: inferFromGitAiNote(aiOnly) });
  assert.is(record.source, 'inferred');
  assert.is(record.level, 'generated');
});

test('a squash-merged body: the highest AI-Assistance line wins, trailer block or body', () => {
  const github = 'Feature (#12)\n\n* first\n\nAI-Assistance: generated\n\n* second\n\nAI-Assistance: none';
  const record = resolveRecord(LEVELS, { ...commit(github), trailers: parseTrailerLines('AI-Assistance: none'), commit: 'c' });
  assert.is(record.level, 'generated');
  assert.is(record.source, 'declared');
  const local = 'Squashed commit of the following:\n\n    first\n\n    AI-Assistance: assisted\n\n    second\n\n    AI-Assistance: none\n';
  const squashed = resolveRecord(LEVELS, { ...commit(local), trailers: [], commit: 'c' });
  assert.is(squashed.level, 'assisted');
});

test.run();
