// `install --agents` / `uninstall --agents`: the agents' own settings files are merged, never
// replaced; a second run changes nothing; only our entries are removed; nothing is written
// through a link out of the repository or over a file that is not JSON.

import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanupTempDirs, tempDir, TempRepo } from '../helpers/repo.ts';
import { captureEnv } from './helpers.ts';

function repoWithSettings(): TempRepo {
  const repo = new TempRepo();
  captureEnv(repo);
  repo.write(
    '.claude/settings.json',
    `${JSON.stringify(
      {
        permissions: { allow: ['Bash(npm test)'] },
        hooks: {
          PostToolUse: [{ matcher: 'Edit', hooks: [{ type: 'command', command: 'npx prettier --write "$FILE"' }] }],
          Stop: [{ hooks: [{ type: 'command', command: 'say done' }] }],
        },
      },
      null,
      4,
    )}\n`,
  );
  return repo;
}

const read = (repo: TempRepo, path: string) => JSON.parse(readFileSync(join(repo.dir, path), 'utf8'));

test('install --agents merges into Claude Code settings and creates Cursor hooks, keeping everything else, once', () => {
  const repo = repoWithSettings();
  const result = repo.cli(['install', '--agents']);
  assert.is(result.status, 0, result.stderr);
  const claude = read(repo, '.claude/settings.json');
  assert.equal(claude.permissions, { allow: ['Bash(npm test)'] });
  assert.equal(claude.hooks.Stop, [{ hooks: [{ type: 'command', command: 'say done' }] }]);
  assert.is(claude.hooks.PostToolUse.length, 2, 'the existing PostToolUse hook stays');
  assert.is(claude.hooks.PostToolUse[0].hooks[0].command, 'npx prettier --write "$FILE"');
  for (const event of ['PreToolUse', 'PostToolUse']) {
    const ours = claude.hooks[event].at(-1);
    assert.is(ours.matcher, 'Write|Edit|MultiEdit|NotebookEdit');
    assert.match(ours.hooks[0].command, /git-provenance checkpoint/);
  }
  assert.match(readFileSync(join(repo.dir, '.claude/settings.json'), 'utf8'), /^ {4}"permissions"/m, 'the file keeps its indentation');
  assert.not.ok(existsSync(join(repo.dir, '.cursor')), 'no value: only the agents the project has a folder for');
  assert.is(repo.cli(['install', '--agents', 'claude-code,cursor']).status, 0);
  const cursor = read(repo, '.cursor/hooks.json');
  assert.is(cursor.version, 1);
  assert.match(cursor.hooks.afterFileEdit[0].command, /git-provenance checkpoint/);
  assert.ok(existsSync(join(repo.dir, '.git/provenance/checkpoints')));
  // The git hooks are installed too: they turn the checkpoints into line ranges at commit.
  assert.match(repo.git('config', 'core.hooksPath'), /\S/);

  const before = readFileSync(join(repo.dir, '.claude/settings.json'), 'utf8');
  const again = repo.cli(['install', '--agents', 'claude-code,cursor']);
  assert.is(again.status, 0, again.stderr);
  assert.match(again.stdout, /install --agents: nothing to change/);
  assert.is(readFileSync(join(repo.dir, '.claude/settings.json'), 'utf8'), before, 'a second run changes nothing');
});

test('uninstall --agents removes only our entries', () => {
  const repo = repoWithSettings();
  assert.is(repo.cli(['install', '--agents', 'claude-code,gemini']).status, 0);
  assert.ok(existsSync(join(repo.dir, '.gemini/settings.json')));
  assert.not.ok(existsSync(join(repo.dir, '.cursor/hooks.json')), 'only the agents asked for');
  const result = repo.cli(['uninstall', '--agents']);
  assert.is(result.status, 0, result.stderr);
  const claude = read(repo, '.claude/settings.json');
  assert.equal(claude.hooks, {
    PostToolUse: [{ matcher: 'Edit', hooks: [{ type: 'command', command: 'npx prettier --write "$FILE"' }] }],
    Stop: [{ hooks: [{ type: 'command', command: 'say done' }] }],
  });
  assert.equal(read(repo, '.gemini/settings.json'), {});
  assert.match(repo.cli(['uninstall', '--agents']).stdout, /nothing to remove/);
});

test('a settings file that is not JSON, a link out of the repository, an unknown agent: refused, nothing written', () => {
  const repo = new TempRepo();
  captureEnv(repo);
  repo.write('.claude/settings.json', '{ "hooks": { // a comment\n');
  const broken = repo.cli(['install', '--agents', 'claude-code']);
  assert.is(broken.status, 2);
  assert.match(broken.stderr, /\.claude\/settings\.json.*not valid JSON/);
  assert.is(readFileSync(join(repo.dir, '.claude/settings.json'), 'utf8'), '{ "hooks": { // a comment\n');

  const outside = tempDir('gp-outside-');
  mkdirSync(join(outside, 'cursor'));
  writeFileSync(join(outside, 'cursor', 'hooks.json'), '{}\n');
  symlinkSync(join(outside, 'cursor'), join(repo.dir, '.cursor'));
  const linked = repo.cli(['install', '--agents', 'cursor']);
  assert.is(linked.status, 2);
  assert.match(linked.stderr, /leads out of the repository/);
  assert.is(readFileSync(join(outside, 'cursor', 'hooks.json'), 'utf8'), '{}\n');

  const unknown = repo.cli(['install', '--agents', 'vim']);
  assert.is(unknown.status, 2);
  assert.match(unknown.stderr, /unknown agent "vim"/);
});

test.after(cleanupTempDirs);
test.run();
