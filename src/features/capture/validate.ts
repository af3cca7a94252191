// commit-msg: is the final message's record complete? Pure: the hook feeds it git's own reading
// of the trailers, decoded, and prints the problems with their fixes.

import type { Config } from '../../model/config.ts';
import { isKnownLevel } from '../../model/levels.ts';
import { TRAILER, normalizeModel, normalizeTool, type DecodedTrailers } from '../../model/trailers.ts';
import { ENV } from './decide.ts';

export interface MessageCheck {
  problems: { message: string; fix: string }[];
  warnings: string[];
}

export function checkMessage(config: Config, decoded: DecodedTrailers, options: { agent?: string; explanationFromEnvironment?: boolean } = {}): MessageCheck {
  const check: MessageCheck = { problems: [], warnings: [] };
  const levelList = config.levels.join(', ');
  if (decoded.levels.length > 1) {
    check.problems.push({
      message: `the message has ${decoded.levels.length} ${TRAILER.level} trailers (${decoded.levels.join(', ')})`,
      fix: `keep one "${TRAILER.level}:" line`,
    });
    return check;
  }
  const level = decoded.levels[0];
  // No level is unknown: prepare-commit-msg already refused it where `unknown: refuse` applies
  // at commit time (no values, no terminal); push and check refuse it again.
  if (level === undefined) return check;
  if (!isKnownLevel(config.levels, level)) {
    check.problems.push({ message: `${TRAILER.level} "${level}" is not one of levels [${levelList}]`, fix: `use one of ${levelList}` });
    return check;
  }
  const { requiredFor, minLength } = config.explanation;
  if (requiredFor.includes(level)) {
    const explanation = decoded.explanation ?? '';
    if (explanation.length < Math.max(minLength, 1)) {
      const what = explanation ? `${TRAILER.explanation} is ${explanation.length} characters long` : `${TRAILER.explanation} is missing`;
      if (!explanation && options.agent) {
        // An agent cannot explain the design for a person: record it and say how to add one.
        check.warnings.push(`${what} (${options.agent}); a person can add one later with \`git-provenance record --level ${level} --explain "…"\``);
      } else if (options.explanationFromEnvironment) {
        check.problems.push({
          message: `${ENV.explanation} is ${explanation.length} characters long; level ${level} needs one of at least ${minLength} characters`,
          fix: `set ${ENV.explanation} to a sentence or two: how does this change fit the design?`,
        });
      } else {
        check.problems.push({
          message: `${what}; level ${level} needs one of at least ${minLength} characters`,
          fix: `add a line "${TRAILER.explanation}: <in a sentence or two: how does this change fit the design?>" to the trailers, or set ${ENV.explanation}`,
        });
      }
    }
  }
  if (decoded.tool !== undefined) {
    try {
      normalizeTool(decoded.tool);
      if (decoded.model !== undefined) normalizeModel(decoded.model);
    } catch (error) {
      check.problems.push({
        message: `${TRAILER.assistedBy}: ${(error as Error).message}`,
        fix: `write it as "${TRAILER.assistedBy}: tool[:model]", e.g. claude-code:claude-opus-4-7`,
      });
    }
  }
  return check;
}

const OUR_TRAILER_LINE = new RegExp(`^(${[TRAILER.level, TRAILER.explanation, TRAILER.assistedBy].join('|')})\\s*:`, 'i');

/**
 * True when nothing but comment lines and the trailers the hooks wrote is left: the person quit
 * the editor without a message. git would abort such a commit had the hooks not added trailers.
 */
export function isEmptyButOurTrailers(message: string, commentChar = '#'): boolean {
  return message.split(/\r?\n/).every((line) => line.trim() === '' || line.startsWith(commentChar) || OUR_TRAILER_LINE.test(line));
}
