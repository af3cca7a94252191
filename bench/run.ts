// Runs the benchmarks one after another (each prints its own floor measured in the same run).
// `npm run bench` runs all; `npm run bench -- capture zones` runs the named ones.

import { spawnSync } from 'node:child_process';
import { benchEnv } from './lib.ts';

const ALL = ['startup', 'git-access', 'capture', 'zones', 'report', 'dashboard', 'checkpoint', 'blame'];
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : ALL;
let failed = 0;
for (const name of chosen) {
  if (!ALL.includes(name)) {
    console.error(`unknown benchmark "${name}" (one of: ${ALL.join(', ')})`);
    process.exit(2);
  }
  console.log(`\n=== bench/${name}.ts ===`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.ts`], { stdio: 'inherit', env: benchEnv() });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
