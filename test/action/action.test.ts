// The GitHub Action's script against a fake pull_request event and a stub GitHub REST API on
// 127.0.0.1: annotations for the violations, the dashboard, rows and summary written for upload,
// and ONE comment: posted on the first run, updated (found by its hidden marker) on the second.

import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanupTempDirs, CHILD_TIMEOUT_MS, ROOT, tempDir, TempRepo } from '../helpers/repo.ts';

const CONFIG = `services:
  api: ["api/**"]
zones:
  - name: human-only
    paths: ["api/auth/**"]
    allow: [none]
budgets:
  - service: api
    maxAiShare: 0.5
    windowDays: 30
`;

interface Call {
  method: string;
  url: string;
  authorization?: string;
  body?: any;
}

let repo: TempRepo;
let server: Server;
let api: string;
const calls: Call[] = [];
const comments: { id: number; body: string }[] = [{ id: 7, body: 'an unrelated comment' }];
let event: string;
let output: string;
let base: string;
let head: string;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => resolve(text));
  });
}

test.before(async () => {
  repo = new TempRepo();
  base = repo.commit('config\n\nAI-Assistance: none', { '.provenance.yml': CONFIG, 'api/a.ts': 'a\nb\n' });
  repo.commit('Generated helpers\n\nAI-Assistance: generated\nAI-Explanation: helpers drafted by the assistant and reviewed', {
    'api/h.ts': 'h1\nh2\nh3\nh4\n',
  });
  head = repo.commit('Touch auth\n\nAI-Assistance: assisted', { 'api/auth/login.ts': 'x\ny\n', 'api/auth/@team|<b>odd.ts': 'z\n' });
  const folder = tempDir('gp-action-');
  event = join(folder, 'event.json');
  writeFileSync(
    event,
    JSON.stringify({ action: 'synchronize', number: 42, pull_request: { number: 42, base: { sha: base, ref: 'main' }, head: { sha: head, ref: 'feature' } } }),
  );
  output = join(folder, 'out');
  mkdirSync(output);
  server = createServer(async (request, response) => {
    const text = await readBody(request);
    const call: Call = { method: request.method!, url: request.url!, authorization: request.headers.authorization, body: text ? JSON.parse(text) : undefined };
    calls.push(call);
    response.setHeader('content-type', 'application/json');
    const url = new URL(request.url!, 'http://stub');
    if (request.method === 'GET' && url.pathname === '/repos/acme/shop/issues/42/comments') {
      response.end(JSON.stringify(url.searchParams.get('page') === '1' ? comments : []));
    } else if (request.method === 'POST' && url.pathname === '/repos/acme/shop/issues/42/comments') {
      const created = { id: 1001, body: call.body.body };
      comments.push(created);
      response.statusCode = 201;
      response.end(JSON.stringify(created));
    } else if (request.method === 'PATCH' && url.pathname.startsWith('/repos/acme/shop/issues/comments/')) {
      const id = Number(url.pathname.split('/').pop());
      const comment = comments.find((entry) => entry.id === id);
      if (!comment) {
        response.statusCode = 404;
        response.end('{}');
        return;
      }
      comment.body = call.body.body;
      response.end(JSON.stringify(comment));
    } else {
      response.statusCode = 404;
      response.end('{"message":"Not Found"}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.after(async () => {
  await new Promise((resolve) => server.close(resolve));
  cleanupTempDirs();
});

/** Runs dist/action.js as the workflow step does (async: the stub server lives in this process). */
function runAction(): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'action.js')], {
      cwd: repo.dir,
      env: {
        ...repo.env,
        GITHUB_EVENT_PATH: event,
        GITHUB_WORKSPACE: repo.dir,
        GITHUB_REPOSITORY: 'acme/shop',
        GITHUB_API_URL: api,
        GITHUB_SERVER_URL: 'https://github.example',
        GITHUB_RUN_ID: '99',
        GITHUB_TOKEN: 'test-token',
        GIT_PROVENANCE_OUTPUT: output,
        GITHUB_STEP_SUMMARY: join(output, 'step-summary.md'),
        GITHUB_OUTPUT: join(output, 'github-output'),
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS * 2);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ status: code ?? 1, stdout, stderr });
    });
  });
}

