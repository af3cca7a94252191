// The dashboard as one self-contained HTML file: styles, data and the chart script inline, a
// Content-Security-Policy that forbids every network request, and the main table written here
// so that the page reads with scripts off. Everything from the repository is escaped: as HTML
// text here, and as JSON that cannot close its <script> element (nor break a JS parser) below.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ALL_SERVICES } from './rows.ts';
import { count, fraction, percent, serviceTable, sharesOf, type DashboardData } from './figures.ts';
import { STYLES } from './styles.ts';

export function escapeHtml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** JSON that is safe inside <script>: no "<" (so no "</script>" or "<!--"), no U+2028/2029. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

let clientScript: string | undefined;

/**
 * The page's script, built by scripts/build.mjs into dist/ beside the bundle that runs this
 * code (from the sources, it is read from dist/ at the root).
 */
export function dashboardScript(): string {
  if (clientScript !== undefined) return clientScript;
  const candidates = [new URL('./dashboard-client.js', import.meta.url), new URL('../../../dist/dashboard-client.js', import.meta.url)];
  const found = candidates.find((url) => existsSync(fileURLToPath(url)));
  if (!found) throw new Error('dist/dashboard-client.js is missing: run `npm run build`');
  clientScript = readFileSync(found, 'utf8');
  return clientScript;
}

function mainTable(data: DashboardData): string {
  const groups = serviceTable(data.rows, {});
  const many = data.repositories.length > 1;
  const head = [
    ...(many ? ['Repository'] : []),
    'Service',
    'AI share',
    'Unknown',
    'Level',
    'Commits',
    'Lines added',
    'Deleted',
    'Surviving',
    'Rework',
    'Fix follow-up',
    'Reverted',
  ];
  const body: string[] = [];
  for (const group of groups) {
    const shares = sharesOf(group.levels, data.levels);
    const label = group.service === ALL_SERVICES ? 'all services' : group.service;
    const levels = data.levels.filter((level) => group.levels[level] && (group.levels[level].commits > 0 || group.levels[level].linesAdded > 0));
    levels.forEach((level, i) => {
      const f = group.levels[level];
      const cells = [
        ...(many ? [i === 0 ? escapeHtml(group.repository) : ''] : []),
        i === 0 ? escapeHtml(label) : '',
        i === 0 ? percent(shares.aiShare) : '',
        i === 0 ? percent(shares.unknownShare) : '',
        escapeHtml(level),
        count(f.commits),
        count(f.linesAdded),
        count(f.linesDeleted),
        count(f.surviving),
        fraction(f.reworkReworked, f.reworkMature),
        fraction(f.fixFollowUpFollowed, f.fixFollowUpCommits),
        count(f.reverted),
      ];
      const textColumns = many ? 3 : 2;
      body.push(
        `<tr${group.service === ALL_SERVICES ? ' class="total"' : ''} data-repository="${escapeHtml(group.repository)}" data-service="${escapeHtml(group.service)}" data-level="${escapeHtml(level)}">${cells.map((cell, c) => `<td${c < textColumns || c === textColumns + 2 ? ' class="text"' : ''}>${cell}</td>`).join('')}</tr>`,
      );
    });
  }
  return `<div class="table-wrap"><table id="main-table"><caption class="visually-hidden">Figures per service and level over the whole range</caption><thead><tr>${head.map((name, c) => `<th scope="col"${c < (many ? 2 : 1) || name === 'Level' ? ' class="text"' : ''}>${name}</th>`).join('')}</tr></thead><tbody>${body.join('')}</tbody></table></div>`;
}

export function renderDashboard(data: DashboardData): string {
  const script = dashboardScript();
  const hash = createHash('sha256').update(script).digest('base64');
  // Only the inline script (by hash) and inline styles: no fetch, image, font or frame can load.
  const policy = `default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
  const notes = data.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="git-provenance">
<title>${escapeHtml(data.title)}</title>
<style>${STYLES}</style>
</head>
<body>
<header>
<h1>${escapeHtml(data.title)}</h1>
<p class="subtitle">${escapeHtml(data.subtitle)}</p>
</header>
<noscript><p>Scripts are off: the charts and filters need them; the table below has every figure over the whole range.</p></noscript>
<div id="app"></div>
<section aria-labelledby="main-heading">
<h2 id="main-heading">Services by level</h2>
${mainTable(data)}
</section>
<section aria-labelledby="notes-heading">
<h2 id="notes-heading">Notes</h2>
<ul class="notes">${notes}</ul>
</section>
<script type="application/json" id="gp-data">${scriptJson(data)}</script>
<script>${script}</script>
</body>
</html>
`;
}
