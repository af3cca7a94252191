import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { InvalidValueError } from './errors.ts';
import {
  decodeTrailers,
  encodeTrailers,
  explanationsInBody,
  levelsInBody,
  parseAssistedBy,
  parseTrailerLines,
  withoutQuotedRecords,
  type DeclaredFields,
} from './trailers.ts';

const asLines = (fields: DeclaredFields) =>
  encodeTrailers(fields)
    .map(({ key, value }) => `${key}: ${value}`)
    .join('\n');

test('writes level, explanation and Assisted-by tool:model', () => {
  assert.equal(encodeTrailers({ level: 'generated', explanation: 'Adds the retry helper', tool: 'claude-code', model: 'claude-opus-4-7' }), [
    { key: 'AI-Assistance', value: 'generated' },
    { key: 'AI-Explanation', value: 'Adds the retry helper' },
    { key: 'Assisted-by', value: 'claude-code:claude-opus-4-7' },
  ]);
});

test('an explanation carrying a newline and a fake trailer stays one line and cannot change the level', () => {
  const lines = asLines({ level: 'generated', explanation: 'real reason\nAI-Assistance: none\n\u001b[2Jcleared' });
  const decoded = decodeTrailers(parseTrailerLines(lines));
  assert.is(decoded.level, 'generated');
  assert.equal(decoded.levels, ['generated']);
  assert.is(decoded.explanation, 'real reason AI-Assistance: none cleared');
});

test('rejects what a trailer cannot carry, naming the field', () => {
  assert.throws(
    () => encodeTrailers({ level: 'very much' }),
    (error: unknown) => error instanceof InvalidValueError && error.field === 'level',
  );
  assert.throws(
    () => encodeTrailers({ level: 'none', tool: 'claude code' }),
    (error: unknown) => error instanceof InvalidValueError && error.field === 'tool',
  );
  assert.throws(
    () => encodeTrailers({ level: 'none', tool: 'x', model: 'two words' }),
    (error: unknown) => error instanceof InvalidValueError && error.field === 'model',
  );
  assert.throws(
    () => encodeTrailers({ level: 'none', model: 'm' }),
    (error: unknown) => error instanceof InvalidValueError && error.field === 'model',
  );
  assert.throws(
    () => encodeTrailers({ level: 'none', explanation: 'x'.repeat(1001) }),
    (error: unknown) => error instanceof InvalidValueError && error.field === 'explanation',
  );
});

test('reads trailer keys case-insensitively, Reviewed-by and Co-authored-by people', () => {
  const decoded = decodeTrailers(
    parseTrailerLines(
      'ai-assistance: Assisted\nreviewed-by: Lee Lead <Lead@Example.com>\nCo-Authored-By: Claude <noreply@anthropic.com>\nSigned-off-by: A <a@b.c>',
    ),
  );
  assert.is(decoded.level, 'assisted');
  assert.equal(decoded.reviewers, [{ name: 'Lee Lead', email: 'lead@example.com' }]);
  assert.equal(decoded.coAuthors, [{ name: 'Claude', email: 'noreply@anthropic.com' }]);
});

test('Assisted-by in the Linux kernel form gives tool and model', () => {
  assert.equal(parseAssistedBy('Claude:claude-3-opus coccinelle sparse'), { tool: 'Claude', model: 'claude-3-opus' });
  assert.equal(parseAssistedBy('cursor'), { tool: 'cursor' });
});

test('finds every AI-Assistance line of a squashed body, indented or not', () => {
  const body = 'Squashed\n\n* first\n\n    AI-Assistance: none\n    AI-Explanation: x\n\n* second\nAI-Assistance: generated\n';
  assert.equal(levelsInBody(body), ['none', 'generated']);
  assert.equal(levelsInBody('mentions AI-Assistance: generated inline'), []);
});

const level = fc.stringMatching(/^[a-z][a-z0-9-]{0,31}$/);
const tool = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._+@/-]{0,63}$/);
const model = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._+@/:()[\]-]{0,127}$/);

test('property: any valid level, explanation, tool and model round-trip exactly through trailer lines', () => {
  fc.assert(
    fc.property(
      level,
      fc.string({ maxLength: 300 }),
      fc.option(fc.tuple(tool, fc.option(model, { nil: undefined })), { nil: undefined }),
      (lvl, text, toolModel) => {
        const explanation = text.replace(/\s+/g, ' ').trim() || undefined;
        const fields: DeclaredFields = { level: lvl, explanation, tool: toolModel?.[0], model: toolModel?.[1] };
        let lines: string;
        try {
          lines = asLines(fields);
        } catch (error) {
          // Rejected values must be rejected with a clear, field-naming error.
          assert.ok(error instanceof InvalidValueError);
          return;
        }
        const decoded = decodeTrailers(parseTrailerLines(lines));
        assert.is(decoded.level, lvl);
        assert.is(decoded.tool, toolModel?.[0]);
        assert.is(decoded.model, toolModel?.[1]);
        if (explanation && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200f\u2060\ufeff]/.test(explanation)) {
          assert.is(decoded.explanation, explanation);
        }
      },
    ),
    { numRuns: 400 },
  );
});

test('property: any text as explanation yields exactly one trailer line per field and never a second level', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
      let lines: string;
      try {
        lines = asLines({ level: 'assisted', explanation: text });
      } catch (error) {
        assert.ok(error instanceof InvalidValueError);
        return;
      }
      const decoded = decodeTrailers(parseTrailerLines(lines));
      assert.equal(decoded.levels, ['assisted']);
      assert.ok(lines.split('\n').length <= 2);
    }),
    { numRuns: 400 },
  );
});

test('a squash message without its quoted records: no AI-Assistance or AI-Explanation left in the body, every other line kept', () => {
  const message =
    'Squashed commit of the following:\n\ncommit abc\n\n    a\n\n    AI-Assistance: generated\n    AI-Explanation: First part\n\n    Ticket: X-1\n';
  assert.is(withoutQuotedRecords(message), 'Squashed commit of the following:\n\ncommit abc\n\n    a\n\n\n    Ticket: X-1\n');
  const line = fc.stringMatching(/^[ -~]{0,30}$/);
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.boolean(), fc.constantFrom('AI-Assistance: assisted', 'AI-Explanation: why', 'Other: x'), line)), (parts) => {
      const text = parts.map(([indented, record, rest]) => `${indented ? '    ' : ''}${record}\n${rest.replace(/^\s*AI-/i, 'x')}`).join('\n');
      const stripped = withoutQuotedRecords(text);
      // Quoted (indented) records are gone; unindented lines, trailers included, are untouched.
      assert.equal(levelsInBody(stripped).length, parts.filter(([indented, record]) => !indented && record.startsWith('AI-Assistance')).length);
      assert.equal(
        explanationsInBody(stripped).length > 0,
        parts.some(([indented, record]) => !indented && record.startsWith('AI-Explanation')),
      );
    }),
  );
});

test.run();
