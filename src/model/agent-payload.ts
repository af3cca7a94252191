// What a coding agent's hook tells `git-provenance checkpoint` on stdin, read tolerantly: the
// agents' payloads change between releases (docs/CAPTURE.md, "Agents' edits"). Never throws.

export type AgentTool = 'claude-code' | 'cursor' | 'gemini';

export interface AgentEdit {
  tool: AgentTool;
  /** `pre`: before the agent's tool runs (snapshot the file); `post`: after it wrote. */
  phase: 'pre' | 'post';
  /** The edited file as the payload names it (absolute, or relative to `root`). */
  filePath: string;
  /** Where the agent works: its cwd or first workspace root. */
  root?: string;
  model?: string;
  /** The texts the agent wrote (Write's content, the new sides of Edit/MultiEdit/Cursor's edits). */
  written: string[];
}

/** Whether the agent reads a JSON answer on stdout (Cursor and Gemini CLI do; Claude Code needs none). */
export function wantsJsonAnswer(payload: unknown): boolean {
  const event = eventName(payload);
  return /^[a-z]/.test(event) || event === 'BeforeTool' || event === 'AfterTool';
}

/** Claude Code's and Gemini CLI's file-writing tools. */
const WRITE_TOOLS = new Set(['Write', 'Edit', 'MultiEdit', 'NotebookEdit', 'write_file', 'replace']);

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function eventName(payload: unknown): string {
  const raw = record(payload);
  return text(raw?.hook_event_name) ?? text(raw?.hookEventName) ?? '';
}

/** New-side texts of a list of `{old_string, new_string}` (also `newString`, `new_text`). */
function newSides(edits: unknown): string[] {
  if (!Array.isArray(edits)) return [];
  const out: string[] = [];
  for (const edit of edits) {
    const raw = record(edit);
    const value = text(raw?.new_string) ?? text(raw?.newString) ?? text(raw?.new_text);
    if (value !== undefined) out.push(value);
  }
  return out;
}

export function parseAgentPayload(payload: unknown): AgentEdit | undefined {
  const raw = record(payload);
  if (!raw) return undefined;
  const event = eventName(raw);
  const model = text(raw.model) ?? text(record(raw.model)?.id);
  if (event === 'afterFileEdit') {
    // Cursor: the file and its edits at the top level, or (some releases) under tool_input.
    const input = record(raw.tool_input) ?? {};
    const filePath = text(raw.file_path) ?? text(input.file_path);
    if (!filePath) return undefined;
    const roots = Array.isArray(raw.workspace_roots) ? raw.workspace_roots.filter((root): root is string => typeof root === 'string') : [];
    return { tool: 'cursor', phase: 'post', filePath, root: roots[0] ?? text(raw.cwd), model, written: [...newSides(raw.edits), ...newSides(input.edits)] };
  }
  const phase = event === 'PreToolUse' || event === 'BeforeTool' ? 'pre' : event === 'PostToolUse' || event === 'AfterTool' ? 'post' : undefined;
  const toolName = text(raw.tool_name) ?? '';
  if (!phase || !WRITE_TOOLS.has(toolName)) return undefined;
  const input = record(raw.tool_input) ?? {};
  const filePath = text(input.file_path) ?? text(input.notebook_path) ?? text(input.path) ?? text(input.absolute_path);
  if (!filePath) return undefined;
  const written: string[] = [];
  for (const key of ['content', 'new_string', 'new_source']) {
    const value = text(input[key]);
    if (value !== undefined) written.push(value);
  }
  written.push(...newSides(input.edits));
  const gemini = event === 'BeforeTool' || event === 'AfterTool';
  return { tool: gemini ? 'gemini' : 'claude-code', phase, filePath, root: text(raw.cwd), model, written };
}
