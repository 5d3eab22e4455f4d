import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { buildApp } from '../http/app.ts';
import { renderDocumentMarkdown } from '../notices/render-notice.ts';
import { loadRegister } from '../register/load-register.ts';
import type { Register } from '../register/register-schema.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, type TestStore } from '../testing/test-store.ts';
import { buildPolicyDocument } from './build-policy-document.ts';

const VALID = 'src/register/testdata/valid';

/** A copy of the test register whose support activity relies on Sch 1 para 18. */
function safeguardingFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apd-register-'));
  fs.cpSync(VALID, dir, { recursive: true });
  const file = path.join(dir, 'activities', 'support.yaml');
  const text = fs
    .readFileSync(file, 'utf8')
    .replace(
      'article_9: explicit-consent',
      'article_9: substantial-public-interest\n      schedule_1: sch1-p2-18',
    );
  fs.writeFileSync(file, text);
  return dir;
}

async function validRegister(): Promise<Register> {
  const { register } = await loadRegister(VALID);
  if (register === undefined) throw new Error('the test register should be valid');
  return structuredClone(register);
}

/** The test register with support relying on Sch 1 para 18 (safeguarding), which needs the document. */
async function safeguardingRegister(): Promise<Register> {
  const register = await validRegister();
  const support = register.activities.find((a) => a.id === 'support');
  if (support === undefined) throw new Error('no support activity');
  support.lawful_basis = { article_6: 'legitimate-interests', legitimate_interests: 'Keeping people safe' };
  support.special_category = { article_9: 'substantial-public-interest', schedule_1: 'sch1-p2-18' };
  support.security_measures = ['Role-based access', 'Encryption at rest'];
  return register;
}

describe('buildPolicyDocument', () => {
  it('is not needed when no activity relies on a Schedule 1 condition that requires one', async () => {
    const register = await validRegister();
    expect(buildPolicyDocument(register)).toBeUndefined();
    const support = register.activities.find((a) => a.id === 'support');
    if (support) support.special_category = { article_9: 'health-social-care', schedule_1: 'sch1-p1-2' };
    expect(buildPolicyDocument(register)).toBeUndefined();
  });

  it('names the conditions, the procedures for each principle and the retention of that data', async () => {
    const document = buildPolicyDocument(await safeguardingRegister());
    expect(document).toBeDefined();
    if (document === undefined) return;
    const md = renderDocumentMarkdown(document);
    expect(md).toContain(
      'DPA 2018 Sch 1 Part 2 para 18: Safeguarding of children and individuals at risk. Relied on for: Providing support.',
    );
    for (const principle of [
      'Lawfulness, fairness and transparency',
      'Purpose limitation',
      'Data minimisation',
      'Accuracy',
      'Storage limitation',
      'Integrity and confidentiality (security)',
      'Accountability',
    ])
      expect(md).toContain(`### ${principle}`);
    expect(md).toContain('Role-based access; Encryption at rest (held in Case management system)');
    expect(md).toContain('We keep it for 7 years from the end of the support, then we delete it.');
    expect(md).not.toContain('Answering enquiries');
  });
});

describe('the policy document over the CLI and HTTP', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore();
  });
  afterAll(() => store.close());

  it('says when none is needed', async () => {
    const out: string[] = [];
    const io = {
      out: (t: string) => out.push(t),
      err: () => undefined,
      env: {
        NODE_ENV: 'test',
        CUSTODIAN_SQLITE_PATH: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'apd-')), 'c.sqlite'),
      },
      now: () => new Date('2026-01-05T09:00:00Z'),
    };
    expect(await main(['node', 'custodian', 'policy-document', 'render', '--register', VALID], io)).toBe(0);
    expect(out.join('')).toContain('No appropriate policy document is needed');

    const services = createTestServices(store);
    await services.register.importFromDir(VALID, 'test');
    const app = await buildApp(services);
    const response = await app.inject({ url: '/api/v1/policy-document?format=md' });
    expect(response.statusCode).toBe(404);
    expect(response.json<{ error: { message: string } }>().error.message).toContain(
      'No appropriate policy document is needed',
    );
    await app.close();
  });

  it('renders the document where one is needed', async () => {
    const folder = safeguardingFolder();
    const out: string[] = [];
    const io = {
      out: (t: string) => out.push(t),
      err: () => undefined,
      env: { NODE_ENV: 'test', CUSTODIAN_SQLITE_PATH: path.join(folder, 'c.sqlite') },
      now: () => new Date('2026-01-05T09:00:00Z'),
    };
    expect(
      await main(
        ['node', 'custodian', 'policy-document', 'render', '--format', 'html', '--register', folder],
        io,
      ),
    ).toBe(0);
    expect(out.join('')).toContain('<h1>Riverside Community Trust: appropriate policy document</h1>');

    const services = createTestServices(store);
    await services.register.importFromDir(folder, 'test');
    const app = await buildApp(services);
    const response = await app.inject({ url: '/api/v1/policy-document?format=html' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('Safeguarding of children and individuals at risk');
    await app.close();
  });
});
