// Who an address belongs to, by git's own mailmap (`git check-mailmap`): the `.mailmap` file,
// `mailmap.file` and `mailmap.blob` as git reads them (HEAD:.mailmap in a bare repository).

import type { Repo } from './repo.ts';
import { gitText } from './run.ts';

export interface Contact {
  name?: string;
  email: string;
}

// What check-mailmap can take as one contact line: no angle brackets, line breaks or NULs.
const PLAIN_EMAIL = /^[^\s<>\0]+$/;
const PLAIN_NAME = /^[^<>\n\r\0]*$/;

/**
 * Each contact's e-mail as the mailmap maps it, in order (unmapped and unmappable ones as given).
 * Without `rulesRev`, git's own sources. With `rulesRev`, that commit's `.mailmap` replaces the
 * work tree's file and `mailmap.blob` (the checker's `mailmap.file` still applies): git runs from
 * the git directory, where no work tree `.mailmap` is read, so a change under check cannot bring
 * the mailmap it is judged by.
 */
export function mailmapEmails(repo: Repo, contacts: readonly Contact[], rulesRev?: string): string[] {
  const out = contacts.map((contact) => contact.email);
  const asked = contacts.flatMap((contact, i) => {
    if (!PLAIN_EMAIL.test(contact.email)) return [];
    const name = contact.name?.trim();
    return [{ i, line: name && PLAIN_NAME.test(name) ? `${name} <${contact.email}>` : `<${contact.email}>` }];
  });
  if (!asked.length) return out;
  const args = [...(rulesRev ? ['-c', `mailmap.blob=${rulesRev}:.mailmap`] : []), 'check-mailmap', '--stdin'];
  const input = `${asked.map((item) => item.line).join('\n')}\n`;
  const answer = (rulesRev ? gitText(args, { cwd: repo.gitDir, env: withoutWorkTree(repo), input }) : gitText(args, { cwd: repo.cwd, input })).split('\n');
  asked.forEach((item, n) => {
    const mapped = /<([^<>]*)>$/.exec(answer[n] ?? '')?.[1];
    if (mapped) out[item.i] = mapped;
  });
  return out;
}

/** The environment for git run in the git directory with no work tree, whatever a hook was given. */
function withoutWorkTree(repo: Repo): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_DIR: repo.gitDir };
  delete env.GIT_WORK_TREE;
  return env;
}
