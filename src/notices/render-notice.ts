import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import type { Notice } from './build-notice.ts';
import { allSections, type Block, type DocumentModel, type DocumentSection } from './document.ts';

const VIEWS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'views');

// Autoescape: register text is shown as written and can never become markup.
const views = new nunjucks.Environment(new nunjucks.FileSystemLoader(VIEWS), {
  autoescape: true,
  throwOnUndefined: false,
  trimBlocks: false,
});

/** A privacy notice as Markdown; the same notice always gives the same text (its hash identifies a published version). */
export function renderNoticeMarkdown(notice: Notice): string {
  return renderDocumentMarkdown(notice);
}

/** A privacy notice as a standalone, accessible HTML page (lang en-GB, one h1, ordered headings, contents). */
export function renderNoticeHtml(notice: Notice, options: { footer?: string } = {}): string {
  return renderDocumentHtml(notice, options);
}

export function renderDocumentHtml(document: DocumentModel, options: { footer?: string } = {}): string {
  return views.render('document.njk', { document: withLinks(document), footer: options.footer });
}

export function renderDocumentMarkdown(document: DocumentModel): string {
  const out: string[] = [`# ${escapeMarkdown(document.title)}`, ''];
  for (const text of document.introduction) out.push(escapeMarkdown(text), '');
  out.push('## Contents', '');
  document.sections.forEach((s, i) => {
    out.push(`${String(i + 1)}. [${escapeMarkdown(s.heading)}](#${s.id})`);
    // Activities (sections that have their own parts) are listed under their section.
    if (s.subsections.some((sub) => sub.subsections.length > 0))
      for (const sub of s.subsections) out.push(`   - [${escapeMarkdown(sub.heading)}](#${sub.id})`);
  });
  out.push('');
  const write = (s: DocumentSection, level: number): void => {
    // An explicit anchor, so that the contents links work whatever a renderer does with headings.
    out.push(`<a id="${s.id}"></a>`, '', `${'#'.repeat(level)} ${escapeMarkdown(s.heading)}`, '');
    for (const block of s.blocks) out.push(...markdownBlock(block), '');
    for (const sub of s.subsections) write(sub, level + 1);
  };
  for (const s of document.sections) write(s, 2);
  return `${out.join('\n').trimEnd()}\n`;
}

function markdownBlock(block: Block): string[] {
  switch (block.kind) {
    case 'paragraph':
      return [escapeMarkdown(block.text)];
    case 'list':
      return block.items.map((item) => `- ${escapeMarkdown(item)}`);
    case 'details':
      return block.items.map((item) => `- **${escapeMarkdown(item.label)}:** ${escapeMarkdown(item.value)}`);
  }
}

/**
 * Escapes what Markdown would read as markup (emphasis, code, links, HTML, and a line that would
 * start a heading, list or quote), so that register text reads as written.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s*\r?\n\s*/g, ' ')
    .replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`)
    .replace(/^([#+\-=>|])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Emails, telephone numbers and web addresses among the details become links in HTML. */
function withLinks(document: DocumentModel): DocumentModel {
  const link = (label: string, value: string): string | undefined => {
    if (/^https?:\/\/\S+$/.test(value)) return value;
    if (label === 'Email' && /^[^\s@]+@[^\s@]+$/.test(value)) return `mailto:${value}`;
    if (label === 'Telephone' && /^\+?[\d ()-]{7,}$/.test(value))
      return `tel:${value.replace(/[^\d+]/g, '')}`;
    return undefined;
  };
  const sections = structuredClone(document.sections);
  for (const s of allSections(sections))
    s.blocks = s.blocks.map((b) =>
      b.kind === 'details'
        ? { ...b, items: b.items.map((i) => ({ ...i, href: link(i.label, i.value) })) }
        : b,
    );
  return { ...document, sections };
}
