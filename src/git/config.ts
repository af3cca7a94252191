// Git configuration and identities: values in force, the local config `install` edits, remotes,
// and who a commit is by. Reads are remembered for the run; writes forget what they change.

import { forget, remember, type Repo } from './repo.ts';
import { git, gitText } from './run.ts';

/** Config changes can move paths git reports (core.hooksPath moves `--git-path hooks`). */
function changed(repo: Repo): void {
  forget(repo, 'config');
  forget(repo, 'git-path:');
}

/** The value in force from any config file (local, global, system). */
export function configValue(repo: Repo, key: string): string | undefined {
  return remember(repo, `config:${key}`, () => {
    const result = git(['config', '--get', key], { cwd: repo.cwd, okCodes: [1] });
    return result.status === 0 ? result.stdout.trim() : undefined;
  });
}

export function localConfigAll(repo: Repo, key: string): string[] {
  return [
    ...remember(repo, `config-local-all:${key}`, () => {
      const result = git(['config', '--local', '--get-all', key], { cwd: repo.cwd, okCodes: [1] });
      return result.status === 0 ? result.stdout.split('\n').filter(Boolean) : [];
    }),
  ];
}

export function localConfigGet(repo: Repo, key: string): string | undefined {
  return remember(repo, `config-local:${key}`, () => {
    const result = git(['config', '--local', '--get', key], { cwd: repo.cwd, okCodes: [1] });
    return result.status === 0 ? result.stdout.trim() : undefined;
  });
}

export function setLocalConfig(repo: Repo, key: string, value: string): void {
  changed(repo);
  git(['config', '--local', key, value], { cwd: repo.cwd });
}

export function addLocalConfig(repo: Repo, key: string, value: string): void {
  changed(repo);
  git(['config', '--local', '--add', key, value], { cwd: repo.cwd });
}

export function unsetLocalConfig(repo: Repo, key: string): void {
  changed(repo);
  git(['config', '--local', '--unset-all', key], { cwd: repo.cwd, okCodes: [5] });
}

/** Removes the entries of a multi-valued key that equal `value` exactly. */
export function unsetLocalConfigValue(repo: Repo, key: string, value: string): void {
  changed(repo);
  const pattern = `^${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
  git(['config', '--local', '--unset-all', key, pattern], { cwd: repo.cwd, okCodes: [5] });
}

/** Removes a config section when it is empty (git leaves empty `[section]` headers behind). */
export function removeSectionIfEmpty(repo: Repo, section: string): void {
  changed(repo);
  const result = git(['config', '--local', '--get-regexp', `^${section.replace(/\./g, '\\.')}\\.`], { cwd: repo.cwd, okCodes: [1] });
  if (result.status === 1) git(['config', '--local', '--remove-section', section], { cwd: repo.cwd, okCodes: [128] });
}

export function remotes(repo: Repo): string[] {
  return [...remember(repo, 'config-remotes', () => gitText(['remote'], { cwd: repo.cwd }).split('\n').filter(Boolean))];
}

/** `git push` may be given a URL instead of a remote name: find the remote it belongs to. */
export function remoteNameFor(repo: Repo, remoteOrUrl: string): string | undefined {
  const result = git(['config', '-z', '--get-regexp', '^remote\\..*\\.(url|pushurl)$'], { cwd: repo.cwd, okCodes: [1] });
  let byUrl: string | undefined;
  for (const entry of result.stdout.split('\0')) {
    const newline = entry.indexOf('\n');
    if (newline < 0) continue;
    const key = entry.slice(0, newline);
    const name = key.replace(/^remote\./, '').replace(/\.(url|pushurl)$/, '');
    if (name === remoteOrUrl) return name;
    if (entry.slice(newline + 1) === remoteOrUrl) byUrl ??= name;
  }
  return byUrl;
}

export interface Ident {
  name: string;
  /** Lower-cased: e-mail addresses are compared, never shown as typed. */
  email: string;
}

/**
 * Who the commit being made is by, as git would record it (`git var`: environment, config,
 * then defaults; honours GIT_AUTHOR_* set by agents such as Aider).
 */
export function identity(repo: Repo, role: 'author' | 'committer'): Ident {
  return remember(repo, identityQuestion(role), () => parseIdent(git(identityArgs(role), { cwd: repo.cwd, okCodes: [128] }).stdout));
}

export const identityQuestion = (role: 'author' | 'committer') => `config-ident:${role}`;
export const identityArgs = (role: 'author' | 'committer') => ['var', role === 'author' ? 'GIT_AUTHOR_IDENT' : 'GIT_COMMITTER_IDENT'];

/** `git var GIT_*_IDENT` output: "Name <email> time zone". */
export function parseIdent(text: string): Ident {
  const match = /^(.*?) <([^>]*)>/.exec(text);
  return match ? { name: match[1], email: match[2].toLowerCase() } : { name: '', email: '' };
}

/** Who the commit being made is by (author and committer). */
export function commitIdents(repo: Repo): { author: Ident; committer: Ident } {
  return { author: identity(repo, 'author'), committer: identity(repo, 'committer') };
}
