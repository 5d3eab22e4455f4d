import { formatLongDate } from '../rights-requests/dates.ts';
import type { Cell, Row } from '../systems/connector.ts';
import { csvNames, humanise, tableCsv, type PackFile } from './pack-files.ts';
import type { Detail, SupplementaryInformation } from './supplementary-information.ts';

/**
 * The access pack (UK GDPR Art 15): a readable, accessible HTML summary of what is held, system by
 * system and table by table, with the supplementary information; the same as `data.json`; and a
 * CSV file per table. Built from the rows collected for the request only.
 */

export interface PackTable {
  system: string;
  systemName: string;
  table: string;
  activity: string;
  /** `related`: rows about other people connected to the person's records, shown without what identifies them. */
  person: 'subject' | 'related';
  columns: string[];
  rows: Row[];
}

export interface AccessPackModel {
  reference: string;
  organisation: string;
  /** `YYYY-MM-DD`. */
  preparedOn: string;
  tables: PackTable[];
  supplementary: SupplementaryInformation;
}

export function accessPackFiles(model: AccessPackModel): PackFile[] {
  const csv = csvNames(model.tables);
  return [
    { name: 'summary.html', content: summaryHtml(model, csv) },
    { name: 'data.json', content: `${JSON.stringify(packData(model), null, 2)}\n` },
    ...model.tables.map((table, i) => ({ name: csv[i] ?? '', content: tableCsv(table.columns, table.rows) })),
  ];
}

function packData(model: AccessPackModel) {
  const systems = [...new Set(model.tables.map((t) => t.system))].map((system) => {
    const tables = model.tables.filter((t) => t.system === system);
    return {
      system,
      name: tables[0]?.systemName ?? system,
      tables: tables.map((t) => ({
        table: t.table,
        activity: t.activity,
        about: t.person === 'related' ? 'other people connected to your records' : 'you',
        records: t.rows.map((row) => Object.fromEntries(t.columns.map((c) => [c, row[c] ?? null]))),
      })),
    };
  });
  return {
    reference: model.reference,
    organisation: model.organisation,
    preparedOn: model.preparedOn,
    systems,
    supplementaryInformation: model.supplementary,
  };
}

