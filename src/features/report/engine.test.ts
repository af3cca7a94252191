import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { FileDiff, HistoryCommit, Hunk } from '../../git/history.ts';
import { aggregate } from './aggregate.ts';
import { Ledger } from './engine.ts';

const DAY = 86_400;
const LEVELS = ['none', 'assisted', 'generated'];
const SERVICE_OF: Record<string, string> = { 'api/a.ts': 'api', 'api/b.ts': 'api', 'web/c.ts': 'web', 'web/gen.min.js': 'web' };
const settings = {
  windowDays: 14,
  fixPattern: /\bfix\b/i,
  pathInfo: (path: string) => ({ service: SERVICE_OF[path] ?? '(other)', counted: !path.endsWith('.min.js') }),
};

function commitOf(id: number, time: number, subject: string, files: FileDiff[]): HistoryCommit {
  return {
    commit: id.toString(16).padStart(40, '0'),
    parents: [],
    authorName: 'a',
    authorEmail: 'a@x',
    authorDate: '',
    committerName: 'a',
    committerEmail: 'a@x',
    committerDate: '',
    time,
    subject,
    message: subject,
    trailers: [],
    files,
  };
}

interface Line {
  commit: number;
  service: string;
  counted: boolean;
}

/** One random step: a commit changing one or two files, built against a per-line model. */
const stepArb = fc.record({
  days: fc.integer({ min: 0, max: 10 }),
  level: fc.integer({ min: -1, max: 2 }),
  fix: fc.boolean(),
  ops: fc.array(
    fc.record({
      path: fc.constantFrom('api/a.ts', 'api/b.ts', 'web/c.ts', 'web/gen.min.js'),
      kind: fc.constantFrom('edit', 'edit', 'edit', 'delete', 'rename'),
      to: fc.constantFrom('api/a.ts', 'api/b.ts', 'web/c.ts', 'web/gen.min.js'),
      hunks: fc.array(fc.record({ gap: fc.nat(3), remove: fc.nat(3), add: fc.nat(3) }), { minLength: 1, maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 2 },
  ),
});

test('property: the ledger matches a per-line model, and per level added = surviving + replaced', () => {
  fc.assert(
    fc.property(fc.array(stepArb, { minLength: 1, maxLength: 25 }), (steps) => {
      const ledger = new Ledger(settings);
      const model = new Map<string, Line[]>();
      const times: number[] = [];
      const fixes: boolean[] = [];
      // Expected counters per "commit|service".
      const added = new Map<string, number>();
      const replaced = new Map<string, number>();
      const reworked = new Map<string, number>();
      const bump = (map: Map<string, number>, key: string, by = 1) => map.set(key, (map.get(key) ?? 0) + by);
      let time = 1_700_000_000;
      steps.forEach((step, c) => {
        time += step.days * DAY;
        times.push(time);
        fixes.push(step.fix);
        const files: FileDiff[] = [];
        const touched = new Set<string>();
        const remove = (line: Line) => {
          if (!line.counted) return;
          const key = `${line.commit}|${line.service}`;
          bump(replaced, key);
          if (time - times[line.commit] <= 14 * DAY) bump(reworked, key);
        };
        for (const op of step.ops) {
          if (touched.has(op.path) || touched.has(op.to)) continue;
          touched.add(op.path);
          const lines = model.get(op.path);
          if (op.kind === 'delete') {
            if (!lines) continue;
            lines.forEach(remove);
            model.delete(op.path);
            files.push({
              oldPath: op.path,
              newPath: null,
              binary: false,
              hunks: lines.length ? [{ oldStart: 1, oldCount: lines.length, newStart: 0, newCount: 0 }] : [],
            });
            continue;
          }
          const target = op.kind === 'rename' && lines && op.to !== op.path && !model.has(op.to) ? op.to : op.path;
          touched.add(target);
          const before = lines ?? [];
          const info = settings.pathInfo(target);
          const after: Line[] = [];
          const hunks: Hunk[] = [];
          let position = 0;
          for (const h of op.hunks) {
            const start = position + h.gap;
            if (start > before.length) break;
            const count = Math.min(h.remove, before.length - start);
            if (count === 0 && h.add === 0) continue;
            after.push(...before.slice(position, start));
            before.slice(start, start + count).forEach(remove);
            for (let i = 0; i < h.add; i++) after.push({ commit: c, service: info.service, counted: info.counted });
            if (info.counted && h.add) bump(added, `${c}|${info.service}`, h.add);
            // git's -U0 header: old start is the line before an insertion when nothing is removed
            hunks.push({ oldStart: count > 0 ? start + 1 : start, oldCount: count, newStart: 0, newCount: h.add });
            position = start + count;
          }
          after.push(...before.slice(position));
          let final = after;
          if (!info.counted) {
            // Lines moved into an ignored path leave the report.
            final = after.map((line) => {
              if (line.counted) remove(line);
              return { ...line, counted: false };
            });
          }
          if (!lines && hunks.length === 0) continue;
          if (target !== op.path) model.delete(op.path);
          model.set(target, final);
          files.push({ oldPath: lines ? op.path : null, newPath: target, binary: false, hunks });
        }
        const index = ledger.register(commitOf(c + 1, time, step.fix ? 'fix: it' : 'change', files), { level: step.level, source: 'declared' }, true);
        ledger.apply(index, files);
      });
      // Blame: every line's writer.
      for (const [path, lines] of model) {
        const blame = ledger.blame(path)!;
        assert.equal(
          blame,
          lines.map((line) => (line.counted ? commitOf(line.commit + 1, 0, '', []).commit : '')),
          path,
        );
      }
      // Counters.
      const { cells, commits } = ledger.state;
      for (let cell = 0; cell < cells.commit.length; cell++) {
        const key = `${cells.commit[cell]}|${ledger.state.services[cells.service[cell]]}`;
        assert.is(cells.added[cell], added.get(key) ?? 0, `added ${key}`);
        assert.is(cells.replaced[cell], replaced.get(key) ?? 0, `replaced ${key}`);
        assert.is(cells.reworked[cell], reworked.get(key) ?? 0, `reworked ${key}`);
      }
      assert.is(commits.id.length, steps.length);
      // Per level: added = surviving + replaced.
      const result = aggregate(ledger.state, ledger.surviving(), { levels: LEVELS, windowDays: 14, endTime: time, period: 'month', selected: () => true });
      for (const service of [...result.services, result.total]) {
        for (const level of [...LEVELS, 'unknown']) {
          const f = service.levels[level];
          assert.is(f.linesAdded, f.surviving + f.replaced, `${service.service}/${level}`);
        }
      }
    }),
    { numRuns: 200 },
  );
});

test.run();
