// Which package manager a repository uses (npm, pnpm, yarn, bun), from package.json's
// `packageManager` field or the lockfile, and the commands that manager spells differently.
// Install adds its devDependencies through that manager so the lockfile stays in step
// (`npm ci` and `pnpm install --frozen-lockfile` refuse a stale one).

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

const LOCKFILES: readonly [string, PackageManager][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

export interface DetectedManager {
  name: PackageManager;
  /** The lockfile found at the root, if any. */
  lockfile?: string;
  /**
   * The root script the manager runs on a plain install, where install puts a clone's set-up
   * step: `prepare`, except for Yarn 2 and later, which runs `postinstall` but never `prepare`.
   */
  setupScript: 'prepare' | 'postinstall';
}

/** The `packageManager` field wins (corepack enforces it), then the lockfile, then a Yarn 2+ `.yarnrc.yml`; npm otherwise. */
export function detectPackageManager(root: string): DetectedManager {
  const lockfile = LOCKFILES.find(([file]) => existsSync(join(root, file)));
  let declared: PackageManager | undefined;
  let major: number | undefined;
  try {
    const field = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { packageManager?: unknown }).packageManager;
    const match = typeof field === 'string' ? /^(npm|pnpm|yarn|bun)@(\d+)?/.exec(field) : null;
    declared = match?.[1] as PackageManager | undefined;
    major = match?.[2] === undefined ? undefined : Number(match[2]);
  } catch {
    // No package.json or not JSON: the lockfile decides.
  }
  const yarnrc = existsSync(join(root, '.yarnrc.yml'));
  const name = declared ?? lockfile?.[1] ?? (yarnrc ? 'yarn' : 'npm');
  const ownLockfile = LOCKFILES.find(([file, manager]) => manager === name && existsSync(join(root, file)))?.[0];
  // Yarn 2+ ("berry"): declared so, or configured by .yarnrc.yml (Yarn 1 reads .yarnrc).
  const berry = name === 'yarn' && (major !== undefined ? major >= 2 : yarnrc);
  return { name, lockfile: ownLockfile, setupScript: berry ? 'postinstall' : 'prepare' };
}

/** The command that adds packages to devDependencies (and the lockfile). */
export function addDevCommand(manager: DetectedManager, packages: string[] = ['git-provenance']): string {
  const list = packages.join(' ');
  switch (manager.name) {
    case 'npm':
      return `npm install --save-dev ${list}`;
    case 'pnpm':
      return `pnpm add --save-dev ${list}`;
    case 'yarn':
      return `yarn add --dev ${list}`;
    case 'bun':
      return `bun add --dev ${list}`;
  }
}

/** Whether the manager's lockfile names the package (install added it through the manager). */
export function lockfileLists(root: string, manager: DetectedManager, name: string): boolean {
  if (!manager.lockfile) return false;
  try {
    // latin1: bun.lockb is binary; a name is ASCII either way.
    return readFileSync(join(root, manager.lockfile), 'latin1').includes(name);
  } catch {
    return false;
  }
}

/** The command that removes packages from package.json and the lockfile. */
export function removeDevCommand(manager: DetectedManager, packages: string[]): string {
  const list = packages.join(' ');
  return manager.name === 'npm' ? `npm uninstall ${list}` : `${manager.name} remove ${list}`;
}

/** What a teammate runs after cloning: the install that runs the set-up script. */
export function teammateInstallCommand(manager: DetectedManager): string {
  return `${manager.name} install`;
}

/** Whether the manager can be started from here. */
export function managerAvailable(manager: DetectedManager, cwd: string): boolean {
  const result = spawnSync(manager.name, ['--version'], { cwd, encoding: 'utf8', timeout: 15_000, stdio: ['ignore', 'pipe', 'pipe'] });
  return result.status === 0;
}

/** Runs the add command; returns the manager's last error line when it failed. */
export function addDevDependencies(manager: DetectedManager, packages: string[], cwd: string): string | undefined {
  return runManager(addDevCommand(manager, packages), cwd);
}

/** Runs the remove command; returns the manager's last error line when it failed. */
export function removeDevDependencies(manager: DetectedManager, packages: string[], cwd: string): string | undefined {
  return runManager(removeDevCommand(manager, packages), cwd);
}

function runManager(commandLine: string, cwd: string): string | undefined {
  const [command, ...args] = commandLine.split(' ');
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 300_000, stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status === 0) return undefined;
  const lines = `${result.stderr ?? ''}${result.error?.message ?? ''}`.trim().split('\n');
  return lines[lines.length - 1] || `${command} exited ${result.status}`;
}
