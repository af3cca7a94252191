// The real interactive prompt, driven through a pseudo-terminal (`script`), as a developer at a
// terminal sees it: arrow keys, typing, Enter, and Ctrl-C.

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { CHILD_TIMEOUT_MS, cleanupTempDirs, type TempRepo } from '../helpers/repo.ts';
import { installedRepo, note, stageFile, trailers } from './helpers.ts';

test.after.each(() => cleanupTempDirs());

interface Session {
  /** Resolves when the terminal has shown text matching the pattern since the last wait. */
  waitFor(pattern: RegExp): Promise<void>;
  type(keys: string): void;
  done: Promise<{ status: number | null; output: string }>;
}

function gitInTerminal(repo: TempRepo, command: string): Session {
  const child = spawn('script', ['-q', '-f', '-e', '-c', command, '/dev/null'], {
    cwd: repo.dir,
    env: { ...repo.env, TERM: 'xterm-256color', COLUMNS: '120', LINES: '40' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
  let output = '';
  let seen = 0;
  let waiter: { pattern: RegExp; resolve: () => void } | undefined;
  const check = () => {
    if (!waiter) return;
    const fresh = output.slice(seen).replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
    if (waiter.pattern.test(fresh)) {
      seen = output.length;
      const { resolve } = waiter;
      waiter = undefined;
      resolve();
    }
  };
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    check();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const done = new Promise<{ status: number | null; output: string }>((resolve) => {
    child.on('close', (status) => {
      clearTimeout(killer);
      resolve({ status, output });
    });
  });
  return {
    waitFor: (pattern) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the terminal never showed ${pattern}; it showed:\n${output}`)), 15_000);
        waiter = {
          pattern,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        };
        check();
      }),
    type: (keys) => child.stdin.write(keys),
    done,
  };
}

const DOWN = '\u001b[B';

test('typing at the real prompt records the chosen level, explanation and tool', async () => {
  const repo = installedRepo();
  stageFile(repo, 'a.txt', 'a\n');
  const session = gitInTerminal(repo, 'git commit -q -m "Add a"');
  await session.waitFor(/AI assistance in this commit\?/);
  session.type(DOWN);
  await session.waitFor(/assisted/);
  session.type('\r');
  await session.waitFor(/how does this change fit the design\?/);
  session.type('Moves the retry into the client, where the design keeps I/O');
  session.type('\r');
  await session.waitFor(/Tool\[:model\]/);
  session.type('claude-code:claude-opus-4-7\r');
  const { status, output } = await session.done;
  assert.is(status, 0, output);
  assert.equal(trailers(repo), {
    'AI-Assistance': 'assisted',
    'AI-Explanation': 'Moves the retry into the client, where the design keeps I/O',
    'Assisted-by': 'claude-code:claude-opus-4-7',
  });
  assert.is(note(repo)?.level, 'assisted');
});

test('the prompt refuses a too-short explanation until it is long enough', async () => {
  const repo = installedRepo();
  stageFile(repo, 'a.txt', 'a\n');
  const session = gitInTerminal(repo, 'git commit -q -m "Add a"');
  await session.waitFor(/AI assistance in this commit\?/);
  session.type(`${DOWN}${DOWN}`);
  await session.waitFor(/generated/);
  session.type('\r');
  await session.waitFor(/how does this change fit the design\?/);
  session.type('short\r');
  await session.waitFor(/at least 20 characters/);
  session.type(' but now long enough to explain it\r');
  await session.waitFor(/Tool\[:model\]/);
  session.type('\r');
  const { status, output } = await session.done;
  assert.is(status, 0, output);
  assert.is(trailers(repo)['AI-Explanation'], 'short but now long enough to explain it');
  assert.is(trailers(repo)['Assisted-by'], undefined);
});

test('an editor that drops the trailer lines does not lose the answer typed at the prompt', async () => {
  const repo = installedRepo();
  stageFile(repo, 'a.txt', 'a\n');
  // The "editor" keeps the subject and deletes every AI-* line.
  repo.env.GIT_EDITOR = `sed -i '/^AI-/d'`;
  const session = gitInTerminal(repo, 'git commit -q -e -m "Add a"');
  await session.waitFor(/AI assistance in this commit\?/);
  session.type(DOWN);
  await session.waitFor(/assisted/);
  session.type('\r');
  await session.waitFor(/how does this change fit the design\?/);
  session.type('Moves the retry into the client, where the design keeps I/O\r');
  await session.waitFor(/Tool\[:model\]/);
  session.type('\r');
  const { status, output } = await session.done;
  assert.is(status, 0, output);
  assert.match(output, /the AI-Assistance trailers you answered at the prompt were missing from the message .*: added back/);
  assert.is(trailers(repo)['AI-Assistance'], 'assisted');
  assert.is(trailers(repo)['AI-Explanation'], 'Moves the retry into the client, where the design keeps I/O');
  assert.is(note(repo)?.level, 'assisted');
});

test('the prompt offers only the levels the staged zones allow', async () => {
  const repo = installedRepo();
  repo.write('.provenance.yml', 'zones:\n  - name: payments\n    paths: ["libs/payments/**"]\n    allow: [none, assisted]\n');
  stageFile(repo, 'libs/payments/charge.ts', 'export const charge = 1;\n');
  const session = gitInTerminal(repo, 'git commit -q -m "Charge"');
  await session.waitFor(/AI assistance in this commit\? \(the staged zones allow none, assisted\)/);
  session.type(`${DOWN}${DOWN}`);
  session.type('\u0003');
  const { output } = await session.done;
  assert.not.match(output.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, ''), /generated/, 'generated is not offered');
});

test('Ctrl-C at the prompt aborts the commit cleanly', async () => {
  const repo = installedRepo();
  stageFile(repo, 'a.txt', 'a\n');
  const session = gitInTerminal(repo, 'git commit -q -m "Add a"');
  await session.waitFor(/AI assistance in this commit\?/);
  session.type('\u0003');
  const { status, output } = await session.done;
  assert.is.not(status, 0);
  assert.match(output, /commit aborted at the prompt/);
  assert.is(repo.gitResult(['rev-parse', '--verify', '-q', 'HEAD']).status, 1, 'nothing was committed');
  assert.equal(repo.git('diff', '--cached', '--name-only').trim(), 'a.txt', 'the staged change is still staged');
});

test.run();
