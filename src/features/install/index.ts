// `install`, `uninstall` and `doctor`. Install wires the capture hooks so that every teammate
// gets them: through husky in a repository with package.json at its root (npm install runs the
// `prepare` script), through a committed folder and core.hooksPath anywhere else. Hooks that
// exist are chained, never overwritten; what install changed is remembered in local git config
// (provenance.install.state) so uninstall can put the repository back as it was.

import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, realpathSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { UsageError } from '../../model/errors.ts';
import { printablePath } from '../../model/safe-text.ts';
import {
  addLocalConfig,
  configValue,
  localConfigAll,
  localConfigGet,
  remotes,
  removeSectionIfEmpty,
  setLocalConfig,
  unsetLocalConfig,
  unsetLocalConfigValue,
} from '../../git/config.ts';
import type { Repo } from '../../git/repo.ts';
import { NOTES_REF, notesFetchRefspec } from '../../git/notes.ts';
import {
  addDevCommand,
  addDevDependencies,
  detectPackageManager,
  lockfileLists,
  managerAvailable,
  removeDevCommand,
  removeDevDependencies,
  teammateInstallCommand,
  type DetectedManager,
} from './package-manager.ts';

/** package.json as it was before install, kept in .git for uninstall. */
function originalPackageJsonPath(repo: Repo): string {
  return join(repo.commonDir, 'provenance', 'package.json.before-install');
}

export const CAPTURE_HOOKS = ['prepare-commit-msg', 'commit-msg', 'post-commit', 'post-rewrite', 'pre-push'] as const;
/**
 * Other client hooks every install wires (the same list whatever this clone has), so that hooks
 * from .git/hooks and a global core.hooksPath keep running once core.hooksPath points at the
 * committed folder, and the committed files never depend on one person's hooks.
 */
export const CHAINED_HOOKS = ['pre-commit', 'pre-merge-commit', 'pre-rebase', 'post-checkout', 'post-merge'] as const;
export const RUNNER = 'git-provenance.sh';
const STATE_KEY = 'provenance.install.state';
const DEFAULT_HOOKS_DIR = '.githooks';
const HUSKY_DIR = '.husky';
const HUSKY_RANGE = '^9.1.7';
/** The set-up step install adds to `prepare` (`postinstall` for Yarn 2+): a clone's install then wires husky and the notes config. */
export const PREPARE_STEP = 'git-provenance install --prepare';
const COMMENT = '# git-provenance: records AI assistance (docs/CAPTURE.md); `git-provenance uninstall` removes it.';

export type InstallMode = 'husky' | 'hooks-path';

/** The parts of a package.json that install and uninstall change; every other key is kept as read. */
interface PackageJson {
  name?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  [key: string]: unknown;
}

/**
 * The line of a hook file install writes; it sources the runner that sits beside the hook files
 * (one shell per hook, not two: process starts are most of what the hooks cost). The runner
 * always exits; `"$@"` after it gives shells whose `.` takes arguments the same ones.
 */
export function hookLine(name: string): string {
  return `set -- ${name} "$@"; . "\${0%/*}/${RUNNER}" "$@"`;
}

/** Whether a hook file's line calls the runner for this hook: the current line or an earlier version's. */
export function callsRunner(line: string, name: string): boolean {
  return line.includes(`/${RUNNER}"`) && (line.includes(`set -- ${name} "$@"`) || line.includes(`/${RUNNER}" ${name} `));
}

/**
 * The line install puts at the top of a hook file that has commands of its own. The runner runs
 * the file again as a separate process (with GIT_PROVENANCE_CHAINED set, so this line passes),
 * then does its own work: an `exit 0` or `exec` in the user's commands cannot skip ours.
 */
export function chainedHookLine(name: string): string {
  return `[ -n "\${GIT_PROVENANCE_CHAINED-}" ] || { ${hookLine(name)}; }`;
}

/** A hook file's text with our lines put right after its first line (a `#!` line) or on top. */
function withChainedLine(text: string, name: string): string {
  const ours = `${COMMENT}\n${chainedHookLine(name)}\n`;
  if (!text.startsWith('#!')) return `${ours}${text}`;
  const end = text.indexOf('\n');
  return end < 0 ? `${text}\n${ours}` : `${text.slice(0, end + 1)}${ours}${text.slice(end + 1)}`;
}

