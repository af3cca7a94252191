// `.provenance.yml`: its schema and errors that name the file, line and field. This module loads
// yaml and zod (~90 ms bundled), so hooks reach it only when the file changed (features/config.ts).

import { LineCounter, isNode, parseDocument } from 'yaml';
import { z } from 'zod';
import { ConfigError } from './errors.ts';
import { LEVEL_NAME } from './levels.ts';
import { CONFIG_FILE, DEFAULT_VALUES as DEFAULTS } from './config-defaults.ts';
import { compileFixPattern } from './fix-pattern.ts';
import { patternProblem } from './paths.ts';
import { quoted } from './safe-text.ts';

const levelName = z.string().regex(LEVEL_NAME, 'a level name: lower-case letters, digits and -, starting with a letter');
const glob = z.string().superRefine((pattern, context) => {
  const problem = patternProblem(pattern);
  if (problem) context.addIssue({ code: 'custom', message: `path pattern ${quoted(pattern.length > 60 ? `${pattern.slice(0, 60)}…` : pattern)} ${problem}` });
});
const globs = z.array(glob);
// No control, format (bidi, zero-width) or separator characters: these values are printed.
const email = z.string().regex(/^[^\s<>@\p{C}\p{Z}]+@[^\s<>@\p{C}\p{Z}]+$/u, 'an e-mail address such as lead@example.com');

const zoneSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a zone name: letters, digits and . _ -'),
  paths: globs.min(1, 'at least one path pattern'),
  allow: z.array(levelName).optional(),
  reviewRequiredFor: z.array(levelName).default([]),
  reviewers: z.array(email).default([]),
  /** Only reviews signed with git's signing (`review --sign`) and verified by the checker count. */
  requireSignedReviews: z.boolean().default(false),
  description: z
    .string()
    .regex(/^[^\p{Cc}\p{Cf}\u2028\u2029]*$/u, 'one line of text without control characters')
    .optional(),
});

const budgetSchema = z.strictObject({
  service: z.string().regex(/^[^\s()\p{C}\p{Z}][^\s\p{C}\p{Z}]*$/u, 'a service name without spaces or control characters'),
  maxAiShare: z.number().min(0, 'a share between 0 and 1').max(1, 'a share between 0 and 1'),
  windowDays: z.number().int().positive().default(30),
  /** What a push or check that crosses the budget does. */
  action: z.enum(['refuse', 'warn']).default('refuse'),
});

const fileSchema = z.strictObject({
  levels: z
    .array(levelName)
    .min(1, 'at least one level')
    .default(() => [...DEFAULTS.levels]),
  explanation: z
    .strictObject({
      /** Default: every AI level (all but the first). */
      requiredFor: z.array(levelName).optional(),
      minLength: z.number().int().min(0).default(DEFAULTS.explanation.minLength),
    })
    .default({ minLength: DEFAULTS.explanation.minLength }),
  services: z.record(z.string().regex(/^[^\s()\p{C}\p{Z}][^\s\p{C}\p{Z}]*$/u, 'a service name without spaces or control characters'), globs).default({}),
  zones: z.array(zoneSchema).default([]),
  unknown: z.enum(['allow', 'refuse']).default(DEFAULTS.unknown),
  budgets: z.array(budgetSchema).default([]),
  rework: z
    .strictObject({
      windowDays: z.number().int().positive().default(DEFAULTS.rework.windowDays),
      fixPattern: z.string().default(DEFAULTS.rework.fixPattern),
    })
    .default({ ...DEFAULTS.rework }),
  ignore: globs.default(() => [...DEFAULTS.ignore]),
});

const configSchema = fileSchema.transform((config) => ({
  ...config,
  explanation: { ...config.explanation, requiredFor: config.explanation.requiredFor ?? config.levels.slice(1) },
}));

export type Config = z.output<typeof configSchema>;
export type Zone = Config['zones'][number];
export type Budget = Config['budgets'][number];

type Path = (string | number)[];

/** YAML alias expansions allowed in one document. */
const MAX_ALIAS_COUNT = 100;

