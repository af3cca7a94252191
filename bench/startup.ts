// Start-up cost of the binary on its two paths, against `node -e 0` measured in the same run,
// and the import cost of each candidate dependency. Run: node --import tsx bench/startup.ts

import { resolve } from 'node:path';
import { benchEnv, row, timeCommand } from './lib.ts';

const BIN = resolve('bin/git-provenance');
const RUNS = 15;
const env = benchEnv();
const node = process.execPath;
const floor = await timeCommand(RUNS, node, ['-e', '0'], { env });
console.log(`floor: node -e 0 = ${floor.toFixed(1)} ms (NODE_EXTRA_CA_CERTS unset)\n`);
console.log(`${'what'.padEnd(58)} ${'median'.padStart(12)}  vs node -e 0`);
const report = async (label: string, args: string[]) => console.log(row(label, await timeCommand(RUNS, node, args, { env }), floor));

await report('git-provenance hook <no-op>  (hook path: no yargs)', [BIN, 'hook', 'no-such-hook']);
await report('git-provenance --version  (CLI path: yargs)', [BIN, '--version']);
for (const name of ['yargs', 'zod', 'zod/mini', 'yaml', 'picomatch', 'simple-git', 'isomorphic-git', '@inquirer/select', '@inquirer/input']) {
  await report(`import ${name} (unbundled)`, ['--input-type=module', '-e', `await import(${JSON.stringify(name)})`]);
}