interface ConfigChange {
  key: string;
  value: string;
  /** set: one value replaced; add: one more value of a multi-valued key. */
  how: 'set' | 'add';
  previous: string[];
}

export interface InstallState {
  mode: InstallMode;
  hooksDir: string;
  createdFiles: string[];
  appendedFiles: string[];
  createdDirs: string[];
  config: ConfigChange[];
  packageJson?: {
    addedDevDependencies: string[];
    createdDevDependencies: boolean;
    /** The script's value before install (null: there was none). */
    previousPrepare: string | null;
    /** Which script install set (absent: `prepare`, as every install did before Yarn 2 support). */
    script?: 'postinstall';
    createdScripts: boolean;
    writtenText?: string;
  };
}

export interface Change {
  describe: string;
  apply(): void;
  /** Files and folders the change writes or removes (absolute). */
  paths?: string[];
}

/**
 * Refuses a plan that would write or remove through a symbolic link leading out of the
 * repository (a committed `.githooks/commit-msg` → `~/.bashrc`): every path, or its deepest
 * existing folder, must resolve inside the work tree or the git folder.
 */
function refuseLinksOutside(repo: Repo, top: string, changes: readonly Change[]): void {
  const roots = [top, repo.commonDir, repo.gitDir].map((root) => realpathSync(root));
  const inside = (real: string) => roots.some((root) => real === root || real.startsWith(root.endsWith(sep) ? root : `${root}${sep}`));
  for (const change of changes) {
    for (const path of change.paths ?? []) {
      let probe = path;
      for (;;) {
        try {
          lstatSync(probe);
        } catch {
          const parent = dirname(probe);
          if (parent === probe) break;
          probe = parent;
          continue;
        }
        let real: string | undefined;
        try {
          real = realpathSync(probe);
        } catch {
          real = undefined; // a dangling link: where it would write is not known
        }
        if (real === undefined || !inside(real)) {
          const shown = relative(top, path) || path;
          const link = probe === path ? 'is a symbolic link' : `is under ${relative(top, probe) || probe}, a symbolic link`;
          throw new UsageError(
            `${printablePath(shown)} ${link} leading out of the repository${real ? ` (to ${printablePath(real)})` : ' (to a missing file)'}; nothing was changed`,
            `replace the link with a regular file or folder inside the repository, then run the command again`,
          );
        }
        break;
      }
    }
  }
}

/** Prints a list of changes under a heading, then applies them unless it is a dry run. */
export function applyChanges(heading: string, changes: readonly Change[], dryRun: boolean): void {
  if (!changes.length) {
    process.stdout.write(`${heading}: nothing to change\n`);
    return;
  }
  process.stdout.write(`${heading}: ${dryRun ? 'dry run, nothing is changed' : 'changes'}\n`);
  for (const change of changes) process.stdout.write(`  ${dryRun ? 'would: ' : ''}${change.describe}\n`);
  if (dryRun) return;
  for (const change of changes) change.apply();
}

/** Our package's folder: dist/ in the bundle, src/features/install/ under tsx. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'hooks', RUNNER)) && existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the hooks/ folder of the git-provenance package');
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

function runnerText(): string {
  return readFileSync(join(packageRoot(), 'hooks', RUNNER), 'utf8');
}

/** Whether a hook file's text runs anything (beyond its `#!` line, comments and blank lines). */
export function hasCommands(text: string): boolean {
  return text.split('\n').some((line, index) => !(index === 0 && line.startsWith('#!')) && line.trim() !== '' && !line.trim().startsWith('#'));
}

function shimText(name: string): string {
  return `#!/bin/sh\n${COMMENT}\n${hookLine(name)}\n`;
}

function readState(repo: Repo): InstallState | undefined {
  const text = localConfigGet(repo, STATE_KEY);
  if (!text) return undefined;
  try {
    return JSON.parse(text) as InstallState;
  } catch {
    return undefined;
  }
}

function topLevel(repo: Repo): string {
  if (!repo.topLevel) throw new UsageError('hooks cannot be installed in a bare repository', 'run it in a clone with a work tree');
  return repo.topLevel;
}

