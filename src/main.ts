// Entry point. `hook` is dispatched before anything else is loaded: hooks run on every commit
// and must not pay for yargs (see docs/DECISIONS.md, "Start-up").

const args = process.argv.slice(2);
if (args[0] === 'hook') {
  const { runHook } = await import('./hooks/entry.ts');
  process.exitCode = await runHook(args.slice(1));
} else {
  const { runCli } = await import('./cli/main.ts');
  process.exitCode = await runCli(args);
}
