import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { parseAgentPayload, wantsJsonAnswer } from './agent-payload.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'agents');

test('every recorded agent payload is understood', () => {
  for (const name of readdirSync(FIXTURES)) {
    const payload = JSON.parse(readFileSync(join(FIXTURES, name), 'utf8').replaceAll('{{ROOT}}', '/repo'));
    const edit = parseAgentPayload(payload);
    assert.ok(edit, name);
    assert.ok(edit.filePath.startsWith('/repo/src/'), name);
    assert.is(edit.phase, name.includes('-pre-') ? 'pre' : 'post', name);
    assert.is(edit.tool, name.startsWith('claude') ? 'claude-code' : name.startsWith('cursor') ? 'cursor' : 'gemini', name);
    assert.ok(edit.written.length > 0, name);
    assert.is(wantsJsonAnswer(payload), !name.startsWith('claude'), name);
  }
});

test('Cursor payloads with the edit under tool_input (other releases) are read too', () => {
  const edit = parseAgentPayload({
    hook_event_name: 'afterFileEdit',
    workspace_roots: ['/w'],
    tool_input: { file_path: 'a.ts', edits: [{ old_string: '', new_string: 'x' }] },
  });
  assert.equal(edit, { tool: 'cursor', phase: 'post', filePath: 'a.ts', root: '/w', model: undefined, written: ['x'] });
});

test('tools that do not write files, and any other JSON, are no edit; nothing throws', () => {
  assert.is(parseAgentPayload({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'ls' } }), undefined);
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      parseAgentPayload(value);
      wantsJsonAnswer(value);
    }),
  );
});

test.run();