test('first run: annotations, files for upload, and one new comment with the summary', async () => {
  const result = await runAction();
  assert.is(result.status, 1, `a zone violation fails the step: ${result.stderr}`);
  assert.match(result.stdout, /^::error file=api\/auth\/login\.ts,title=level not allowed in zone human-only/m);
  for (const file of ['report.html', 'rows.ndjson', 'summary.md']) assert.ok(existsSync(join(output, file)), file);
  assert.match(readFileSync(join(output, 'github-output'), 'utf8'), new RegExp(`^dir=${output.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));

  const posts = calls.filter((call) => call.method === 'POST');
  assert.is(posts.length, 1);
  assert.is(posts[0].authorization, 'Bearer test-token');
  const body: string = posts[0].body.body;
  assert.ok(body.startsWith('<!-- git-provenance:summary -->'));
  assert.match(body, /\*\*AI share\*\* of the lines added: \*\*100\.0%\*\*/);
  // Two commits after the base: generated (4 lines) and assisted (3 lines).
  assert.match(body, /2 commits · 7 lines/);
  // Both auth files, and the api budget (7 AI lines of 9 over 30 days, cap 50%).
  assert.match(body, /\*\*Zone violations:\*\* 3 ❌/);
  assert.is(result.stdout.match(/^::error /gm)!.length, 3);
  assert.ok(body.includes('| api/auth/@\u200bteam\\|\\<b\\>odd.ts | human-only |'), 'the hostile path is escaped');
  assert.match(body, /\| api \| 77\.8% ❌ \| 50\.0% \|/);
  assert.match(body, /1 of 2 AI commits carry an explanation \(50\.0%\)/);
  assert.match(body, /\[the workflow run\]\(https:\/\/github\.example\/acme\/shop\/actions\/runs\/99\)/);
  // Repository text cannot mention anyone nor break the table.
  assert.not.match(body, /@team/);
  assert.not.match(body, /<b>/);
  assert.is(readFileSync(join(output, 'step-summary.md'), 'utf8'), body);
  assert.match(result.stdout, /created the pull request comment 1001/);
});

test('second run: the same comment is found by its marker and updated, none is added', async () => {
  calls.length = 0;
  const result = await runAction();
  assert.is(result.status, 1, result.stderr);
  assert.is(calls.filter((call) => call.method === 'POST').length, 0);
  const patches = calls.filter((call) => call.method === 'PATCH');
  assert.is(patches.length, 1);
  assert.is(patches[0].url, '/repos/acme/shop/issues/comments/1001');
  assert.is(comments.length, 2);
  assert.ok(comments[1].body.includes('<!-- git-provenance:summary -->'));
  assert.match(result.stdout, /updated the pull request comment 1001/);
});

test("the API refusing (a fork's read-only token) is a warning, not a failure of the check", async () => {
  const saved = api;
  api = 'http://127.0.0.1:9/nothing';
  try {
    const result = await runAction();
    assert.is(result.status, 1);
    assert.match(result.stdout, /^::warning::git-provenance could not post the pull request comment/m);
  } finally {
    api = saved;
  }
});

test('action.yml checks out full history, runs the script and uploads the folder', () => {
  const action = readFileSync(join(ROOT, 'action.yml'), 'utf8');
  assert.match(action, /using: composite/);
  assert.match(action, /fetch-depth: 0/);
  assert.match(action, /dist\/action\.js/);
  assert.match(action, /actions\/upload-artifact@v4/);
  assert.match(action, /steps\.provenance\.outputs\.dir/);
});

test.run();
