// What bin/git-provenance requires for `git-provenance hook …`: the hooks' bundle
// (dist/hooks/run.cjs, beside this file), compiled with a V8 code cache kept beside it. Hooks
// run on every commit, and compiling the 250 KB bundle was the largest part of what a hook costs
// on top of node's own start (docs/DECISIONS.md, section 10). The cache is used only for the exact
// file it was made from (size, modification time and inode in its first line; node's version and
// architecture in its name; V8 refuses data from another V8 or other flags) and only whole (a
// checksum of the data in the first line: V8 does not check its data, and a damaged cache crashed
// node), and written once,
// after the hook ran, so it holds the functions hooks compile lazily too. Anything unusual (no
// cache, a refused cache, a folder that cannot be written) costs nothing but the cache's benefit.

import { accessSync, constants, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { ESM_IMPORT } from './model/esm-import.ts';

const bundle = join(__dirname, 'run.cjs');

function runWithCodeCache(): void {
  const stat = statSync(bundle);
  const cacheFile = `${bundle}.${process.version}-${process.arch}.v8cache`;
  const key = `${stat.size}:${stat.mtimeMs}:${stat.ino}`;
  let cachedData: Buffer | undefined;
  try {
    const data = readFileSync(cacheFile);
    const newline = data.indexOf(10);
    const [size, mtime, inode, sum] = data.toString('latin1', 0, newline).trimEnd().split(':');
    const payload = data.subarray(newline + 1);
    // V8 checks its version and flags, not its data: a damaged cache would crash every hook.
    if (newline > 0 && `${size}:${mtime}:${inode}` === key && sum === checksum(payload)) cachedData = payload;
  } catch {
    // No cache yet.
  }
  const source = readFileSync(bundle, 'utf8');
  // CommonJS's own wrapper, on the source's first line: line numbers in stack traces stay right.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, cachedData });
  // The script's own import() fails once it comes from a cache (Node 20); this one, compiled by
  // node's loader beside the bundle, resolves packages as the bundle would (src/model/lazy-builtins.ts).
  (globalThis as Record<symbol, unknown>)[ESM_IMPORT] = (specifier: string) => import(specifier);
  if (!cachedData || script.cachedDataRejected) {
    let writable = true;
    try {
      accessSync(__dirname, constants.W_OK);
    } catch {
      writable = false;
    }
    if (writable) process.once('exit', () => writeCache(cacheFile, key, script));
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, __dirname);
}

/**
 * A 64-bit checksum of the cache's data, in JavaScript: loading node:zlib for a CRC-32 (it pulls in
 * node's streams) or node:crypto cost more than the cache saves. Read as 32-bit words: a fourth of
 * the steps. Catches damage, not an attacker, who could as well change the bundle beside it.
 */
function checksum(data: Buffer): string {
  const aligned = data.byteOffset % 4 === 0 ? data : Buffer.from(data);
  const words = new Int32Array(aligned.buffer, aligned.byteOffset, aligned.length >> 2);
  let a = 0x811c9dc5 | 0;
  let b = aligned.length | 0;
  for (let i = 0; i < words.length; i++) {
    a = Math.imul(a ^ words[i], 0x01000193);
    b = (Math.imul(b, 31) + words[i]) | 0;
  }
  for (let i = words.length * 4; i < aligned.length; i++) {
    a = Math.imul(a ^ aligned[i], 0x01000193);
    b = (Math.imul(b, 31) + aligned[i]) | 0;
  }
  return `${(a >>> 0).toString(16)}.${(b >>> 0).toString(16)}`;
}

function writeCache(cacheFile: string, key: string, script: Script): void {
  const temporary = `${cacheFile}.${process.pid}`;
  try {
    const payload = script.createCachedData();
    // The first line padded to a multiple of 4 bytes: the data then starts where it can be read as words.
    const header = `${key}:${checksum(payload)}`;
    writeFileSync(temporary, Buffer.concat([Buffer.from(`${header.padEnd(Math.ceil((header.length + 1) / 4) * 4 - 1)}\n`, 'latin1'), payload]));
    // A whole file or none: another hook may be reading it.
    renameSync(temporary, cacheFile);
  } catch {
    // Full or read-only: the next hook compiles without a cache, as this one did.
    try {
      unlinkSync(temporary);
    } catch {
      // Never written.
    }
  }
}

runWithCodeCache();
