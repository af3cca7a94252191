// The one GitHub REST call sequence the action needs: find this tool's comment on a pull
// request by its hidden marker, then update it, or create it when there is none.

export interface GitHubTarget {
  apiUrl: string;
  token: string;
  /** "owner/name". */
  repository: string;
  issue: number;
}

async function call(target: GitHubTarget, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${target.apiUrl.replace(/\/$/, '')}${path}`, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${target.token}`,
      'x-github-api-version': '2022-11-28',
      'user-agent': 'git-provenance',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`GitHub API ${method} ${path}: ${response.status} ${response.statusText}`);
  return response.json();
}

/** Returns what was done and the comment's id. */
export async function upsertComment(target: GitHubTarget, marker: string, body: string): Promise<{ action: 'created' | 'updated'; id: number }> {
  const base = `/repos/${target.repository}/issues`;
  for (let page = 1; ; page++) {
    const comments = (await call(target, 'GET', `${base}/${target.issue}/comments?per_page=100&page=${page}`)) as { id: number; body?: string }[];
    const ours = comments.find((comment) => comment.body?.includes(marker));
    if (ours) {
      await call(target, 'PATCH', `${base}/comments/${ours.id}`, { body });
      return { action: 'updated', id: ours.id };
    }
    if (comments.length < 100) break;
  }
  const created = (await call(target, 'POST', `${base}/${target.issue}/comments`, { body })) as { id: number };
  return { action: 'created', id: created.id };
}