/** Cross-field rules the schema cannot express; each returns the path of the offending field. */
function crossCheck(config: Config): { path: Path; message: string } | undefined {
  const levels = config.levels;
  const duplicate = levels.find((level, i) => levels.indexOf(level) !== i);
  if (duplicate) return { path: ['levels'], message: `"${duplicate}" is listed twice` };
  if (levels.includes('unknown')) return { path: ['levels'], message: '"unknown" is implicit and cannot be a level' };
  const checkLevels = (list: string[], path: Path) => {
    for (let i = 0; i < list.length; i++) {
      if (!levels.includes(list[i])) return { path: [...path, i], message: `"${list[i]}" is not one of levels [${levels.join(', ')}]` };
    }
    return undefined;
  };
  const problem = checkLevels(config.explanation.requiredFor, ['explanation', 'requiredFor']);
  if (problem) return problem;
  const zoneNames = new Set<string>();
  for (let i = 0; i < config.zones.length; i++) {
    const zone = config.zones[i];
    if (zoneNames.has(zone.name)) return { path: ['zones', i, 'name'], message: `zone "${zone.name}" is defined twice` };
    zoneNames.add(zone.name);
    const bad = (zone.allow && checkLevels(zone.allow, ['zones', i, 'allow'])) || checkLevels(zone.reviewRequiredFor, ['zones', i, 'reviewRequiredFor']);
    if (bad) return bad;
    if (zone.reviewRequiredFor.length && zone.reviewers.length === 0) {
      return { path: ['zones', i, 'reviewers'], message: 'reviewRequiredFor needs at least one reviewer e-mail' };
    }
    if (zone.requireSignedReviews && !zone.reviewRequiredFor.length) {
      return { path: ['zones', i, 'requireSignedReviews'], message: 'requires signed reviews, but reviewRequiredFor lists no level that needs a review' };
    }
  }
  const serviceNames = Object.keys(config.services);
  for (let i = 0; i < config.budgets.length; i++) {
    const { service } = config.budgets[i];
    if (serviceNames.length && !serviceNames.includes(service)) {
      return { path: ['budgets', i, 'service'], message: `"${service}" is not one of services [${serviceNames.join(', ')}]` };
    }
  }
  try {
    compileFixPattern(config.rework.fixPattern);
  } catch (error) {
    return { path: ['rework', 'fixPattern'], message: (error as Error).message };
  }
  return undefined;
}

function fieldName(path: Path): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    case 'invalid_type':
      if (issue.message.endsWith('received undefined')) return `is missing (expected ${issue.expected})`;
      return `expected ${issue.expected}${issue.message.includes('received') ? `, ${issue.message.slice(issue.message.indexOf('received'))}` : ''}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_format':
      return issue.message.startsWith('Invalid') ? `expected ${issue.format}` : `expected ${issue.message}`;
    case 'too_small':
    case 'too_big':
      return issue.message.startsWith('Too') || issue.message.startsWith('Invalid') ? issue.message.toLowerCase() : `expected ${issue.message}`;
    default:
      return issue.message;
  }
}

/**
 * Parses and validates the text of a config file. `file` is the name used in messages.
 * Throws ConfigError naming the file, the line and the field.
 */
export function parseConfig(text: string, file: string = CONFIG_FILE): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const error = doc.errors[0];
    const line = lineCounter.linePos(error.pos[0]).line;
    throw new ConfigError(file, `is not valid YAML: ${error.message.split('\n')[0]}`, { line, hint: 'fix the YAML syntax (indentation, quotes, colons)' });
  }
  const lineOf = (path: Path): number | undefined => {
    for (let depth = path.length; depth >= 0; depth--) {
      const sub = path.slice(0, depth);
      const node = sub.length ? doc.getIn(sub, true) : doc.contents;
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      // A key whose value is null has no node: point at the key itself.
      if (depth > 0) {
        const parent = depth > 1 ? doc.getIn(path.slice(0, depth - 1), true) : doc.contents;
        const items = isNode(parent) && 'items' in parent ? (parent as unknown as { items: { key?: unknown }[] }).items : [];
        const pair = items.find((item) => isNode(item.key) && (item.key as unknown as { value: unknown }).value === path[depth - 1]);
        if (pair && isNode(pair.key) && pair.key.range) return lineCounter.linePos(pair.key.range[0]).line;
      }
    }
    return undefined;
  };
  let raw: unknown;
  try {
    // Aliases are expanded by copying: a few nested ones make a "billion laughs" document.
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    throw new ConfigError(file, `uses YAML aliases too many times (over ${MAX_ALIAS_COUNT} expansions)`, {
      hint: 'write the values out instead of repeating aliases (*name)',
    });
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(file, 'expected a mapping of keys (levels, services, zones, ...)', { line: 1, hint: `see templates/provenance.yml for an example` });
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
    const keyPath = issue.code === 'unrecognized_keys' ? [...path, issue.keys[0]] : path;
    throw new ConfigError(file, describeIssue(issue), { line: lineOf(keyPath), field: fieldName(path) || '(top level)' });
  }
  const problem = crossCheck(result.data);
  if (problem) throw new ConfigError(file, problem.message, { line: lineOf(problem.path), field: fieldName(problem.path) });
  return result.data;
}
