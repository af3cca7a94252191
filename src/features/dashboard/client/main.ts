// The page's script: filters (service, period range, repository) as native selects, summary
// cards, charts drawn by Observable Plot, a data table under every chart, and sortable tables.
// Repository text is only ever set as textContent (never parsed as HTML).

import * as Plot from '@observablehq/plot';
import { ALL_SERVICES } from '../rows.ts';
import {
  byLevel,
  count,
  explanationCoverage,
  fraction,
  outcomesOf,
  percent,
  periodsOf,
  ratio,
  selectRows,
  serviceTable,
  servicesOf,
  sharesOf,
  type DashboardData,
  type LevelTotals,
  type Selection,
} from '../figures.ts';
import { LEVEL_PALETTE, UNKNOWN_COLOUR } from '../styles.ts';

const data = JSON.parse(document.getElementById('gp-data')!.textContent!) as DashboardData;
const levels = data.levels;
const aiLevels = levels.slice(1, -1);
const periods = periodsOf(data.rows);
const services = servicesOf(data.rows);
const manyRepositories = data.repositories.length > 1;
const colours = { domain: levels, range: levels.map((_level, i) => (i === levels.length - 1 ? UNKNOWN_COLOUR : LEVEL_PALETTE[i % LEVEL_PALETTE.length])) };
const selection: Selection = { service: ALL_SERVICES, from: periods[0], to: periods[periods.length - 1] };

