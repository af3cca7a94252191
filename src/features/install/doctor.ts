// `doctor`: checks what the capture hooks need, from the hook files git will run to the notes
// refspecs, and gives the fix for each problem.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { localConfigAll, remotes } from '../../git/config.ts';
import { gitPath, type Repo } from '../../git/repo.ts';
import { loadConfig } from '../config.ts';
import { addDevCommand, detectPackageManager, teammateInstallCommand } from './package-manager.ts';
import { CAPTURE_HOOKS, RUNNER, callsRunner } from './index.ts';
import { NOTES_REF, notesFetchRefspec } from '../../git/notes.ts';

export interface Finding {
  ok: boolean;
  what: string;
  fix?: string;
  /** A risk rather than a fault: printed, but doctor still exits 0. */
  warning?: boolean;
}

/** PATH as GUI git clients often start hooks with. */
const MINIMAL_PATH = '/usr/bin:/bin:/usr/sbin:/sbin';

/** PATH without the folders npx and npm scripts put first (their own node_modules/.bin). */
export function cleanPath(path: string): string {
  return path
    .split(':')
    .filter((dir) => dir && !/[\\/]_npx[\\/]/.test(dir) && !/[\\/]node_modules[\\/]\.bin$/.test(dir) && !/[\\/]npm-lifecycle[\\/]/.test(dir))
    .join(':');
}

/** The environment a hook gets from a shell: no npm_* variables, the given PATH. */
export function cleanShellEnv(path: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return { ...env, PATH: path };
}

/** What the runner finds, run as a hook runs it: `--where` prints node and the CLI, or what is missing. */
export function locateCli(runner: string, cwd: string, path: string): { found: boolean; what: string } {
  const result = spawnSync('sh', [runner, '--where'], { cwd, encoding: 'utf8', timeout: 5000, env: cleanShellEnv(path) });
  return { found: result.status === 0, what: result.stdout.trim() || `the runner exited ${result.status}` };
}

/** The runner as the hooks will find it from a clean shell (not npx's or npm's PATH). */
export function locateFromCleanShell(runner: string, cwd: string): { found: boolean; what: string } {
  return locateCli(runner, cwd, cleanPath(process.env.PATH ?? ''));
}

/** One line: how to make the CLI reachable from the hooks. */
export function cliFix(located: { what: string }, root: string): string {
  if (located.what.startsWith('node')) return 'install node, or set GIT_PROVENANCE_NODE to its path';
  const add = existsSync(join(root, 'package.json')) ? `add it to the devDependencies (\`${addDevCommand(detectPackageManager(root))}\`) or ` : '';
  return `${add}install it for your user (\`npm install -g git-provenance\`)`;
}

