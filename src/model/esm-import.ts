// ES-module-only packages (the prompt's), imported so that the hooks' cached bundle can too.
/** Where src/hooks-loader.ts leaves an `import()` made outside the hooks' bundle. */
export const ESM_IMPORT = Symbol.for('git-provenance.esm-import');

/**
 * `import()` of an ES-module-only package (the prompt's). The hooks' bundle runs as a
 * `vm.Script` compiled from a code cache (src/hooks-loader.ts), and on Node 20 a script
 * deserialized from a cache loses its dynamic-import callback ("A dynamic import callback was not
 * specified"): there the loader provides its own. Elsewhere (the CLI's ES module bundle) plain
 * `import()`.
 */
export function importEsm<T>(specifier: string): Promise<T> {
  const provided = (globalThis as Record<symbol, unknown>)[ESM_IMPORT] as ((specifier: string) => Promise<T>) | undefined;
  return provided ? provided(specifier) : import(specifier);
}
