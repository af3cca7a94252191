// `git-provenance hook <name> [args…]`: called by the shims in hooks/. Dispatches to the capture
// feature; unknown hook names are ignored so an older binary never blocks a newer shim.

import { reportError } from '../cli/output.ts';

export async function runHook(args: string[]): Promise<number> {
  const [name] = args;
  try {
    switch (name) {
      default:
        return 0;
    }
  } catch (error) {
    return reportError(error);
  }
}
