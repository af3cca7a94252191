// The configuration in force when `.provenance.yml` is absent, without loading the schema
// (yaml and zod cost ~90 ms at start-up; hooks must not pay that for defaults).

import type { Config } from './config.ts';

export const CONFIG_FILE = '.provenance.yml';

export interface LoadedConfig {
  config: Config;
  /** Path of the file read, or null when the defaults are in force. */
  file: string | null;
}

/** Plain values, typed without the schema so that the schema can use them as its defaults. */
export const DEFAULT_VALUES = {
  levels: ['none', 'assisted', 'generated'],
  explanation: { requiredFor: ['assisted', 'generated'], minLength: 20 },
  services: {},
  zones: [],
  unknown: 'allow' as const,
  budgets: [],
  rework: { windowDays: 14, fixPattern: '\\b(fix|fixes|fixed|bug|hotfix|revert)\\b' },
  ignore: ['**/package-lock.json', '**/pnpm-lock.yaml', '**/yarn.lock', '**/*.min.js', '**/*.min.css'],
};

export function defaultConfig(): Config {
  return structuredClone(DEFAULT_VALUES);
}