function isExecutableFile(path: string): boolean {
  try {
    const stat = statSync(path);
    return stat.isFile() && (stat.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/** The hooks in a folder (.git/hooks, a global hooks folder): executable files named like a hook. */
function legacyHooks(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => !name.endsWith('.sample') && /^[a-z-]+$/.test(name) && isExecutableFile(join(dir, name)));
}

interface Plan {
  mode: InstallMode;
  hooksDir: string;
  changes: Change[];
  notices: string[];
  /** husky mode: the repository's package manager. */
  manager?: DetectedManager;
}

export interface InstallOptions {
  mode?: InstallMode;
  /** false: never touch package.json (--no-package-json). */
  packageJson?: boolean;
  /** The package manager's `prepare` step in a clone: hooks and notes config only, no file written. */
  prepare?: boolean;
}

function detectIndent(text: string): string {
  return /^([ \t]+)"/m.exec(text)?.[1] ?? '  ';
}

export async function planInstall(repo: Repo, options: InstallOptions = {}): Promise<{ plan: Plan; commit: () => Promise<void> }> {
  const top = topLevel(repo);
  const previousState = readState(repo);
  const state: InstallState = previousState ?? {
    mode: 'hooks-path',
    hooksDir: DEFAULT_HOOKS_DIR,
    createdFiles: [],
    appendedFiles: [],
    createdDirs: [],
    config: [],
  };
  const packageFile = join(top, 'package.json');
  const mode: InstallMode = options.mode ?? previousState?.mode ?? (existsSync(packageFile) ? 'husky' : 'hooks-path');
  if (mode === 'husky' && !existsSync(packageFile))
    throw new UsageError(
      '--mode husky needs a package.json at the root of the repository',
      'use --mode hooks-path, or create package.json first (npm init -y)',
    );
  const changes: Change[] = [];
  const notices: string[] = [];
  const plan: Plan = { mode, hooksDir: '', changes, notices };
  const currentHooksPath = localConfigGet(repo, 'core.hooksPath');
  const effectiveHooksPath = configValue(repo, 'core.hooksPath');

  let hooksDir: string;
  let hooksPathToSet: string | undefined;
  if (mode === 'husky') {
    hooksDir = HUSKY_DIR;
  } else if (effectiveHooksPath && effectiveHooksPath !== currentHooksPath && !currentHooksPath) {
    // A global core.hooksPath: the local one hides it, so the runner calls its hooks.
    hooksDir = DEFAULT_HOOKS_DIR;
    hooksPathToSet = DEFAULT_HOOKS_DIR;
  } else if (currentHooksPath && currentHooksPath !== DEFAULT_HOOKS_DIR) {
    const absolute = resolve(top, currentHooksPath);
    const inside = relative(top, absolute);
    if (inside.startsWith('..') || isAbsolute(inside)) {
      throw new UsageError(
        `core.hooksPath is ${currentHooksPath}, outside this repository, so teammates would not get the hooks`,
        `add \`${hookLine('<hook>')}\` lines there by hand, or \`git config --unset core.hooksPath\` and install again`,
      );
    }
    if (/(^|\/)_\/?$/.test(inside) && existsSync(join(absolute, 'h'))) {
      throw new UsageError(
        `core.hooksPath is ${currentHooksPath}, husky's folder, but there is no package.json at the root`,
        'run install with --mode hooks-path after `git config --unset core.hooksPath`, or from the package that owns .husky',
      );
    }
    hooksDir = inside || '.';
  } else {
    hooksDir = DEFAULT_HOOKS_DIR;
    if (currentHooksPath !== DEFAULT_HOOKS_DIR) hooksPathToSet = DEFAULT_HOOKS_DIR;
  }
  state.mode = mode;
  state.hooksDir = hooksDir;
  plan.hooksDir = hooksDir;
  const absoluteHooksDir = join(top, hooksDir);

  // --- hook files ---------------------------------------------------------------------------
  const fileChangesStart = changes.length;
  const noticesStart = notices.length;
  if (!existsSync(absoluteHooksDir)) {
    changes.push({
      describe: `create ${hooksDir}/`,
      paths: [absoluteHooksDir],
      apply: () => {
        mkdirSync(absoluteHooksDir, { recursive: true });
        if (!state.createdDirs.includes(hooksDir)) state.createdDirs.push(hooksDir);
      },
    });
  }
  const runnerPath = join(absoluteHooksDir, RUNNER);
  const runner = runnerText();
  if (!existsSync(runnerPath) || readFileSync(runnerPath, 'utf8') !== runner) {
    const existed = existsSync(runnerPath);
    changes.push({
      describe: `${existed ? 'update' : 'write'} ${hooksDir}/${RUNNER} (finds node and git-provenance, skips replays)`,
      paths: [runnerPath],
      apply: () => {
        writeFileSync(runnerPath, runner, { mode: 0o755 });
        chmodSync(runnerPath, 0o755);
        if (!existed && !state.createdFiles.includes(`${hooksDir}/${RUNNER}`)) state.createdFiles.push(`${hooksDir}/${RUNNER}`);
      },
    });
  }
  const wantsHooksPath = hooksPathToSet !== undefined || (mode === 'husky' && !currentHooksPath);
  for (const name of [...CAPTURE_HOOKS, ...CHAINED_HOOKS]) {
    const file = join(absoluteHooksDir, name);
    const label = `${hooksDir}/${name}`;
    const line = hookLine(name);
    const ours = mode === 'husky' ? `${COMMENT}\n${line}\n` : shimText(name);
    if (!existsSync(file)) {
      const why = (CAPTURE_HOOKS as readonly string[]).includes(name) ? '' : ' (keeps .git/hooks and global hooks of that name running)';
      changes.push({
        describe: `write ${label}${why}`,
        paths: [file],
        apply: () => {
          writeFileSync(file, ours, { mode: 0o755 });
          if (!state.createdFiles.includes(label)) state.createdFiles.push(label);
        },
      });
      continue;
    }
    const text = readFileSync(file, 'utf8');
    const own = stripOurLines(text);
    const chained = hasCommands(own);
    let wanted: string;
    if (chained) wanted = withChainedLine(own, name);
    else if (text.includes(line)) continue;
    else wanted = `${own}${own.endsWith('\n') || own === '' ? '' : '\n'}${COMMENT}\n${line}\n`;
    if (wanted === text) continue;
    changes.push({
      describe: chained
        ? `add the git-provenance line on top of the existing ${label} (its own commands run first, as a separate process, whatever they end with)`
        : text === own
          ? `add the git-provenance line to ${label}`
          : `update the git-provenance line in ${label}`,
      paths: [file],
      apply: () => {
        writeFileSync(file, wanted);
        if (!isExecutableFile(file)) chmodSync(file, 0o755);
        if (!state.appendedFiles.includes(label)) state.appendedFiles.push(label);
      },
    });
  }
  const wired = new Set<string>([...CAPTURE_HOOKS, ...CHAINED_HOOKS]);
  if (wantsHooksPath) {
    const legacy = legacyHooks(join(repo.commonDir, 'hooks'));
    const kept = legacy.filter((name) => wired.has(name));
    const lost = legacy.filter((name) => !wired.has(name));
    if (kept.length) notices.push(`hooks in .git/hooks (${kept.join(', ')}) keep running: the runner in ${hooksDir}/ calls them first`);
    if (lost.length)
      notices.push(`hooks in .git/hooks (${lost.join(', ')}) stop running (core.hooksPath hides them): call them from ${hooksDir}/<name> if you need them`);
  }
  const globalHooksPath = effectiveHooksPath && !currentHooksPath ? effectiveHooksPath : undefined;
  if (globalHooksPath && (wantsHooksPath || mode === 'husky')) {
    const lost = legacyHooks(resolve(top, globalHooksPath.replace(/^~(?=\/)/, homedir()))).filter((name) => !wired.has(name));
    notices.push(
      `your global core.hooksPath (${globalHooksPath}) keeps running in this repository for ${[...wired].join(', ')}: the runner calls it` +
        (lost.length ? `; its ${lost.join(', ')} hooks stop running here` : ''),
    );
  }
  if (mode === 'husky' && currentHooksPath !== `${HUSKY_DIR}/_` && currentHooksPath !== join(top, HUSKY_DIR, '_')) {
    const dormant = existsSync(absoluteHooksDir)
      ? readdirSync(absoluteHooksDir).filter((name) => /^[a-z-]+$/.test(name) && !wired.has(name) && statSync(join(absoluteHooksDir, name)).isFile())
      : [];
    const ownCommands = [...wired].filter(
      (name) => existsSync(join(absoluteHooksDir, name)) && hasCommands(stripOurLines(readFileSync(join(absoluteHooksDir, name), 'utf8'))),
    );
    const switchedOn = [...dormant, ...ownCommands];
    if (switchedOn.length)
      notices.push(
        `husky is not active here yet: installing it switches on ${switchedOn.map((name) => `${HUSKY_DIR}/${name}`).join(', ')}, which did not run until now; ` +
          `to keep them off, move them out of ${HUSKY_DIR}/ or install with --mode hooks-path instead`,
      );
  }

  if (options.prepare) {
    // A clone's `prepare`: the committed files are there already (or deliberately not).
    changes.splice(fileChangesStart);
    notices.splice(noticesStart);
  }

  // --- git config -----------------------------------------------------------------------------
  const configChanges: ConfigChange[] = [];
  const setIfDifferent = (key: string, value: string) => {
    const previous = localConfigAll(repo, key);
    if (previous.length === 1 && previous[0] === value) return;
    configChanges.push({ key, value, how: 'set', previous });
  };
  const addIfMissing = (key: string, value: string) => {
    const previous = localConfigAll(repo, key);
    if (previous.includes(value)) return;
    configChanges.push({ key, value, how: 'add', previous });
  };
  if (hooksPathToSet) setIfDifferent('core.hooksPath', hooksPathToSet);
  const rewriteRefs = localConfigAll(repo, 'notes.rewriteRef');
  if (!rewriteRefs.includes(NOTES_REF)) configChanges.push({ key: 'notes.rewriteRef', value: NOTES_REF, how: 'add', previous: rewriteRefs });
  setIfDifferent('notes.rewrite.amend', 'true');
  setIfDifferent('notes.rewrite.rebase', 'true');
  for (const remote of remotes(repo)) addIfMissing(`remote.${remote}.fetch`, notesFetchRefspec(remote));
  for (const change of configChanges) {
    changes.push({
      describe: `git config ${change.how === 'add' ? '--add ' : ''}${change.key} ${change.value}`,
      apply: () => {
        if (change.how === 'add') addLocalConfig(repo, change.key, change.value);
        else setLocalConfig(repo, change.key, change.value);
        if (!state.config.some((done) => done.key === change.key && done.value === change.value)) state.config.push(change);
      },
    });
  }

  // --- package.json and husky ----------------------------------------------------------------
  let activateHusky = false;
  if (mode === 'husky') {
    const text = readFileSync(packageFile, 'utf8');
    let pkg: PackageJson;
    try {
      pkg = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`package.json is not valid JSON (${(error as Error).message})`, 'fix package.json, or install with --mode hooks-path');
    }
    const has = (name: string) => Boolean(pkg.dependencies?.[name] ?? pkg.devDependencies?.[name]);
    const addDev: Record<string, string> = {};
    if (!has('git-provenance') && pkg.name !== 'git-provenance') addDev['git-provenance'] = `^${packageVersion()}`;
    if (!has('husky')) addDev.husky = HUSKY_RANGE;
    const manager = detectPackageManager(top);
    const script = manager.setupScript;
    const prepare: string | undefined = pkg.scripts?.[script];
    const newPrepare = prepare === undefined ? PREPARE_STEP : prepare.includes(PREPARE_STEP) ? prepare : `${prepare} && ${PREPARE_STEP}`;
    plan.manager = manager;
    if (options.packageJson === false || options.prepare) {
      if (!options.prepare && (Object.keys(addDev).length || newPrepare !== prepare))
        notices.push(
          `package.json left as it is (--no-package-json): teammates get the hooks once it has ${Object.keys(addDev).join(' and ') || 'git-provenance'} in devDependencies (\`${addDevCommand(manager, Object.keys(addDev))}\`) and "${script}": "${newPrepare}"`,
        );
    } else if (Object.keys(addDev).length || newPrepare !== prepare) {
      if (script === 'postinstall' && newPrepare !== prepare && pkg.private !== true)
        notices.push(
          `Yarn 2+ runs "postinstall" (never "prepare") on install, so the set-up step goes there; if this package is published, its users would run it too: keep it out of the published package (pinst) or mark the package "private": true`,
        );
      const byManager = manager.lockfile ? Object.entries(addDev).map(([name, range]) => `${name}@${range}`) : [];
      const command = addDevCommand(manager, byManager);
      if (byManager.length) {
        // A lockfile that does not list the new devDependencies breaks `npm ci` and
        // `pnpm install --frozen-lockfile`: the manager adds them, to both files at once, first
        // of all changes, so that nothing is changed when it cannot.
        changes.unshift({
          describe: `${command} (package.json and ${manager.lockfile} together)`,
          apply: () => {
            const fix = `run \`${command}\` yourself, then install again; or install with --no-package-json`;
            if (!managerAvailable(manager, top)) throw new UsageError(`${manager.name} is not installed here, so ${manager.lockfile} cannot be updated`, fix);
            const failure = addDevDependencies(manager, byManager, top);
            if (failure) throw new UsageError(`${manager.name} could not add ${Object.keys(addDev).join(', ')}: ${failure}`, fix);
          },
        });
      }
      const what = [
        ...(byManager.length ? [] : Object.keys(addDev).map((name) => `devDependencies.${name}`)),
        ...(newPrepare !== prepare ? [`scripts.${script} = "${newPrepare}"`] : []),
      ];
      changes.push({
        describe: `package.json: ${what.join(', ')} (teammates get the hooks and the notes config with ${teammateInstallCommand(manager)})`,
        paths: [packageFile, originalPackageJsonPath(repo)],
        apply: () => {
          // Read again: the package manager may have just written it.
          const current = JSON.parse(readFileSync(packageFile, 'utf8')) as PackageJson;
          const record = state.packageJson ?? {
            addedDevDependencies: [],
            createdDevDependencies: false,
            previousPrepare: prepare ?? null,
            ...(script === 'postinstall' ? { script } : {}),
            createdScripts: false,
          };
          if (!pkg.devDependencies) record.createdDevDependencies = true;
          if (!current.devDependencies) current.devDependencies = {};
          for (const [name, range] of Object.entries(addDev)) {
            if (!byManager.length) current.devDependencies[name] = range;
            if (!record.addedDevDependencies.includes(name)) record.addedDevDependencies.push(name);
          }
          if (!current.scripts) {
            current.scripts = {};
            record.createdScripts = true;
          }
          current.scripts[script] = newPrepare;
          state.packageJson = record;
          const written = `${JSON.stringify(current, null, detectIndent(text))}${text.endsWith('\n') ? '\n' : ''}`;
          // Keep the file as it was, so that uninstall can give it back byte for byte if nobody
          // edited it since (JSON.stringify would re-flow a hand-formatted file).
          const original = originalPackageJsonPath(repo);
          if (!existsSync(original)) {
            mkdirSync(dirname(original), { recursive: true });
            writeFileSync(original, text);
          }
          record.writtenText = createHash('sha1').update(written).digest('hex');
          writeFileSync(packageFile, written);
        },
      });
    }
    const huskyWrappers = join(top, HUSKY_DIR, '_', 'h');
    if (!existsSync(huskyWrappers) || currentHooksPath !== join(top, HUSKY_DIR, '_')) {
      activateHusky = true;
      changes.push({
        describe: `run husky now (git-ignored wrappers in ${HUSKY_DIR}/_/) and git config core.hooksPath ${join(top, HUSKY_DIR, '_')} (absolute: worktrees have no ${HUSKY_DIR}/_ of their own)`,
        paths: [huskyWrappers],
        apply: () => undefined,
      });
    }
  }

  refuseLinksOutside(repo, top, changes);
  const commit = async () => {
    const previousHooksPath = localConfigAll(repo, 'core.hooksPath');
    for (const change of changes) change.apply();
    if (activateHusky) {
      const { default: husky } = await import('husky');
      const cwd = process.cwd();
      process.chdir(top);
      let message: string;
      try {
        message = husky(HUSKY_DIR);
      } finally {
        process.chdir(cwd);
      }
      if (message) throw new UsageError(`husky could not be set up: ${message.trim()}`, 'run `npx husky` in the repository root');
      // husky wrote the relative `.husky/_`, which a new worktree lacks (git-ignored): every
      // worktree of this clone uses this one's wrappers instead.
      const wrappers = join(top, HUSKY_DIR, '_');
      setLocalConfig(repo, 'core.hooksPath', wrappers);
      if (!state.createdDirs.includes(`${HUSKY_DIR}/_`)) state.createdDirs.push(`${HUSKY_DIR}/_`);
      const recorded = state.config.find((done) => done.key === 'core.hooksPath');
      if (recorded) recorded.value = wrappers;
      else state.config.push({ key: 'core.hooksPath', value: wrappers, how: 'set', previous: previousHooksPath });
    }
    if (changes.length) setLocalConfig(repo, STATE_KEY, JSON.stringify(state));
  };
  return { plan, commit };
}

// --- uninstall -------------------------------------------------------------------------------

export function stripOurLines(text: string): string {
  return text
    .split('\n')
    .filter((line) => line !== COMMENT && !line.includes(`/${RUNNER}" `))
    .join('\n');
}

export interface UninstallPlan {
  changes: Change[];
  notices: string[];
  /** Files of the work tree uninstall changes: the user commits them. */
  toCommit: string[];
}

export function planUninstall(repo: Repo): UninstallPlan {
  const top = topLevel(repo);
  const state = readState(repo);
  const changes: Change[] = [];
  const notices: string[] = [];
  const sharedFiles: string[] = [];
  const editedFiles: string[] = [];
  const dirs = new Set<string>([DEFAULT_HOOKS_DIR, HUSKY_DIR]);
  if (state) dirs.add(state.hooksDir);
  const hooksPath = localConfigGet(repo, 'core.hooksPath');
  if (hooksPath && !isAbsolute(hooksPath) && !hooksPath.endsWith('/_')) dirs.add(hooksPath);
  const removedFiles = new Set<string>();
  for (const dir of dirs) {
    const absolute = join(top, dir);
    if (!existsSync(absolute) || !statSync(absolute).isDirectory()) continue;
    for (const name of readdirSync(absolute)) {
      const file = join(absolute, name);
      const label = `${dir}/${name}`;
      let isFile = false;
      try {
        isFile = statSync(file).isFile();
      } catch {
        // a dangling link: not ours to read
      }
      if (!isFile) continue;
      const text = readFileSync(file, 'utf8');
      const isRunner = name === RUNNER && text.includes('git-provenance hook runner');
      if (!isRunner && !text.includes(`/${RUNNER}" `)) continue;
      // Only what install wrote from this clone is removed: the same files in a teammate's
      // clone are the team's committed files, and removing them is a commit, not a local undo.
      const created = state?.createdFiles.includes(label) ?? false;
      if (!created && !state?.appendedFiles.includes(label)) {
        sharedFiles.push(label);
        continue;
      }
      editedFiles.push(label);
      const rest = stripOurLines(text);
      if (isRunner || (created && !hasCommands(rest))) {
        changes.push({ describe: `remove ${label}`, paths: [file], apply: () => rmSync(file) });
        removedFiles.add(label);
      } else {
        changes.push({ describe: `remove the git-provenance line from ${label}`, paths: [file], apply: () => writeFileSync(file, rest) });
      }
    }
  }
  if (sharedFiles.length)
    notices.push(
      `kept ${sharedFiles.length} hook files install did not write from this clone (${sharedFiles.slice(0, 3).join(', ')}${sharedFiles.length > 3 ? ', …' : ''}): they are the team's; to remove them for everyone, run uninstall where they were installed, or delete them in a commit`,
    );
  if (state?.packageJson) {
    const record = state.packageJson;
    const packageFile = join(top, 'package.json');
    const manager = detectPackageManager(top);
    const listed = record.addedDevDependencies.filter((name) => lockfileLists(top, manager, name));
    if (existsSync(packageFile) && listed.length) {
      // Install added them through the manager, to package.json and the lockfile together;
      // removing them from package.json alone would leave `npm ci` refusing a lockfile out of
      // step. First of all changes, as in install: when the manager fails, nothing has changed.
      const command = removeDevCommand(manager, listed);
      changes.unshift({
        describe: `${command} (package.json and ${manager.lockfile} together)`,
        apply: () => {
          const fix = `run \`${command}\` yourself, then uninstall again`;
          if (!managerAvailable(manager, top)) throw new UsageError(`${manager.name} is not installed here, so ${manager.lockfile} cannot be updated`, fix);
          const failure = removeDevDependencies(manager, listed, top);
          if (failure) throw new UsageError(`${manager.name} could not remove ${listed.join(', ')}: ${failure}`, fix);
        },
      });
    }
    if (existsSync(packageFile)) {
      changes.push({
        describe: `package.json: remove ${[...record.addedDevDependencies.map((name) => `devDependencies.${name}`), `the ${record.script ?? 'prepare'} step`].join(', ')}`,
        paths: [packageFile, originalPackageJsonPath(repo)],
        apply: () => {
          const text = readFileSync(packageFile, 'utf8');
          const original = originalPackageJsonPath(repo);
          if (record.writtenText && existsSync(original) && createHash('sha1').update(text).digest('hex') === record.writtenText) {
            writeFileSync(packageFile, readFileSync(original));
            rmSync(original, { force: true });
            return;
          }
          rmSync(original, { force: true });
          const pkg = JSON.parse(text) as PackageJson;
          for (const name of record.addedDevDependencies) delete pkg.devDependencies?.[name];
          if (record.createdDevDependencies && pkg.devDependencies && !Object.keys(pkg.devDependencies).length) delete pkg.devDependencies;
          if (pkg.scripts) {
            const script = record.script ?? 'prepare';
            if (record.previousPrepare === null) delete pkg.scripts[script];
            else pkg.scripts[script] = record.previousPrepare;
            if (record.createdScripts && !Object.keys(pkg.scripts).length) delete pkg.scripts;
          }
          writeFileSync(packageFile, `${JSON.stringify(pkg, null, detectIndent(text))}${text.endsWith('\n') ? '\n' : ''}`);
        },
      });
    }
  }
  // Without a record (a teammate's clone set up by hand): what the docs told them to set.
  const ownHooksPath = hooksPath && !hooksPath.endsWith('/_') && existsSync(join(top, hooksPath, RUNNER)) ? hooksPath : undefined;
  const configChanges: ConfigChange[] = state?.config ?? [
    ...(ownHooksPath ? [{ key: 'core.hooksPath', value: ownHooksPath, how: 'set' as const, previous: [] }] : []),
    { key: 'notes.rewriteRef', value: NOTES_REF, how: 'add', previous: [] },
    ...remotes(repo).map((remote) => ({ key: `remote.${remote}.fetch`, value: notesFetchRefspec(remote), how: 'add' as const, previous: [] })),
  ];
  for (const change of [...configChanges].reverse()) {
    const now = localConfigAll(repo, change.key);
    if (!now.includes(change.value)) continue;
    if (change.how === 'add') {
      changes.push({ describe: `git config --unset ${change.key} ${change.value}`, apply: () => unsetLocalConfigValue(repo, change.key, change.value) });
    } else if (change.previous.length) {
      changes.push({
        describe: `git config ${change.key} ${change.previous[0]} (as before)`,
        apply: () => setLocalConfig(repo, change.key, change.previous[0]),
      });
    } else {
      changes.push({ describe: `git config --unset ${change.key}`, apply: () => unsetLocalConfig(repo, change.key) });
    }
  }
  for (const dir of [...(state?.createdDirs ?? [])].reverse()) {
    const absolute = join(top, dir);
    changes.push({
      describe: `remove ${dir}/ if nothing else is in it`,
      paths: [absolute],
      apply: () => {
        if (!existsSync(absolute)) return;
        if (dir.endsWith('/_')) rmSync(absolute, { recursive: true, force: true });
        else if (!readdirSync(absolute).length) rmdirSync(absolute);
        const parent = dirname(absolute);
        if (dir.endsWith('/_') && existsSync(parent) && !readdirSync(parent).length) rmdirSync(parent);
      },
    });
  }
  refuseLinksOutside(repo, top, changes);
  if (state) {
    changes.push({
      describe: 'forget the install record (git config provenance.install.state)',
      apply: () => {
        unsetLocalConfig(repo, STATE_KEY);
        removeSectionIfEmpty(repo, 'provenance.install');
        for (const change of state.config) {
          const [section, ...rest] = change.key.split('.');
          if (rest.length > 1) removeSectionIfEmpty(repo, `${section}.${rest.slice(0, -1).join('.')}`);
          else removeSectionIfEmpty(repo, section);
        }
      },
    });
  }
  if (state?.packageJson) editedFiles.push('package.json');
  return { changes, notices, toCommit: editedFiles };
}
