// Node built-ins (and picocolors) that hooks need only sometimes, loaded on first use: importing node:crypto loads
// some twenty internal modules, node:child_process pulls in net, dgram and streams; each costs
// ms of every hook's start-up, and the commit path usually needs neither (the hook runner asks
// git's questions; hashing happens only when agents' evidence is there).

import { createRequire } from 'node:module';

const loaded = new Map<string, unknown>();

function builtin<T>(name: string): T {
  if (!loaded.has(name)) loaded.set(name, createRequire(import.meta.url)(name));
  return loaded.get(name) as T;
}

export const nodeCrypto = () => builtin<typeof import('node:crypto')>('node:crypto');
export const nodeChildProcess = () => builtin<typeof import('node:child_process')>('node:child_process');
export const nodeOs = () => builtin<typeof import('node:os')>('node:os');
/** picocolors reads `process.stdout.isTTY` when loaded, which makes node build the stdout stream. */
export const picocolors = () => builtin<typeof import('picocolors')>('picocolors');
