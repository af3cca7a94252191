// One esbuild bundle with code splitting: the hook entry never loads yargs or inquirer
// unless a prompt is actually shown (see docs/DECISIONS.md, "Build").
import { build } from 'esbuild';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

// An installed copy (from the registry or a tarball) has dist/ built and no sources: nothing to do.
if (!existsSync(new URL('../src/main.ts', import.meta.url))) process.exit(0);

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
/** What both Node bundles share. */
const forNode = { bundle: true, platform: 'node', target: 'node20', minifySyntax: true, sourcemap: false, legalComments: 'none', logLevel: 'warning' };
await build({
  ...forNode,
  // action: the GitHub Action's script (action.yml).
  entryPoints: { main: 'src/main.ts', action: 'src/cli/action.ts' },
  outdir: 'dist',
  splitting: true,
  format: 'esm',
  // husky copies its hook wrapper from beside its own module: it must stay a real package.
  // DuckDB is a native, optional package: loaded from node_modules by the org commands only.
  external: ['husky', '@duckdb/node-api'],
  banner: {
    // Bundled CommonJS dependencies call require() for Node built-ins.
    js: "import { createRequire as __gpCreateRequire } from 'node:module'; const require = __gpCreateRequire(import.meta.url);",
  },
});

// The hooks' own bundle, one CommonJS file: the ES module loader and the CLI's chunks (shared
// with every command: the commit-msg hook read 28 files) cost ~40 ms of every hook's start, this
// ~20 ms (docs/DECISIONS.md, section 2). Packages that only some hooks need (YAML and schema for
// a changed config, the prompt) stay outside and load from node_modules when used.
const { dependencies } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
await build({
  ...forNode,
  entryPoints: ['src/hooks-main.ts'],
  outfile: 'dist/hooks/run.cjs',
  format: 'cjs',
  external: [...Object.keys(dependencies).filter((name) => name !== 'picocolors' && name !== 'picomatch'), '@duckdb/node-api'],
  define: { 'import.meta.url': '__hookBundleUrl' },
  banner: { js: 'const __hookBundleUrl = require("node:url").pathToFileURL(__filename).href;' },
});

// One non-ASCII byte (a comment esbuild keeps) makes node decode the whole 250 KB bundle as
// UTF-16 on every hook start: ~6 ms of a commit. Keep it ASCII.
const hooksBundle = readFileSync(new URL('../dist/hooks/run.cjs', import.meta.url));
const nonAscii = hooksBundle.findIndex((byte) => byte > 0x7f);
if (nonAscii >= 0) {
  const line = hooksBundle.subarray(0, nonAscii).toString('latin1').split('\n').length;
  throw new Error(`dist/hooks/run.cjs line ${line} has a non-ASCII character (from a comment or text of src/): write it in ASCII or as an escape`);
}

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