// ---------------------------------------------------------------------------------------------
// summary.html

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function cellText(value: Cell | undefined): string {
  if (value === undefined || value === null || value === '') return 'Not recorded';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

function list(items: readonly string[]): string {
  return `<ul>\n${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('\n')}\n</ul>`;
}

function paragraphs(items: readonly string[]): string {
  return items.map((i) => `<p>${escapeHtml(i)}</p>`).join('\n');
}

function details(items: readonly Detail[]): string {
  if (items.length === 0) return '';
  return `<dl>\n${items.map((d) => `<dt>${escapeHtml(d.label)}</dt><dd>${escapeHtml(d.value)}</dd>`).join('\n')}\n</dl>`;
}

function plural(count: number, one: string, many: string): string {
  return `${String(count)} ${count === 1 ? one : many}`;
}

/** One table of the system, with a caption and column headers; the first column heads each row. */
function dataTable(table: PackTable, index: number): string {
  const id = `table-${String(index + 1)}`;
  const caption = `${humanise(table.table)}: ${plural(table.rows.length, 'record', 'records')}`;
  const head = table.columns.map((c) => `<th scope="col">${escapeHtml(humanise(c))}</th>`).join('');
  const body = table.rows
    .map((row) => {
      const cells = table.columns.map((c, i) => {
        const text = escapeHtml(cellText(row[c]));
        return i === 0 ? `<th scope="row">${text}</th>` : `<td>${text}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const note =
    table.person === 'related'
      ? '<p>These records are about other people connected to your records. We show only the parts that do not identify them.</p>\n'
      : '';
  // A wide table scrolls in its own region, which a keyboard can reach and a screen reader can name.
  return `${note}<div class="table-scroll" role="region" tabindex="0" aria-labelledby="${id}">\n<table>\n<caption id="${id}">${escapeHtml(caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n</div>`;
}

function heldSection(model: AccessPackModel): string {
  const systems = [...new Set(model.tables.map((t) => t.system))];
  const records = model.tables.reduce((n, t) => n + t.rows.length, 0);
  if (records === 0)
    return '<h2>The information we hold</h2>\n<p>We searched our systems and hold no personal information about you in them.</p>';
  const parts = [
    '<h2>The information we hold</h2>',
    `<p>We found ${plural(records, 'record', 'records')} about you in ${plural(systems.length, 'of our systems', 'of our systems')}. Each table below is one kind of record.</p>`,
  ];
  for (const system of systems) {
    const tables = model.tables.filter((t) => t.system === system && t.rows.length > 0);
    if (tables.length === 0) continue;
    parts.push(`<h3>${escapeHtml(tables[0]?.systemName ?? system)}</h3>`);
    parts.push(...tables.map((table) => dataTable(table, model.tables.indexOf(table))));
  }
  return parts.join('\n');
}

function usesSection(model: AccessPackModel): string {
  const activities = model.supplementary.activities;
  if (activities.length === 0) return '';
  const parts = [
    '<h2>How we use your information</h2>',
    '<p>For each use, we say why we use your information, what the law allows, what information we use, where it comes from, who we share it with and how long we keep it.</p>',
  ];
  for (const a of activities) {
    parts.push(`<h3>${escapeHtml(a.name)}</h3>`);
    parts.push('<h4>Why we use it</h4>', list(a.purposes));
    parts.push('<h4>What the law allows</h4>', paragraphs(a.lawfulBasis));
    parts.push('<h4>The information we use</h4>', list(a.categories));
    parts.push('<h4>Where we get it from</h4>', list(a.sources));
    parts.push(
      '<h4>Who we share it with</h4>',
      a.recipients.length > 0
        ? list(a.recipients)
        : '<p>We do not share it with anyone outside our organisation.</p>',
    );
    if (a.transfers.length > 0) parts.push('<h4>Sending it outside the UK</h4>', paragraphs(a.transfers));
    parts.push('<h4>How long we keep it</h4>', paragraphs(a.retention));
    if (a.automatedDecisions.length > 0)
      parts.push('<h4>Automated decision-making</h4>', paragraphs(a.automatedDecisions));
    parts.push('<h4>Your rights over this information</h4>', '<p>You have the right:</p>', list(a.rights));
  }
  return parts.join('\n');
}

function contentsList(csv: readonly string[]): string {
  const items = [
    '<li><code>summary.html</code>: this page.</li>',
    '<li><code>data.json</code>: the same information, in a form a computer can read.</li>',
  ];
  if (csv.length > 0)
    items.push(
      `<li>${csv.map((name) => `<code>${escapeHtml(name)}</code>`).join(', ')}: each table as a spreadsheet file (CSV).</li>`,
    );
  return `<ul>\n${items.join('\n')}\n</ul>`;
}

export function summaryHtml(model: AccessPackModel, csv: readonly string[]): string {
  const s = model.supplementary;
  const title = `The personal information ${model.organisation} holds about you`;
  const body = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>This is our response to your request ${escapeHtml(model.reference)} for a copy of your personal information. We prepared it on ${escapeHtml(formatLongDate(model.preparedOn))}.</p>`,
    '<h2>What this pack contains</h2>',
    contentsList(csv),
    heldSection(model),
    usesSection(model),
    '<h2>Your rights</h2>',
    '<p>You have these rights over your information:</p>',
    list(s.rights),
    '<p>To use any of them, contact us:</p>',
    details(s.controller.contact),
    '<p>You can also contact our data protection officer:</p>',
    details(s.controller.dpo),
    '<h2>How to complain</h2>',
    '<p>If you are unhappy with how we have used your information or answered your request, you can complain to us:</p>',
    details(s.complaints.toUs),
    '<p>We will acknowledge your complaint within 30 days, look into it without undue delay and tell you the outcome.</p>',
    "<p>You can also complain to the Information Commissioner's Office (ICO):</p>",
    details(s.complaints.ico),
  ].filter((part) => part !== '');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${title} (${model.reference})`)}</title>
<style>
body { font-family: Arial, Helvetica, sans-serif; font-size: 1rem; line-height: 1.5; color: #0b0c0c; background: #fff; max-width: 60rem; margin: 0 auto; padding: 1rem; }
.table-scroll { overflow-x: auto; margin: 0 0 2rem; }
.table-scroll:focus { outline: 3px solid #ffdd00; }
table { border-collapse: collapse; }
caption { text-align: left; font-weight: bold; padding: 0 0 0.5rem; }
th, td { border: 1px solid #505a5f; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #f3f2f1; }
td { white-space: pre-wrap; }
dt { font-weight: bold; }
dd { margin: 0 0 0.5rem; }
code { font-family: monospace; }
</style>
</head>
<body>
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}
