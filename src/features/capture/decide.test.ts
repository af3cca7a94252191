import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseConfig } from '../../model/config.ts';
import { defaultConfig } from '../../model/config-defaults.ts';
import { InvalidValueError } from '../../model/errors.ts';
import type { CommitIdentity } from '../../model/inference.ts';
import { parseTrailerLines } from '../../model/trailers.ts';
import { agentFromEnvironment } from './agents.ts';
import { decideCapture } from './decide.ts';

const config = defaultConfig();

function commit(message = 'x', author = { name: 'Ada Dev', email: 'ada@example.com' }): CommitIdentity {
  const trailers = parseTrailerLines(message.split('\n\n').slice(1).join('\n'));
  return { authorName: author.name, authorEmail: author.email, committerName: 'Ada Dev', committerEmail: 'ada@example.com', message, trailers };
}

test('environment values win and are kept as given', () => {
  const decision = decideCapture(config, { GIT_PROVENANCE_LEVEL: ' Assisted ', GIT_PROVENANCE_EXPLAIN: 'why', GIT_PROVENANCE_TOOL: 'aider' }, commit(), {
    canPrompt: true,
  });
  assert.equal(decision, { kind: 'record', origin: 'environment', fields: { level: 'assisted', explanation: 'why', tool: 'aider', model: undefined } });
});

test('an unconfigured level in the environment names the variable and the levels', () => {
  try {
    decideCapture(config, { GIT_PROVENANCE_LEVEL: 'most' }, commit(), { canPrompt: false });
    assert.unreachable();
  } catch (error) {
    assert.instance(error, InvalidValueError);
    assert.match((error as Error).message, /GIT_PROVENANCE_LEVEL: "most" is not one of levels \[none, assisted, generated\]/);
  }
});

test('an AI level from the environment takes the tool of a recognised agent; none does not', () => {
  const env = { GIT_PROVENANCE_LEVEL: 'generated', CLAUDECODE: '1' };
  const generated = decideCapture(config, env, commit(), { canPrompt: false });
  assert.is(generated.kind === 'record' && generated.fields.tool, 'claude-code');
  const none = decideCapture(config, { ...env, GIT_PROVENANCE_LEVEL: 'none' }, commit(), { canPrompt: false });
  assert.is(none.kind === 'record' && none.fields.tool, undefined);
});

test('agents are recognised from the environment, trailers and author names, and never prompted', () => {
  for (const [env, identity, tool] of [
    [{ CLAUDECODE: '1' }, commit(), 'claude-code'],
    [{ CURSOR_AGENT: '1' }, commit(), 'cursor'],
    [{}, commit('x\n\nCo-Authored-By: Claude <noreply@anthropic.com>'), 'claude-code'],
    [{}, commit('x', { name: 'Ada Dev (aider)', email: 'ada@example.com' }), 'aider'],
    [{}, commit('x\n\nCo-authored-by: Codex <noreply@openai.com>'), 'codex'],
  ] as const) {
    const decision = decideCapture(config, env, identity, { canPrompt: true });
    assert.is(decision.kind, 'record', JSON.stringify(env));
    if (decision.kind === 'record') {
      assert.is(decision.fields.level, 'generated');
      assert.is(decision.fields.tool, tool);
      assert.is(decision.origin, 'agent');
    }
  }
});

test('look-alikes are not agents: a person called Claude is asked', () => {
  const decision = decideCapture(config, {}, commit('x\n\nCo-authored-by: Claude Monet <claude@example.com>'), { canPrompt: true });
  assert.equal(decision, { kind: 'prompt', defaults: { level: undefined, tool: undefined, model: undefined } });
  assert.is(agentFromEnvironment({ CLAUDECODE: '0' }), undefined);
  assert.is(agentFromEnvironment({ CLAUDECODE: '' }), undefined);
});

test('weak evidence is a default at a terminal and the record without one', () => {
  const identity = commit('x\n\nCo-authored-by: Copilot <copilot@github.com>');
  assert.equal(decideCapture(config, {}, identity, { canPrompt: true }), {
    kind: 'prompt',
    defaults: { level: 'assisted', tool: 'copilot', model: undefined },
  });
  const alone = decideCapture(config, {}, identity, { canPrompt: false });
  assert.is(alone.kind === 'record' && alone.fields.level, 'assisted');
});

test('nothing to go on: a prompt at a terminal, unknown without one', () => {
  assert.is(decideCapture(config, {}, commit(), { canPrompt: true }).kind, 'prompt');
  assert.is(decideCapture(config, {}, commit(), { canPrompt: false }).kind, 'unknown');
});

test('renamed levels: an agent gets the most-AI configured level', () => {
  const custom = parseConfig('levels: [human, pair, agent]\nexplanation:\n  requiredFor: [agent]\n');
  const decision = decideCapture(custom, { CLAUDECODE: '1' }, commit(), { canPrompt: false });
  assert.is(decision.kind === 'record' && decision.fields.level, 'agent');
});

test.run();
