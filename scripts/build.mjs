// One esbuild bundle with code splitting: the hook entry never loads yargs or inquirer
// unless a prompt is actually shown (see docs/DECISIONS.md, "Build").
import { build } from 'esbuild';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

// An installed copy (from the registry or a tarball) has dist/ built and no sources: nothing to do.
if (!existsSync(new URL('../src/main.ts', import.meta.url))) process.exit(0);

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  // action: the GitHub Action's script (action.yml).
  entryPoints: { main: 'src/main.ts', action: 'src/cli/action.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // husky copies its hook wrapper from beside its own module: it must stay a real package.
  // DuckDB is a native, optional package: loaded from node_modules by the org commands only.
  external: ['husky', '@duckdb/node-api'],
  banner: {
    // Bundled CommonJS dependencies call require() for Node built-ins.
    js: "import { createRequire as __gpCreateRequire } from 'node:module'; const require = __gpCreateRequire(import.meta.url);",
  },
});

// The hooks' own bundle: the CLI's chunks are shared with every command, so the commit-msg hook
// loaded 28 files from it; built alone, the hook path is one file and a few chunks (the YAML
// schema, the prompt and the push report stay lazy). Measured in docs/DECISIONS.md, "Start-up".
await build({
  entryPoints: { run: 'src/hooks-main.ts' },
  outdir: 'dist/hooks',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  external: ['husky', '@duckdb/node-api'],
  banner: {
    js: "import { createRequire as __gpCreateRequire } from 'node:module'; const require = __gpCreateRequire(import.meta.url);",
  },
});

// The shell runner's tables (agent variables, trailer keys, name syntax, notes ref) come from
// the TypeScript tables: rewrite its generated block when they changed.
const tables = await build({
  entryPoints: ['src/features/install/runner-tables.ts'],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
  logLevel: 'warning',
});
const { withCurrentTables } = await import(`data:text/javascript;base64,${Buffer.from(tables.outputFiles[0].text).toString('base64')}`);
const runnerUrl = new URL('../hooks/git-provenance.sh', import.meta.url);
const runner = readFileSync(runnerUrl, 'utf8');
const current = withCurrentTables(runner);
if (current !== runner) writeFileSync(runnerUrl, current);
// The dashboard page's script (Observable Plot and the page's code) as one browser file, read by
// the HTML report and inlined into the page. "</script" and "<!--" cannot appear in it, so the
// page's <script> element ends where it should.
const clientFile = new URL('../dist/dashboard-client.js', import.meta.url);
await build({
  entryPoints: ['src/features/dashboard/client/main.ts'],
  outfile: 'dist/dashboard-client.js',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['chrome100', 'firefox100', 'safari15'],
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
writeFileSync(
  clientFile,
  readFileSync(clientFile, 'utf8')
    .replace(/<\/(script)/gi, '<\\/$1')
    .replace(/<!--/g, '<\\!--'),
);
