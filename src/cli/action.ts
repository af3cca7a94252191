// Entry of the GitHub Action (action.yml): everything it does is in features/action/run.ts.

import { runAction } from '../features/action/run.ts';
import { reportError } from '../features/output.ts';

runAction(process.env, (text) => process.stdout.write(text)).then(
  (result) => {
    process.exitCode = result.exitCode;
  },
  (error: unknown) => {
    process.exitCode = reportError(error);
  },
);
