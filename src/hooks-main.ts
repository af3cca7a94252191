// Entry point of the hooks' own bundle (dist/hooks/run.cjs), which bin/git-provenance requires
// for `git-provenance hook …`. Hooks run on every commit: one CommonJS file (no ES module loader,
// no chunks shared with every command) starts ~20 ms sooner than the CLI's bundle did; the
// packages only some hooks use (YAML and schema, the prompt) load from node_modules when used
// (docs/DECISIONS.md, section 2).

import { runHook } from './cli/hook.ts';

runHook(process.argv.slice(3)).then((code) => {
  process.exitCode = code;
});
