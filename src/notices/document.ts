/**
 * A document the register produces (a privacy notice, the appropriate policy document) as plain
 * data, so that its content is built and tested once and rendered to Markdown and HTML alike.
 */
export interface DocumentModel {
  /** The one top-level heading. */
  title: string;
  /** Opening paragraphs, before the contents. */
  introduction: string[];
  sections: DocumentSection[];
}

export interface DocumentSection {
  /** An anchor for the contents list, unique within the document: `how-to-complain`. */
  id: string;
  heading: string;
  blocks: Block[];
  /** Sections under this one, a heading level lower. */
  subsections: DocumentSection[];
}

export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  /** Labelled details, such as the ways to contact someone. */
  | { kind: 'details'; items: { label: string; value: string }[] };

export function paragraph(text: string): Block {
  return { kind: 'paragraph', text };
}

export function list(items: string[]): Block {
  return { kind: 'list', items };
}

/** Labelled details; those without a value are left out. */
export function details(items: { label: string; value: string | undefined }[]): Block {
  return {
    kind: 'details',
    items: items.filter(
      (i): i is { label: string; value: string } => i.value !== undefined && i.value !== '',
    ),
  };
}

export function section(
  id: string,
  heading: string,
  blocks: Block[],
  subsections: DocumentSection[] = [],
): DocumentSection {
  return { id, heading, blocks, subsections };
}

/** Every section and subsection, depth first, in reading order. */
export function allSections(sections: readonly DocumentSection[]): DocumentSection[] {
  return sections.flatMap((s) => [s, ...allSections(s.subsections)]);
}

/** The whole text of a section and its subsections, for finding what it says. */
export function sectionText(s: DocumentSection): string {
  return [s.heading, ...s.blocks.map(blockText), ...s.subsections.map(sectionText)].join('\n');
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return block.text;
    case 'list':
      return block.items.join('\n');
    case 'details':
      return block.items.map((i) => `${i.label}: ${i.value}`).join('\n');
  }
}
