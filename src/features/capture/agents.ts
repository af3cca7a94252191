// Coding agents recognised from the environment they run git in. Agents commit without a
// terminal and must never be asked anything; what they write into the message (Co-authored-by,
// author names) is recognised by model/inference.ts.

export interface AgentEvidence {
  tool: string;
  model?: string;
  evidence: string;
}

/** Variables agents set in the shells they run commands in. */
export const AGENT_VARIABLES: readonly { variable: string; tool: string }[] = [
  { variable: 'CLAUDECODE', tool: 'claude-code' },
  { variable: 'CURSOR_AGENT', tool: 'cursor' },
  { variable: 'CODEX_SANDBOX', tool: 'codex' },
  { variable: 'CODEX_SANDBOX_NETWORK_DISABLED', tool: 'codex' },
  { variable: 'GEMINI_CLI', tool: 'gemini' },
];

/** Values that mean "off" (compared case-insensitively). */
export const AGENT_OFF_VALUES: readonly string[] = ['', '0', 'false'];

export function agentFromEnvironment(env: Readonly<Record<string, string | undefined>>): AgentEvidence | undefined {
  for (const { variable, tool } of AGENT_VARIABLES) {
    const value = env[variable];
    if (value !== undefined && !AGENT_OFF_VALUES.includes(value.toLowerCase())) {
      return { tool, evidence: `${variable} is set` };
    }
  }
  return undefined;
}
