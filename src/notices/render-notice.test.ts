import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { loadRegister } from '../register/load-register.ts';
import type { Register } from '../register/register-schema.ts';
import { buildNotice } from './build-notice.ts';
import { escapeMarkdown, renderNoticeHtml, renderNoticeMarkdown } from './render-notice.ts';

async function validRegister(): Promise<Register> {
  const { register } = await loadRegister('src/register/testdata/valid');
  if (register === undefined) throw new Error('the test register should be valid');
  return structuredClone(register);
}

describe('renderNoticeHtml', () => {
  it('is a standalone English page with one h1, headings in order and a contents list', async () => {
    const html = renderNoticeHtml(buildNotice(await validRegister(), 'service-users'));
    const $ = cheerio.load(html);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect($('html').attr('lang')).toBe('en-GB');
    expect($('h1')).toHaveLength(1);
    expect($('title').text()).toBe($('h1').text());
    const levels = $('h1, h2, h3, h4, h5, h6')
      .toArray()
      .map((h) => Number(h.tagName.slice(1)));
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]).toBeLessThanOrEqual((levels[i - 1] ?? 1) + 1);
    const links = $('nav a')
      .toArray()
      .map((a) => $(a).attr('href') ?? '');
    expect(links).toContain('#support');
    for (const href of links) expect($(href)).toHaveLength(1);
    $('table').each((_i, table) => {
      expect($(table).find('caption')).toHaveLength(1);
      expect($(table).find('th:not([scope])')).toHaveLength(0);
    });
  });

  it('escapes register text rather than letting it become markup', async () => {
    const register = await validRegister();
    const support = register.activities.find((a) => a.id === 'support');
    if (support) support.purposes = ['<script>alert(1)</script> & more'];
    const html = renderNoticeHtml(buildNotice(register, 'service-users'));
    expect(html).not.toContain('<script>');
    expect(cheerio.load(html)('#support').parent().text()).toContain('<script>alert(1)</script> & more');
  });
});

describe('renderNoticeMarkdown', () => {
  it('gives one top heading, a contents list and the same text every time', async () => {
    const register = await validRegister();
    const md = renderNoticeMarkdown(buildNotice(register, 'public'));
    expect(md.match(/^# /gm)).toHaveLength(1);
    expect(md).toContain('## Contents');
    expect(md).toContain('1. [Who we are](#who-we-are)');
    expect(renderNoticeMarkdown(buildNotice(register, 'public'))).toBe(md);
  });

  it('escapes what Markdown would read as markup', () => {
    expect(escapeMarkdown('*bold* [link](x) <b>')).toBe('\\*bold\\* \\[link\\](x) \\<b\\>');
    expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading');
    expect(escapeMarkdown('1. not a list')).toBe('1\\. not a list');
  });
});
