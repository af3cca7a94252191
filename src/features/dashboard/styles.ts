// The page's styles: light and dark from prefers-color-scheme, and the Okabe–Ito palette
// (distinguishable with every common colour-vision deficiency) for the levels.

/** Level colours in level order (the human level first); unknown is always grey. */
export const LEVEL_PALETTE = ['#0072B2', '#E69F00', '#CC79A7', '#009E73', '#D55E00', '#56B4E9', '#F0E442'];
export const UNKNOWN_COLOUR = '#8C8C8C';

export const STYLES = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1b1b1b; --muted: #5a5a5a; --line: #d0d0d0; --card: #f5f5f5; --accent: #0072B2; --bad: #b3261e; }
@media (prefers-color-scheme: dark) { :root { --bg: #161616; --fg: #ececec; --muted: #a8a8a8; --line: #3c3c3c; --card: #222222; --accent: #56B4E9; --bad: #ff8a80; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem 3rem; background: var(--bg); color: var(--fg); font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.5rem; margin: 0.5rem 0 0.25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid var(--line); padding-bottom: 0.25rem; }
.subtitle, .notes { color: var(--muted); margin: 0.25rem 0; }
.notes li { margin: 0.1rem 0; }
.filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; background: var(--card); padding: 0.75rem 1rem; border-radius: 6px; margin: 1rem 0; }
.filters label { display: flex; flex-direction: column; font-size: 0.85rem; color: var(--muted); gap: 0.2rem; }
select, button { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 4px; padding: 0.2rem 0.4rem; }
select:focus-visible, button:focus-visible, summary:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 0.75rem; margin: 1rem 0; }
.card { background: var(--card); border-radius: 6px; padding: 0.6rem 0.8rem; }
.card .label { font-size: 0.8rem; color: var(--muted); }
.card .value { font-size: 1.4rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.card .detail { font-size: 0.8rem; color: var(--muted); }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 1rem 1.5rem; }
figure { margin: 0; min-width: 0; }
figcaption { font-weight: 600; margin-bottom: 0.25rem; }
figure .plot svg { max-width: 100%; height: auto; overflow: visible; }
figure .plot { min-height: 40px; }
details { margin: 0.25rem 0 0.75rem; }
summary { cursor: pointer; color: var(--muted); font-size: 0.85rem; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; font-size: 0.9rem; }
th, td { padding: 0.25rem 0.5rem; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
th:first-child, td:first-child, th.text, td.text { text-align: left; }
thead th { position: sticky; top: 0; background: var(--bg); }
th button { border: none; background: none; padding: 0; font-weight: 600; cursor: pointer; }
th[aria-sort="ascending"] button::after { content: " ▲"; }
th[aria-sort="descending"] button::after { content: " ▼"; }
tr.total td { font-weight: 600; }
.over { color: var(--bad); font-weight: 600; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
noscript p { background: var(--card); padding: 0.5rem 1rem; border-radius: 6px; }
`;