type Cell = string | number | null;
interface Column<T> {
  label: string;
  value: (row: T) => Cell;
  show?: (row: T) => string;
  text?: boolean;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

/** A table whose column headers are buttons that sort it (Enter or Space from the keyboard). */
function sortableTable<T>(id: string, caption: string, columns: Column<T>[], rows: T[], rowClass?: (row: T) => string): HTMLElement {
  const table = element('table', { id });
  table.append(element('caption', { class: 'visually-hidden' }, caption));
  const headRow = element('tr');
  const body = element('tbody');
  let sortColumn = -1;
  let descending = false;
  const fill = () => {
    const ordered = [...rows];
    if (sortColumn >= 0) {
      const value = columns[sortColumn].value;
      ordered.sort((a, b) => {
        const x = value(a);
        const y = value(b);
        if (x === y) return 0;
        if (x === null) return 1;
        if (y === null) return -1;
        const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
        return descending ? -order : order;
      });
    }
    body.replaceChildren(
      ...ordered.map((row) => {
        const tr = element('tr');
        const extra = rowClass?.(row);
        if (extra) tr.className = extra;
        for (const column of columns) {
          const value = column.value(row);
          tr.append(element('td', column.text ? { class: 'text' } : {}, column.show ? column.show(row) : value === null ? '–' : String(value)));
        }
        return tr;
      }),
    );
  };
  columns.forEach((column, index) => {
    const button = element('button', { type: 'button' }, column.label);
    const th = element('th', { scope: 'col', ...(column.text ? { class: 'text' } : {}) }, button);
    button.addEventListener('click', () => {
      descending = sortColumn === index ? !descending : !column.text;
      sortColumn = index;
      for (const other of headRow.children) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      fill();
    });
    headRow.append(th);
  });
  table.append(element('thead', {}, headRow), body);
  fill();
  return element('div', { class: 'table-wrap' }, table);
}

function chart(id: string, title: string, plot: () => Element | null, table: HTMLElement, description: string): HTMLElement {
  const holder = element('div', { class: 'plot' });
  const drawn = plot();
  if (drawn) {
    drawn.setAttribute('role', 'img');
    drawn.setAttribute('aria-label', `${title}. ${description}`);
    holder.append(drawn);
  } else holder.append(element('p', { class: 'subtitle' }, 'Nothing to draw for this selection.'));
  return element(
    'figure',
    { 'data-chart': id },
    element('figcaption', {}, title),
    holder,
    element('p', { class: 'subtitle' }, description),
    element('details', {}, element('summary', {}, 'Data table'), table),
  );
}

function plotWidth(): number {
  return Math.max(320, Math.min(560, (document.body.clientWidth || 1000) / 2 - 40));
}

const levelColour = (level: string) => colours.range[levels.indexOf(level)] ?? UNKNOWN_COLOUR;

// ---- the sections ---------------------------------------------------------------------------

function filters(onChange: () => void): HTMLElement {
  const select = (id: string, label: string, options: [string, string][], value: string | undefined, set: (value: string) => void) => {
    const input = element('select', { id });
    for (const [optionValue, text] of options) input.append(element('option', { value: optionValue }, text));
    input.value = value ?? '';
    input.addEventListener('change', () => {
      set(input.value);
      onChange();
    });
    return element('label', { for: id }, label, input);
  };
  const box = element('form', { class: 'filters', role: 'search', 'aria-label': 'Filters' });
  box.addEventListener('submit', (event) => event.preventDefault());
  if (manyRepositories) {
    box.append(
      select(
        'filter-repository',
        'Repository',
        [['', 'All repositories'], ...data.repositories.map((name) => [name, name] as [string, string])],
        '',
        (value) => (selection.repository = value || undefined),
      ),
    );
  }
  box.append(
    select(
      'filter-service',
      'Service',
      [[ALL_SERVICES, 'All services'], ...services.map((name) => [name, name] as [string, string])],
      selection.service,
      (value) => (selection.service = value),
    ),
  );
  const periodOptions = periods.map((name) => [name, name] as [string, string]);
  box.append(select('filter-from', `From (${data.period})`, periodOptions, selection.from, (value) => (selection.from = value)));
  box.append(select('filter-to', `To (${data.period})`, periodOptions, selection.to, (value) => (selection.to = value)));
  return box;
}

function card(figure: string, label: string, value: string, detail: string): HTMLElement {
  return element(
    'div',
    { class: 'card', 'data-figure': figure },
    element('div', { class: 'label' }, label),
    element('div', { class: 'value' }, value),
    element('div', { class: 'detail' }, detail),
  );
}

function render(): void {
  const app = document.getElementById('app')!;
  const from = selection.from && selection.to && selection.from > selection.to ? selection.to : selection.from;
  const to = selection.from && selection.to && selection.from > selection.to ? selection.from : selection.to;
  const current: Selection = { ...selection, from, to };
  const rows = selectRows(data.rows, current);
  const totals = byLevel(rows, levels);
  const shares = sharesOf(totals, levels);
  const coverage = explanationCoverage(data.explanations, current);
  let aiCommits = 0;
  let aiExplained = 0;
  for (const level of aiLevels) {
    aiCommits += coverage.get(level)?.commits ?? 0;
    aiExplained += coverage.get(level)?.explained ?? 0;
  }
  const sections: HTMLElement[] = [];
  const status = element(
    'p',
    { class: 'visually-hidden', 'aria-live': 'polite', id: 'filter-status' },
    `Showing ${current.service === ALL_SERVICES ? 'all services' : current.service}${current.repository ? ` in ${current.repository}` : ''}, ${from ?? ''} to ${to ?? ''}.`,
  );
  sections.push(
    element(
      'section',
      { class: 'cards', 'aria-label': 'Summary' },
      card('aiShare', 'AI share of added lines', percent(shares.aiShare), 'of lines at known levels'),
      card(
        'aiShareRange',
        'AI-share range',
        shares.aiShareLower === null ? '–' : `${percent(shares.aiShareLower)} – ${percent(shares.aiShareUpper)}`,
        'unknown lines counted as human … as AI',
      ),
      card('unknownShare', 'Unknown share', percent(shares.unknownShare), 'added lines with no record'),
      card('commits', 'Commits', count(shares.commits), `${count(shares.linesAdded)} lines added`),
      card(
        'explanationCoverage',
        'Explanation coverage',
        percent(ratio(aiExplained, aiCommits)),
        `${count(aiExplained)} of ${count(aiCommits)} AI commits explained (all services)`,
      ),
    ),
  );

  // Trend per period: AI share with its range, velocity, rework per level.
  const byPeriod = periods
    .filter((period) => (!from || period >= from) && (!to || period <= to))
    .map((period) => {
      const periodTotals = byLevel(
        rows.filter((row) => row.period === period),
        levels,
      );
      return { period, totals: periodTotals, shares: sharesOf(periodTotals, levels) };
    });
  const perLevel = byPeriod.flatMap(({ period, totals: t }) =>
    levels.map((level) => ({
      period,
      level,
      commits: t[level].commits,
      linesAdded: t[level].linesAdded,
      reworkRate: ratio(t[level].reworkReworked, t[level].reworkMature),
    })),
  );
  const shareTable = sortableTable(
    'table-ai-share',
    'AI share by period',
    [
      { label: 'Period', value: (r: (typeof byPeriod)[number]) => r.period, text: true },
      { label: 'AI share', value: (r) => r.shares.aiShare, show: (r) => percent(r.shares.aiShare) },
      { label: 'Range low', value: (r) => r.shares.aiShareLower, show: (r) => percent(r.shares.aiShareLower) },
      { label: 'Range high', value: (r) => r.shares.aiShareUpper, show: (r) => percent(r.shares.aiShareUpper) },
      { label: 'Unknown', value: (r) => r.shares.unknownShare, show: (r) => percent(r.shares.unknownShare) },
      { label: 'Lines added', value: (r) => r.shares.linesAdded, show: (r) => count(r.shares.linesAdded) },
    ],
    byPeriod,
  );
  const shareMarks = byPeriod.filter((r) => r.shares.aiShareLower !== null);
  // Many periods: labels turned, with room below for them.
  const rotateTicks = byPeriod.length > 12;
  type PerLevel = (typeof perLevel)[number];
  const velocityChart = (field: 'commits' | 'linesAdded', label: string, tableId: string, description: string) =>
    chart(
      field === 'commits' ? 'velocity-commits' : 'velocity-lines',
      `Velocity: ${label} by ${data.period} and level`,
      () =>
        Plot.plot({
          width: plotWidth(),
          height: 240,
          marginLeft: 55,
          x: { type: 'band', label: null, domain: byPeriod.map((r) => r.period), tickRotate: rotateTicks ? -45 : 0 },
          marginBottom: rotateTicks ? 60 : 30,
          y: { label, grid: true },
          color: { ...colours, legend: true },
          marks: [
            Plot.barY(perLevel, {
              x: 'period',
              y: field,
              fill: 'level',
              order: levels,
              title: (r: PerLevel) => `${r.period} ${r.level}: ${count(r[field])} ${label}`,
            }),
            Plot.ruleY([0]),
          ],
        }),
      sortableTable(
        tableId,
        `${label} by period and level`,
        [
          { label: 'Period', value: (r: PerLevel) => r.period, text: true },
          { label: 'Level', value: (r) => r.level, text: true },
          { label: 'Commits', value: (r) => r.commits, show: (r) => count(r.commits) },
          { label: 'Lines added', value: (r) => r.linesAdded, show: (r) => count(r.linesAdded) },
        ],
        perLevel,
      ),
      description,
    );
  const trendCharts = element(
    'div',
    { class: 'grid' },
    chart(
      'ai-share',
      `AI share by ${data.period}`,
      () =>
        shareMarks.length
          ? Plot.plot({
              width: plotWidth(),
              height: 240,
              marginLeft: 45,
              x: { type: 'point', label: null, domain: byPeriod.map((r) => r.period), tickRotate: rotateTicks ? -45 : 0 },
              marginBottom: rotateTicks ? 60 : 30,
              y: { percent: true, domain: [0, 100], label: 'AI share (%)', grid: true },
              marks: [
                Plot.areaY(shareMarks, {
                  x: 'period',
                  y1: (r) => r.shares.aiShareLower,
                  y2: (r) => r.shares.aiShareUpper,
                  fill: levelColour(aiLevels[0] ?? levels[0]),
                  fillOpacity: 0.2,
                }),
                Plot.lineY(
                  shareMarks.filter((r) => r.shares.aiShare !== null),
                  { x: 'period', y: (r) => r.shares.aiShare, stroke: levelColour(aiLevels[aiLevels.length - 1] ?? levels[0]), strokeWidth: 2 },
                ),
                Plot.dot(
                  shareMarks.filter((r) => r.shares.aiShare !== null),
                  {
                    x: 'period',
                    y: (r) => r.shares.aiShare,
                    fill: levelColour(aiLevels[aiLevels.length - 1] ?? levels[0]),
                    title: (r) => `${r.period}: ${percent(r.shares.aiShare)} (range ${percent(r.shares.aiShareLower)}–${percent(r.shares.aiShareUpper)})`,
                  },
                ),
              ],
            })
          : null,
      shareTable,
      'The line is the AI share of lines at known levels; the band is its range when every unknown line is counted as human (bottom) or as AI (top).',
    ),
    velocityChart('commits', 'commits', 'table-velocity', 'Commits per period, stacked by level.'),
    velocityChart('linesAdded', 'lines added', 'table-velocity-lines', 'Lines added per period, stacked by level.'),
    chart(
      'rework-trend',
      `Rework rate by ${data.period} and level`,
      () => {
        const points = perLevel.filter((r) => r.reworkRate !== null);
        return points.length
          ? Plot.plot({
              width: plotWidth(),
              height: 240,
              marginLeft: 45,
              x: { type: 'point', label: null, domain: byPeriod.map((r) => r.period), tickRotate: rotateTicks ? -45 : 0 },
              marginBottom: rotateTicks ? 60 : 30,
              y: { percent: true, label: 'reworked within the window (%)', grid: true },
              color: { ...colours, legend: true },
              marks: [
                Plot.lineY(points, { x: 'period', y: 'reworkRate', stroke: 'level', z: 'level' }),
                Plot.dot(points, { x: 'period', y: 'reworkRate', fill: 'level', title: (r) => `${r.period} ${r.level}: ${percent(r.reworkRate)}` }),
              ],
            })
          : null;
      },
      sortableTable(
        'table-rework-trend',
        'Rework rate by period and level',
        [
          { label: 'Period', value: (r: (typeof perLevel)[number]) => r.period, text: true },
          { label: 'Level', value: (r) => r.level, text: true },
          { label: 'Rework', value: (r) => r.reworkRate, show: (r) => percent(r.reworkRate) },
        ],
        perLevel,
      ),
      `Share of the lines written by mature commits that a later commit removed within ${data.windowDays} days.`,
    ),
  );
  sections.push(
    element('section', { 'aria-labelledby': 'trend-heading' }, element('h2', { id: 'trend-heading' }, 'AI share, velocity and rework over time'), trendCharts),
  );

  // Outcomes by level.
  const outcomes = levels
    .filter((level) => totals[level].commits > 0 || totals[level].linesAdded > 0)
    .map((level) => ({ ...outcomesOf(level, totals[level]), totals: totals[level] }));
  const metricNames = { reworkRate: 'rework', fixFollowUpRate: 'fix follow-up', revertRate: 'reverted', survival: 'surviving' } as const;
  const outcomeMarks = outcomes.flatMap((o) =>
    (Object.keys(metricNames) as (keyof typeof metricNames)[])
      .filter((m) => o[m] !== null)
      .map((m) => ({ metric: metricNames[m], level: o.level, value: o[m] as number })),
  );
  const outcomeTable = sortableTable(
    'table-levels',
    'Outcomes by level',
    [
      { label: 'Level', value: (r: (typeof outcomes)[number]) => r.level, text: true },
      { label: 'Commits', value: (r) => r.totals.commits, show: (r) => count(r.totals.commits) },
      { label: 'Lines added', value: (r) => r.totals.linesAdded, show: (r) => count(r.totals.linesAdded) },
      { label: 'Rework', value: (r) => r.reworkRate, show: (r) => fraction(r.totals.reworkReworked, r.totals.reworkMature) },
      { label: 'Fix follow-up', value: (r) => r.fixFollowUpRate, show: (r) => fraction(r.totals.fixFollowUpFollowed, r.totals.fixFollowUpCommits) },
      { label: 'Reverted', value: (r) => r.revertRate, show: (r) => fraction(r.totals.reverted, r.totals.commits) },
      { label: 'Surviving', value: (r) => r.survival, show: (r) => fraction(r.totals.surviving, r.totals.linesAdded) },
    ],
    outcomes,
  );
  sections.push(
    element(
      'section',
      { 'aria-labelledby': 'levels-heading' },
      element('h2', { id: 'levels-heading' }, 'Rework, fix follow-ups, reverts and survival by level'),
      chart(
        'outcomes',
        'Outcomes by level',
        () =>
          outcomeMarks.length
            ? Plot.plot({
                width: Math.min(1100, (document.body.clientWidth || 1000) - 40),
                height: 260,
                marginLeft: 45,
                fx: { label: null, domain: Object.values(metricNames) },
                x: { axis: null, domain: outcomes.map((o) => o.level) },
                y: { percent: true, label: '%', grid: true },
                color: { ...colours, legend: true },
                marks: [
                  Plot.barY(outcomeMarks, { fx: 'metric', x: 'level', y: 'value', fill: 'level', title: (r) => `${r.level} ${r.metric}: ${percent(r.value)}` }),
                  Plot.ruleY([0]),
                ],
              })
            : null,
        outcomeTable,
        'Rework: lines reworked within the window; fix follow-up: mature commits whose lines a fix commit removed; reverted: commits reverted within the window; surviving: lines still alive at the end.',
      ),
    ),
  );

  // Extra figures the report may carry (summed parts only).
  const extraNames = [...new Set(levels.flatMap((level) => Object.keys(totals[level].extra)))];
  if (extraNames.length) {
    sections.push(
      element(
        'section',
        { 'aria-labelledby': 'extra-heading' },
        element('h2', { id: 'extra-heading' }, 'Further figures by level'),
        sortableTable(
          'table-extra',
          'Further figures by level',
          [
            { label: 'Level', value: (r: { level: string; totals: LevelTotals }) => r.level, text: true },
            ...extraNames.map((name) => ({
              label: name,
              value: (r: { level: string; totals: LevelTotals }) => r.totals.extra[name] ?? null,
              show: (r: { level: string; totals: LevelTotals }) => count(r.totals.extra[name] ?? 0),
            })),
          ],
          levels.map((level) => ({ level, totals: totals[level] })),
        ),
      ),
    );
  }

  // Services (and repositories).
  const groups = serviceTable(data.rows, { ...current, service: current.service });
  const serviceRows = groups.map((group) => ({
    ...group,
    shares: sharesOf(group.levels, levels),
    ai: aiLevels.map((level) => group.levels[level]).filter(Boolean),
    human: group.levels[levels[0]],
  }));
  const reworkOf = (list: (LevelTotals | undefined)[]) => {
    let reworked = 0;
    let mature = 0;
    for (const f of list)
      if (f) {
        reworked += f.reworkReworked;
        mature += f.reworkMature;
      }
    return { reworked, mature, rate: ratio(reworked, mature) };
  };
  type ServiceRow = (typeof serviceRows)[number];
  const label = (r: ServiceRow) => (r.service === ALL_SERVICES ? 'all services' : r.service);
  sections.push(
    element(
      'section',
      { 'aria-labelledby': 'services-heading' },
      element('h2', { id: 'services-heading' }, manyRepositories ? 'Repositories and services' : 'Services'),
      sortableTable(
        'table-services',
        'AI share, velocity and rework per service',
        [
          ...(manyRepositories ? [{ label: 'Repository', value: (r: ServiceRow) => r.repository, text: true }] : []),
          { label: 'Service', value: label, text: true },
          { label: 'AI share', value: (r) => r.shares.aiShare, show: (r) => percent(r.shares.aiShare) },
          {
            label: 'Range',
            value: (r) => r.shares.aiShareLower,
            show: (r) => (r.shares.aiShareLower === null ? '–' : `${percent(r.shares.aiShareLower)} – ${percent(r.shares.aiShareUpper)}`),
          },
          { label: 'Unknown', value: (r) => r.shares.unknownShare, show: (r) => percent(r.shares.unknownShare) },
          { label: 'Commits', value: (r) => r.shares.commits, show: (r) => count(r.shares.commits) },
          { label: 'Lines added', value: (r) => r.shares.linesAdded, show: (r) => count(r.shares.linesAdded) },
          { label: 'Rework (AI levels)', value: (r) => reworkOf(r.ai).rate, show: (r) => fraction(reworkOf(r.ai).reworked, reworkOf(r.ai).mature) },
          {
            label: `Rework (${levels[0]})`,
            value: (r) => reworkOf([r.human]).rate,
            show: (r) => fraction(reworkOf([r.human]).reworked, reworkOf([r.human]).mature),
          },
        ] as Column<ServiceRow>[],
        serviceRows,
        (r) => (r.service === ALL_SERVICES ? 'total' : ''),
      ),
    ),
  );

  // The repository dimension: AI share and its range per repository.
  const repositoryRows = serviceRows.filter((r) => r.service === ALL_SERVICES && r.shares.aiShareLower !== null);
  if (manyRepositories && current.repository === undefined && repositoryRows.length) {
    sections.push(
      element(
        'section',
        { 'aria-labelledby': 'repositories-heading' },
        element('h2', { id: 'repositories-heading' }, 'AI share by repository'),
        chart(
          'repositories',
          'AI share by repository, with its range',
          () =>
            Plot.plot({
              width: Math.min(900, (document.body.clientWidth || 1000) - 40),
              height: 50 + repositoryRows.length * 24,
              marginLeft: 160,
              x: { percent: true, domain: [0, 100], label: 'AI share of added lines (%)', grid: true },
              y: { label: null, domain: repositoryRows.map((r) => r.repository) },
              marks: [
                Plot.barX(repositoryRows, {
                  y: 'repository',
                  x: (r: ServiceRow) => r.shares.aiShare ?? 0,
                  fill: levelColour(aiLevels[aiLevels.length - 1] ?? levels[0]),
                  title: (r: ServiceRow) => `${r.repository}: ${percent(r.shares.aiShare)}`,
                }),
                Plot.ruleY(repositoryRows, {
                  y: 'repository',
                  x1: (r: ServiceRow) => r.shares.aiShareLower,
                  x2: (r: ServiceRow) => r.shares.aiShareUpper,
                  stroke: 'currentColor',
                  strokeWidth: 2,
                }),
              ],
            }),
          sortableTable(
            'table-repositories',
            'AI share by repository',
            [
              { label: 'Repository', value: (r: ServiceRow) => r.repository, text: true },
              { label: 'AI share', value: (r) => r.shares.aiShare, show: (r) => percent(r.shares.aiShare) },
              { label: 'Range', value: (r) => r.shares.aiShareLower, show: (r) => `${percent(r.shares.aiShareLower)} – ${percent(r.shares.aiShareUpper)}` },
              { label: 'Unknown', value: (r) => r.shares.unknownShare, show: (r) => percent(r.shares.unknownShare) },
              { label: 'Commits', value: (r) => r.shares.commits, show: (r) => count(r.shares.commits) },
              { label: 'Lines added', value: (r) => r.shares.linesAdded, show: (r) => count(r.shares.linesAdded) },
            ] as Column<ServiceRow>[],
            repositoryRows,
          ),
          'Bars: AI share of lines at known levels; the line across each bar spans its range (unknown lines as human … as AI).',
        ),
      ),
    );
  }

  // Budgets and explanations.
  const budgets = data.budgets.filter((b) => current.repository === undefined || b.repository === current.repository);
  if (budgets.length) {
    type BudgetRow = (typeof budgets)[number];
    const name = (b: BudgetRow) => (manyRepositories ? `${b.repository}: ${b.service}` : b.service);
    sections.push(
      element(
        'section',
        { 'aria-labelledby': 'budgets-heading' },
        element('h2', { id: 'budgets-heading' }, 'Budgets: AI share against each cap'),
        chart(
          'budgets',
          'Budget use',
          () =>
            Plot.plot({
              width: Math.min(900, (document.body.clientWidth || 1000) - 40),
              height: 50 + budgets.length * 28,
              marginLeft: 160,
              x: { percent: true, domain: [0, 100], label: 'AI share of added lines in the window (%)', grid: true },
              y: { label: null, domain: budgets.map(name) },
              marks: [
                Plot.barX(budgets, {
                  y: name,
                  x: 'share',
                  fill: (b: BudgetRow) => (b.over ? '#D55E00' : '#0072B2'),
                  title: (b: BudgetRow) => `${name(b)}: ${percent(b.share)} of cap ${percent(b.maxAiShare)}`,
                }),
                Plot.tickX(budgets, { y: name, x: 'maxAiShare', stroke: 'currentColor', strokeWidth: 3 }),
              ],
            }),
          sortableTable(
            'table-budgets',
            'Budgets',
            [
              ...(manyRepositories ? [{ label: 'Repository', value: (b: BudgetRow) => b.repository, text: true }] : []),
              { label: 'Service', value: (b) => b.service, text: true },
              { label: 'AI share', value: (b) => b.share, show: (b) => percent(b.share) },
              { label: 'Cap', value: (b) => b.maxAiShare, show: (b) => percent(b.maxAiShare) },
              { label: 'Use of cap', value: (b) => ratio(b.share, b.maxAiShare), show: (b) => percent(ratio(b.share, b.maxAiShare)) },
              { label: 'Window (days)', value: (b) => b.windowDays },
              { label: 'AI lines', value: (b) => b.aiLines, show: (b) => count(b.aiLines) },
              { label: 'Human lines', value: (b) => b.humanLines, show: (b) => count(b.humanLines) },
              { label: 'Unknown lines', value: (b) => b.unknownLines, show: (b) => count(b.unknownLines) },
              { label: 'Over', value: (b) => (b.over ? 'over the cap' : 'within'), text: true },
            ] as Column<BudgetRow>[],
            budgets,
            (b) => (b.over ? 'over' : ''),
          ),
          'Each bar is the AI share over the budget window ending at the end of the range; the tick is the cap.',
        ),
      ),
    );
  }
  const explained = levels
    .filter((level) => coverage.has(level))
    .map((level) => ({ level, ...coverage.get(level)!, rate: ratio(coverage.get(level)!.explained, coverage.get(level)!.commits) }));
  type ExplainedRow = (typeof explained)[number];
  sections.push(
    element(
      'section',
      { 'aria-labelledby': 'explanations-heading' },
      element('h2', { id: 'explanations-heading' }, 'Explanation coverage'),
      chart(
        'explanations',
        'Commits that carry an explanation, by level',
        () =>
          explained.length
            ? Plot.plot({
                width: Math.min(900, (document.body.clientWidth || 1000) - 40),
                height: 50 + explained.length * 28,
                marginLeft: 100,
                x: { percent: true, domain: [0, 100], label: 'commits with an explanation (%)', grid: true },
                y: { label: null, domain: explained.map((r) => r.level) },
                color: colours,
                marks: [
                  Plot.barX(explained, {
                    y: 'level',
                    x: (r: ExplainedRow) => r.rate ?? 0,
                    fill: 'level',
                    title: (r: ExplainedRow) => `${r.level}: ${r.explained}/${r.commits}`,
                  }),
                ],
              })
            : null,
        sortableTable(
          'table-explanations',
          'Explanation coverage by level',
          [
            { label: 'Level', value: (r: ExplainedRow) => r.level, text: true },
            { label: 'Commits', value: (r) => r.commits, show: (r) => count(r.commits) },
            { label: 'Explained', value: (r) => r.explained, show: (r) => count(r.explained) },
            { label: 'Coverage', value: (r) => r.rate, show: (r) => percent(r.rate) },
          ],
          explained,
        ),
        'Non-merge commits in the period range (all services) whose record carries an AI-Explanation.',
      ),
    ),
  );

  // The main table: the same figures as the table written without scripts, for the selection.
  const main = document.getElementById('main-table');
  if (main) {
    const mainRows = groups.flatMap((group) => {
      const groupShares = sharesOf(group.levels, levels);
      return levels
        .filter((level) => group.levels[level] && (group.levels[level].commits > 0 || group.levels[level].linesAdded > 0))
        .map((level) => ({ ...group, level, f: group.levels[level], shares: groupShares }));
    });
    type MainRow = (typeof mainRows)[number];
    const replacement = sortableTable(
      'main-table',
      'Figures per service and level',
      [
        ...(manyRepositories ? [{ label: 'Repository', value: (r: MainRow) => r.repository, text: true }] : []),
        { label: 'Service', value: (r) => (r.service === ALL_SERVICES ? 'all services' : r.service), text: true },
        { label: 'AI share', value: (r) => r.shares.aiShare, show: (r) => percent(r.shares.aiShare) },
        { label: 'Unknown', value: (r) => r.shares.unknownShare, show: (r) => percent(r.shares.unknownShare) },
        { label: 'Level', value: (r) => r.level, text: true },
        { label: 'Commits', value: (r) => r.f.commits, show: (r) => count(r.f.commits) },
        { label: 'Lines added', value: (r) => r.f.linesAdded, show: (r) => count(r.f.linesAdded) },
        { label: 'Deleted', value: (r) => r.f.linesDeleted, show: (r) => count(r.f.linesDeleted) },
        { label: 'Surviving', value: (r) => r.f.surviving, show: (r) => count(r.f.surviving) },
        { label: 'Rework', value: (r) => ratio(r.f.reworkReworked, r.f.reworkMature), show: (r) => fraction(r.f.reworkReworked, r.f.reworkMature) },
        {
          label: 'Fix follow-up',
          value: (r) => ratio(r.f.fixFollowUpFollowed, r.f.fixFollowUpCommits),
          show: (r) => fraction(r.f.fixFollowUpFollowed, r.f.fixFollowUpCommits),
        },
        { label: 'Reverted', value: (r) => r.f.reverted, show: (r) => count(r.f.reverted) },
      ] as Column<MainRow>[],
      mainRows,
      (r) => (r.service === ALL_SERVICES ? 'total' : ''),
    );
    main.closest('.table-wrap')!.replaceWith(replacement);
    const heading = document.getElementById('main-heading');
    if (heading) heading.textContent = `Services by level (${from ?? ''} – ${to ?? ''})`;
  }

  app.querySelector('#dashboard')?.remove();
  app.append(element('div', { id: 'dashboard' }, status, ...sections));
}

const app = document.getElementById('app')!;
app.append(filters(render));
render();
// Milliseconds from navigation to a drawn page (bench/dashboard.ts reads it).
document.documentElement.dataset.renderedAt = performance.now().toFixed(0);
document.documentElement.dataset.rendered = 'true';
