import { createWriteStream, type WriteStream } from 'node:fs';
import pkg from '../../../../package.json' with { type: 'json' };
import { loadConfig } from '../../../features/config.ts';
import { exportAgentTrace } from '../../../features/interop/agent-trace.ts';
import { openRepo } from '../../../git/repo.ts';
import { UsageError } from '../../../model/errors.ts';
import { defineCommand } from '../../command.ts';
import { rangeWords } from '../../range-words.ts';

interface ExportArgs {
  range?: string[];
  format: 'agent-trace';
  output?: string;
  _: (string | number)[];
}

function openOutput(path: string): Promise<WriteStream> {
  return new Promise((resolve, reject) => {
    const stream = createWriteStream(path);
    stream.once('open', () => resolve(stream));
    stream.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new UsageError(
          `cannot write to ${path}: ${error.code === 'ENOENT' ? 'its folder does not exist' : error.message}`,
          'give -o a file path in a folder you can write to',
        ),
      ),
    );
  });
}

export const exportCommand = defineCommand<ExportArgs>({
  command: 'export [range..]',
  describe: 'write provenance as Agent Trace records (JSON Lines), one per commit',
  builder: (yargs) =>
    yargs
      .positional('range', { type: 'string', array: true, describe: 'a revision (default HEAD: its whole history), A..B, A.., ..B or ^A B' })
      .option('format', { choices: ['agent-trace'] as const, default: 'agent-trace' as const, describe: 'record format' })
      .option('output', { alias: 'o', type: 'string', describe: 'write to this file instead of stdout (- is stdout)', requiresArg: true }),
  handler: async (argv) => {
    const repo = openRepo();
    const { config } = await loadConfig(repo);
    const toFile = argv.output !== undefined && argv.output !== '-' ? argv.output : undefined;
    const records = exportAgentTrace(repo, config, { range: rangeWords(argv, 'export'), toolVersion: pkg.version });
    const first = await records.next(); // bad ranges fail before a file is created
    const out = toFile ? await openOutput(toFile) : process.stdout;
    const write = (text: string) => new Promise<void>((resolve) => (out.write(text) ? resolve() : out.once('drain', () => resolve())));
    if (!first.done) await write(`${JSON.stringify(first.value)}\n`);
    for await (const record of records) await write(`${JSON.stringify(record)}\n`);
    if (toFile) await new Promise<void>((resolve) => (out as WriteStream).end(resolve));
  },
});
