// Runs every uvu suite (src/**/*.test.ts beside the code, test/**/*.test.ts end to end) in one
// process under a time limit, and ends with the line CI reads: "N passed, N failed".
// uvu prints Total and Passed but no failed count, and has no timeout of its own.

import { spawn } from 'node:child_process';

const LIMIT_MS = Number(process.env.TEST_TIME_LIMIT_MS ?? 20 * 60 * 1000);
const pattern = process.argv[2] ?? '(^|/)(src|test)/.*\\.test\\.ts$';
const child = spawn(process.execPath, ['--import', 'tsx', 'node_modules/uvu/bin.js', '.', pattern, '-i', 'dist', '-i', 'bench', '-i', 'node_modules'], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, NO_COLOR: '1' },
});
let output = '';
child.stdout.setEncoding('utf8');
child.stdout.on('data', (chunk) => {
  output += chunk;
  process.stdout.write(chunk);
});
const timer = setTimeout(() => {
  process.stdout.write(`\ntest run exceeded ${LIMIT_MS / 1000}s and was stopped\n`);
  child.kill('SIGKILL');
}, LIMIT_MS);
child.on('close', (code) => {
  clearTimeout(timer);
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  const total = Number(/Total:\s+(\d+)/.exec(plain)?.[1] ?? NaN);
  const passed = Number(/Passed:\s+(\d+)/.exec(plain)?.[1] ?? NaN);
  if (Number.isNaN(total) || Number.isNaN(passed)) {
    process.stdout.write(`\n0 passed, 1 failed\n`);
    process.exit(1);
  }
  const failed = total - passed;
  process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
  process.exit(failed > 0 || code !== 0 ? 1 : 0);
});
