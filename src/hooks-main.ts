// Entry point of the hooks' own bundle (dist/hooks/run.js), which bin/git-provenance loads for
// `git-provenance hook …`. Hooks run on every commit: in the CLI's bundle the commit-msg hook
// loaded 28 files (chunks shared with every command), here one file and a few chunks; the YAML
// schema, the prompt and the push report stay lazy (docs/DECISIONS.md, "Start-up").

import { runHook } from './cli/hook.ts';

process.exitCode = await runHook(process.argv.slice(3));
