import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildNotice } from '../notices/build-notice.ts';
import { paragraph, section } from '../notices/document.ts';
import { renderDocumentMarkdown, renderNoticeMarkdown } from '../notices/render-notice.ts';
import { loadRegister } from '../register/load-register.ts';
import { detailHref, publishedNoticePage, readNoticeMarkdown } from './published-notice.ts';

const EXAMPLES = path.resolve(import.meta.dirname, '..', '..', 'examples');
const EXAMPLE_FOLDERS = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

describe('reading a published notice back for the privacy centre', () => {
  it('reads every example notice back into the model that renders the very same Markdown', async () => {
    expect(EXAMPLE_FOLDERS.length).toBeGreaterThanOrEqual(5);
    for (const folder of EXAMPLE_FOLDERS) {
      const { register } = await loadRegister(path.join(EXAMPLES, folder));
      if (register === undefined) throw new Error(`${folder} did not load`);
      for (const audience of register.audiences) {
        const notice = buildNotice(register, audience.id);
        const markdown = renderNoticeMarkdown(notice);
        const model = readNoticeMarkdown(markdown);
        expect(model?.title, `${folder}/${audience.id}`).toBe(notice.title);
        expect(model?.sections, `${folder}/${audience.id}`).toEqual(notice.sections);
        expect(model?.introduction).toEqual(notice.introduction);
        expect(renderDocumentMarkdown(model ?? notice)).toBe(markdown);
      }
    }
  });

  it('keeps text that looks like Markdown as the words written', () => {
    const document = {
      title: 'Notice *for* <tenants>',
      introduction: ['1. Not a list', '- nor this', '# nor a heading', 'a \\ backslash and [brackets]'],
      sections: [
        section('one', 'One', [
          paragraph('**Email:** not details'),
          { kind: 'list', items: ['first', '**bold?**'] },
          { kind: 'details', items: [{ label: 'Email', value: 'dpo@example.org' }] },
        ]),
      ],
    };
    const markdown = renderDocumentMarkdown(document);
    expect(readNoticeMarkdown(markdown)).toEqual(document);
  });

  it('puts the notice’s headings under the page’s one h1, in order, and links contact details', async () => {
    const { register } = await loadRegister(path.join(EXAMPLES, 'citizen-housing'));
    const notice = buildNotice(register!, 'external-stakeholders');
    const page = publishedNoticePage(renderNoticeMarkdown(notice));
    const levels: number[] = [];
    const walk = (sections: typeof page.sections) => {
      for (const s of sections) {
        levels.push(s.level);
        walk(s.subsections);
      }
    };
    walk(page.sections);
    expect(levels[0]).toBe(2);
    levels.forEach((level, i) => {
      expect(level).toBeLessThanOrEqual((levels[i - 1] ?? 1) + 1);
    });
    const email = page.sections
      .flatMap((s) => s.blocks)
      .flatMap((b) => (b.kind === 'details' ? b.items : []))
      .find((item) => item.label === 'Email');
    expect(email?.href).toBe('mailto:dataprotection@citizenhousing.org.uk');
  });

  it('shows a notice in a shape it cannot read as its plain words, never reworded', () => {
    const page = publishedNoticePage('# An old notice\n\nSome words.\n\n## A heading\n\nMore words.\n');
    expect(page.title).toBe('An old notice');
    expect(page.introduction).toEqual(['Some words.', 'A heading', 'More words.']);
    expect(page.sections).toEqual([]);
  });

  it('links emails, telephone numbers and web addresses only', () => {
    expect(detailHref({ label: 'Telephone', value: '0300 790 6555' })).toBe('tel:03007906555');
    expect(detailHref({ label: 'Website', value: 'https://example.org/privacy' })).toBe(
      'https://example.org/privacy',
    );
    expect(detailHref({ label: 'Address', value: '1 High Street' })).toBeUndefined();
  });
});
