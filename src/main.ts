// Entry point. `checkpoint` and `hook` are dispatched before anything else is loaded: hooks run on every commit
// and agents' edits, and must not pay for yargs (see docs/DECISIONS.md, "Start-up").

const args = process.argv.slice(2);
if (args[0] === 'checkpoint' && !args.includes('--help')) {
  // Agents' hooks: recorded before anything else loads; a failure must never reach the agent.
  try {
    const { runCheckpoint } = await import('./cli/checkpoint.ts');
    process.exitCode = runCheckpoint();
  } catch {
    process.exitCode = 0;
  }
} else if (args[0] === 'hook') {
  const { runHook } = await import('./cli/hook.ts');
  process.exitCode = await runHook(args.slice(1));
} else {
  // A reader that stops early (`git-provenance check | head`) closes the pipe: the rest of the
  // output is dropped quietly and the command still ends with its own exit code, instead of
  // dying on an unhandled EPIPE with a stack trace.
  // Any other write error (a full disk, `> /dev/full`) ends the command with one line and the
  // documented exit code 74: the rest of the output cannot be written either.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return;
    process.stderr.write(
      `git-provenance: cannot write the output: ${error.code ?? error.message}${error.code === 'ENOSPC' ? ' (no space left on the device)' : ''}\n`,
    );
    process.exit(74);
  });
  const { runCli } = await import('./cli/main.ts');
  process.exitCode = await runCli(args);
}
