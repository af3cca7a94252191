// What prepare-commit-msg records, decided from data only: the environment's values, a
// recognised agent, a prompt, or nothing (unknown). Kept pure so every branch is unit-tested.

import type { Config } from '../../model/config.ts';
import { InvalidValueError } from '../../model/errors.ts';
import { configuredLevelFor, inferAssistance, type CommitIdentity } from '../../model/inference.ts';
import { normalizeLevel, type DeclaredFields } from '../../model/trailers.ts';
import { agentFromEnvironment } from './agents.ts';

export const ENV = {
  level: 'GIT_PROVENANCE_LEVEL',
  explanation: 'GIT_PROVENANCE_EXPLAIN',
  tool: 'GIT_PROVENANCE_TOOL',
  model: 'GIT_PROVENANCE_MODEL',
} as const;

export type CaptureDecision =
  | { kind: 'record'; fields: DeclaredFields & { level: string }; origin: 'environment' | 'agent'; evidence?: string }
  | { kind: 'prompt'; defaults: { level?: string; tool?: string; model?: string } }
  | { kind: 'unknown' };

function envValue(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

export function decideCapture(
  config: Config,
  env: Readonly<Record<string, string | undefined>>,
  commit: CommitIdentity,
  options: { canPrompt: boolean },
): CaptureDecision {
  const explanation = envValue(env, ENV.explanation);
  const envTool = envValue(env, ENV.tool);
  const envModel = envValue(env, ENV.model);
  const agent = agentFromEnvironment(env);
  const inferred = inferAssistance(commit);

  const rawLevel = envValue(env, ENV.level);
  if (rawLevel !== undefined) {
    let level: string;
    try {
      level = normalizeLevel(rawLevel);
    } catch {
      level = rawLevel.trim();
    }
    if (!config.levels.includes(level)) {
      throw new InvalidValueError(
        ENV.level,
        `"${level}" is not one of levels [${config.levels.join(', ')}]`,
        `set ${ENV.level} to one of ${config.levels.join(', ')}`,
      );
    }
    const detected = levelIsAi(config, level) ? (agent ?? inferred) : undefined;
    const tool = envTool ?? detected?.tool;
    const model = envModel ?? (envTool ? undefined : detected?.model);
    return { kind: 'record', origin: 'environment', fields: { level, explanation, tool, model } };
  }

  // An agent never gets a prompt: its own environment or markers say what it is.
  const strong = agent ? { ...agent, level: 'generated' as const } : inferred?.level === 'generated' ? inferred : undefined;
  if (strong) {
    return {
      kind: 'record',
      origin: 'agent',
      evidence: strong.evidence,
      fields: {
        level: configuredLevelFor(config.levels, 'generated'),
        explanation,
        tool: envTool ?? strong.tool,
        model: envModel ?? (envTool ? undefined : strong.model),
      },
    };
  }
  // Weaker evidence (an editor's co-author line, an Assisted-by typed by hand) is only a default
  // for a person at a terminal; without one it is what we know.
  if (options.canPrompt) {
    return {
      kind: 'prompt',
      defaults: {
        level: inferred ? configuredLevelFor(config.levels, inferred.level) : undefined,
        tool: envTool ?? inferred?.tool,
        model: envModel ?? (envTool ? undefined : inferred?.model),
      },
    };
  }
  if (inferred) {
    return {
      kind: 'record',
      origin: 'agent',
      evidence: inferred.evidence,
      fields: { level: configuredLevelFor(config.levels, inferred.level), explanation, tool: envTool ?? inferred.tool, model: envModel ?? inferred.model },
    };
  }
  return { kind: 'unknown' };
}

function levelIsAi(config: Config, level: string): boolean {
  return config.levels.indexOf(level) > 0;
}
