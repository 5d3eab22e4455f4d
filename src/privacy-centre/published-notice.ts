import type { Block, DocumentModel, DocumentSection } from '../notices/document.ts';
import { renderDocumentMarkdown } from '../notices/render-notice.ts';

/**
 * A published notice shown inside the privacy centre's own layout. The published Markdown is the
 * text a version's hash identifies, so the page is built from it: it is read back into the
 * document model the notice was rendered from, and shown only if rendering that model again gives
 * the very same Markdown. Otherwise (a notice published by an older Custodian) its paragraphs are
 * shown as plain text, never a reworded version.
 */
export interface PublishedNoticePage {
  title: string;
  introduction: string[];
  /** The sections with their blocks, emails, telephone numbers and web addresses made links. */
  sections: PageSection[];
  /** Whether the contents list names the parts of a section too (the activities). */
  contents: { id: string; heading: string; parts: { id: string; heading: string }[] }[];
}

export interface PageSection {
  id: string;
  heading: string;
  /** 2 for a section, 3 for its parts and so on: the page's own h1 is the notice's title. */
  level: number;
  blocks: PageBlock[];
  subsections: PageSection[];
}

export type PageBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'details'; items: { label: string; value: string; href: string | undefined }[] };

export function publishedNoticePage(markdown: string): PublishedNoticePage {
  const model = readNoticeMarkdown(markdown);
  if (model !== undefined && renderDocumentMarkdown(model) === markdown) return toPage(model);
  return plainTextPage(markdown);
}

/**
 * Reads Markdown written by `renderDocumentMarkdown` back into its document model, or undefined
 * when it is not in that shape. Blocks are separated by blank lines; a section starts with its
 * anchor and its heading; escapes are undone.
 */
export function readNoticeMarkdown(markdown: string): DocumentModel | undefined {
  const chunks = markdown
    .split(/\n{2,}/)
    .map((chunk) => chunk.trimEnd())
    .filter((chunk) => chunk !== '');
  const title = /^# (.+)$/.exec(chunks[0] ?? '')?.[1];
  if (title === undefined) return undefined;
  const model: DocumentModel = { title: unescape(title), introduction: [], sections: [] };
  const open: DocumentSection[] = []; // the sections being filled, outermost first
  let index = 1;
  for (; index < chunks.length && chunks[index] !== '## Contents'; index += 1) {
    model.introduction.push(unescape(chunks[index] ?? ''));
  }
  index += 2; // the "Contents" heading and its list, which the model gives again
  for (; index < chunks.length; index += 1) {
    const chunk = chunks[index] ?? '';
    const anchor = /^<a id="([^"]+)"><\/a>$/.exec(chunk)?.[1];
    if (anchor !== undefined) {
      const heading = /^(#{2,6}) (.+)$/.exec(chunks[index + 1] ?? '');
      if (!heading) return undefined;
      const level = (heading[1] ?? '').length;
      if (level - 2 > open.length) return undefined;
      open.length = level - 2;
      const section: DocumentSection = {
        id: anchor,
        heading: unescape(heading[2] ?? ''),
        blocks: [],
        subsections: [],
      };
      (open.at(-1)?.subsections ?? model.sections).push(section);
      open.push(section);
      index += 1;
      continue;
    }
    const current = open.at(-1);
    if (current === undefined) return undefined;
    current.blocks.push(readBlock(chunk));
  }
  return model;
}

function readBlock(chunk: string): Block {
  const lines = chunk.split('\n');
  if (!lines.every((line) => line.startsWith('- '))) return { kind: 'paragraph', text: unescape(chunk) };
  const details = lines.map((line) => /^- \*\*(.*?):\*\* (.*)$/.exec(line));
  if (details.every((match) => match !== null)) {
    return {
      kind: 'details',
      items: details.map((match) => ({ label: unescape(match[1] ?? ''), value: unescape(match[2] ?? '') })),
    };
  }
  return { kind: 'list', items: lines.map((line) => unescape(line.slice(2))) };
}

/** `escapeMarkdown` puts a backslash before each character it escapes, and before a backslash. */
function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

function toPage(model: DocumentModel): PublishedNoticePage {
  const section = (s: DocumentSection, level: number): PageSection => ({
    id: s.id,
    heading: s.heading,
    level,
    blocks: s.blocks.map(withLinks),
    subsections: s.subsections.map((sub) => section(sub, level + 1)),
  });
  return {
    title: model.title,
    introduction: model.introduction,
    sections: model.sections.map((s) => section(s, 2)),
    contents: model.sections.map((s) => ({
      id: s.id,
      heading: s.heading,
      // As the published notice does: the parts are listed where they have parts of their own.
      parts: s.subsections.some((sub) => sub.subsections.length > 0)
        ? s.subsections.map((sub) => ({ id: sub.id, heading: sub.heading }))
        : [],
    })),
  };
}

function withLinks(block: Block): PageBlock {
  if (block.kind !== 'details') return block;
  return { kind: 'details', items: block.items.map((item) => ({ ...item, href: detailHref(item) })) };
}

/** Emails, telephone numbers and web addresses among a notice's details become links. */
export function detailHref({ label, value }: { label: string; value: string }): string | undefined {
  if (/^https?:\/\/\S+$/.test(value)) return value;
  if (label === 'Email' && /^[^\s@]+@[^\s@]+$/.test(value)) return `mailto:${value}`;
  if (label === 'Telephone' && /^\+?[\d ()-]{7,}$/.test(value)) return `tel:${value.replace(/[^\d+]/g, '')}`;
  return undefined;
}

function plainTextPage(markdown: string): PublishedNoticePage {
  const [first = '', ...rest] = markdown.split('\n').filter((line) => line.trim() !== '');
  return {
    title: unescape(first.replace(/^#+ /, '')),
    introduction: rest
      .filter((line) => !line.startsWith('<a id='))
      .map((line) => unescape(line.replace(/^#+ /, ''))),
    sections: [],
    contents: [],
  };
}