function executable(path: string): boolean {
  try {
    return (statSync(path).mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

export async function diagnose(repo: Repo): Promise<Finding[]> {
  const findings: Finding[] = [];
  const top = repo.topLevel;
  if (!top) return [{ ok: false, what: 'this is a bare repository: commit hooks never run here', fix: 'run doctor in a clone with a work tree' }];
  const hooksDir = gitPath(repo, 'hooks');
  const husky = /[\\/]\.husky[\\/]_\/?$/.test(hooksDir);
  // husky's wrappers in .husky/_ run the files of the folder above them.
  const filesDir = husky ? dirname(hooksDir.replace(/[/]$/, '')) : hooksDir;
  const reinstall = 'run `git-provenance install`';

  if (husky && !existsSync(join(hooksDir, 'h'))) {
    const manager = detectPackageManager(top);
    findings.push({
      ok: false,
      what: `core.hooksPath is .husky/_ but husky's wrappers are missing (a new clone or worktree before ${teammateInstallCommand(manager)})`,
      fix: `run \`${teammateInstallCommand(manager)}\` (its ${manager.setupScript} script runs husky)`,
    });
  }
  const runner = join(filesDir, RUNNER);
  if (!existsSync(runner)) findings.push({ ok: false, what: `${runner} is missing`, fix: reinstall });
  for (const name of CAPTURE_HOOKS) {
    const file = join(filesDir, name);
    if (!existsSync(file)) {
      findings.push({ ok: false, what: `hook ${name}: ${file} does not exist, so git will not record at ${name}`, fix: reinstall });
      continue;
    }
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const call = lines.findIndex((line) => callsRunner(line, name));
    const exitBefore = call < 0 ? -1 : lines.slice(0, call).findIndex((line) => /^\s*(exit|exec)\b/.test(line));
    if (call < 0) findings.push({ ok: false, what: `hook ${name}: ${file} does not call git-provenance`, fix: reinstall });
    else if (exitBefore >= 0)
      findings.push({
        ok: false,
        what: `hook ${name}: ${file} never reaches the git-provenance line (line ${exitBefore + 1} is \`${lines[exitBefore].trim()}\`)`,
        fix: `${reinstall} again: it puts the line on top and runs the file's own commands first`,
      });
    else if (!husky && !executable(file)) findings.push({ ok: false, what: `hook ${name}: ${file} is not executable (git skips it)`, fix: `chmod +x ${file}` });
    else findings.push({ ok: true, what: `hook ${name} is installed (${file})` });
  }
  if (husky && process.env.HUSKY === '0')
    findings.push({ ok: false, what: 'HUSKY=0 is set in this shell: husky runs no hook, so commits made from it are not recorded', fix: 'unset HUSKY' });
  if (existsSync(runner)) {
    const locate = (path: string) => locateCli(runner, top, path);
    const clean = locate(cleanPath(process.env.PATH ?? ''));
    if (clean.found) findings.push({ ok: true, what: `the hooks find node and git-provenance: ${clean.what}` });
    else findings.push({ ok: false, what: `the hooks cannot run from a clean shell: ${clean.what}; commits are not recorded`, fix: cliFix(clean, top) });
    if (clean.found && !locate(MINIMAL_PATH).found) {
      findings.push({
        ok: false,
        warning: true,
        what: `with a GUI client's minimal PATH (${MINIMAL_PATH}) the hooks cannot find node or git-provenance; commits from such clients go unrecorded`,
        fix: 'add git-provenance to devDependencies, or set GIT_PROVENANCE_NODE and GIT_PROVENANCE_BIN where GUI clients start',
      });
    }
  }
  const rewriteRefs = localConfigAll(repo, 'notes.rewriteRef');
  if (!rewriteRefs.includes(NOTES_REF))
    findings.push({
      ok: false,
      what: 'notes.rewriteRef does not include refs/notes/provenance: amend and rebase lose notes',
      fix: `git config --add notes.rewriteRef ${NOTES_REF}`,
    });
  for (const key of ['notes.rewrite.amend', 'notes.rewrite.rebase']) {
    const values = localConfigAll(repo, key);
    if (values.length && values[values.length - 1] !== 'true')
      findings.push({ ok: false, what: `${key} is ${values[values.length - 1]}`, fix: `git config ${key} true` });
  }
  for (const remote of remotes(repo)) {
    const fetch = localConfigAll(repo, `remote.${remote}.fetch`);
    if (!fetch.includes(notesFetchRefspec(remote)))
      findings.push({
        ok: false,
        what: `remote ${remote}: git fetch does not bring its provenance notes`,
        fix: `git config --add remote.${remote}.fetch '${notesFetchRefspec(remote)}'`,
      });
    if (fetch.some((spec) => /^\+?refs\/notes\/[^:]*:refs\/notes\/provenance$/.test(spec) || spec.replace(/^\+/, '') === `${NOTES_REF}:${NOTES_REF}`)) {
      findings.push({
        ok: false,
        what: `remote ${remote}: a fetch refspec writes straight over the local notes (a forced fetch deletes notes not yet pushed)`,
        fix: `git config --unset remote.${remote}.fetch '^\\+?refs/notes/provenance:refs/notes/provenance$'`,
      });
    }
    const push = localConfigAll(repo, `remote.${remote}.push`);
    if (push.some((spec) => spec.includes('refs/notes/'))) {
      findings.push({
        ok: false,
        what: `remote ${remote}: a remote.${remote}.push entry for notes changes what a plain \`git push\` pushes`,
        fix: `git config --unset-all remote.${remote}.push (the pre-push hook pushes the notes)`,
      });
    }
  }
  try {
    const { file } = await loadConfig(repo);
    findings.push({ ok: true, what: file ? `${file} is valid` : 'no .provenance.yml: the defaults are in force' });
  } catch (error) {
    findings.push({ ok: false, what: (error as Error).message, fix: 'fix .provenance.yml (see `git-provenance config`)' });
  }
  const legacyDir = join(repo.commonDir, 'hooks');
  if (!isAbsolute(hooksDir) || hooksDir !== legacyDir) {
    for (const name of ['pre-commit', 'pre-merge-commit', 'post-checkout', 'post-merge']) {
      const legacy = join(legacyDir, name);
      if (executable(legacy) && !existsSync(join(filesDir, name))) {
        findings.push({
          ok: false,
          what: `.git/hooks/${name} no longer runs (core.hooksPath points elsewhere)`,
          fix: `run \`git-provenance install\` again: it adds a ${name} file that calls it`,
        });
      }
    }
  }
  return findings;
}
