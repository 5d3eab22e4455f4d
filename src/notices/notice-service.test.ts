import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { buildApp } from '../http/app.ts';
import type { Services } from '../services.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, type TestStore } from '../testing/test-store.ts';
import { noticeHash } from './notice-service.ts';

const VALID = 'src/register/testdata/valid';

/** A copy of the test register whose enquiries are kept for `months` months. */
function registerKeepingEnquiries(months: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notice-register-'));
  fs.cpSync(VALID, dir, { recursive: true });
  const file = path.join(dir, 'activities', 'enquiries.yaml');
  fs.writeFileSync(
    file,
    fs.readFileSync(file, 'utf8').replace('period: 12 months', `period: ${String(months)} months`),
  );
  return dir;
}

describe('publishing notices', () => {
  let store: TestStore;
  let services: Services;
  beforeAll(async () => {
    store = await createTestStore();
    services = createTestServices(store);
  });
  afterAll(() => store.close());

  it('refuses to publish before a register is imported', async () => {
    await expect(services.notices.publish('public', 'test')).rejects.toThrow(/No register has been imported/);
  });

  it('publishes a version, keeps it when nothing changed and adds one when the register changes', async () => {
    await services.register.importFromDir(VALID, 'test');
    const first = await services.notices.publish('public', 'test');
    expect(first.published).toBe(true);
    expect(first.notice.version).toBe(1);
    expect(first.notice.registerVersion).toBe(1);
    expect(first.notice.contentHash).toBe(noticeHash(first.notice.markdown));
    expect(first.notice.html).toContain(`sha256 ${first.notice.contentHash}`);

    const again = await services.notices.publish('public', 'test');
    expect(again.published).toBe(false);
    expect(again.notice).toEqual(first.notice);

    await services.register.importFromDir(registerKeepingEnquiries(6), 'test');
    const second = await services.notices.publish('public', 'test');
    expect(second.published).toBe(true);
    expect(second.notice.version).toBe(2);
    expect(second.notice.markdown).toContain('for 6 months from the date we last reply');

    expect((await services.notices.findCurrent('public'))?.version).toBe(2);
    expect((await services.notices.listVersions('public')).map((v) => v.version)).toEqual([2, 1]);
    expect((await services.notices.getByHash(first.notice.contentHash)).markdown).toBe(first.notice.markdown);
    expect(await services.notices.findCurrent('service-users')).toBeUndefined();

    const entries = await services.audit.list({});
    expect(entries.filter((e) => e.action === 'notice.published').map((e) => e.entity_id)).toEqual(
      expect.arrayContaining(['public@1', 'public@2']),
    );
    expect((await services.audit.verify()).ok).toBe(true);
  });

  it('lists each audience with its published version and whether it is up to date', async () => {
    const listing = await services.notices.list();
    expect(listing).toEqual([
      expect.objectContaining({ audienceId: 'service-users', current: undefined, isUpToDate: false }),
      expect.objectContaining({ audienceId: 'public', isUpToDate: true }),
    ]);
  });

  it('refuses to change or delete a published version', async () => {
    await expect(
      sql`update notice_versions set markdown = 'altered' where audience_id = 'public'`.execute(store.db),
    ).rejects.toThrow(/immutable/);
    await expect(sql`delete from notice_versions`.execute(store.db)).rejects.toThrow(/immutable/);
    expect((await services.notices.listVersions('public')).length).toBe(2);
  });

  it('serves notices over HTTP', async () => {
    const app = await buildApp(services);
    const list = await app.inject({ url: '/api/v1/notices' });
    expect(list.statusCode).toBe(200);
    const html = await app.inject({ url: '/api/v1/notices/public' });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.body).toContain('<h1>');
    const md = await app.inject({ url: '/api/v1/notices/public?format=md' });
    expect(md.body).toContain('6 months from the date we last reply');
    const json = await app.inject({ url: '/api/v1/notices/public?format=json' });
    const current = json.json<{ version: number; contentHash: string }>();
    expect(current.version).toBe(2);
    const versions = await app.inject({ url: '/api/v1/notices/public/versions' });
    expect(versions.json<{ versions: unknown[] }>().versions).toHaveLength(2);
    const byHash = await app.inject({ url: `/api/v1/notices/versions/${current.contentHash}?format=md` });
    expect(byHash.body).toBe(md.body);
    expect((await app.inject({ url: '/api/v1/notices/versions/nothex' })).statusCode).toBe(400);
    expect((await app.inject({ url: `/api/v1/notices/versions/${'0'.repeat(64)}` })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/v1/notices/service-users' })).statusCode).toBe(404);
    const preview = await app.inject({ url: '/api/v1/notices/service-users/preview?format=md' });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Providing support');
    const published = await app.inject({ method: 'POST', url: '/api/v1/notices/service-users/publish' });
    expect(published.statusCode).toBe(201);
    const unchanged = await app.inject({ method: 'POST', url: '/api/v1/notices/service-users/publish' });
    expect(unchanged.statusCode).toBe(200);
    expect(unchanged.json<{ published: boolean; version: number }>()).toMatchObject({
      published: false,
      version: 1,
    });
    expect((await app.inject({ method: 'POST', url: '/api/v1/notices/nobody/publish' })).statusCode).toBe(
      404,
    );
    await app.close();
  });
});

describe('custodian notice', () => {
  const run = () => {
    const out: string[] = [];
    const err: string[] = [];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notice-cli-'));
    return {
      out,
      err,
      io: {
        out: (t: string) => out.push(t),
        err: (t: string) => err.push(t),
        env: { NODE_ENV: 'test', CUSTODIAN_SQLITE_PATH: path.join(dir, 'c.sqlite') },
        now: () => new Date('2026-01-05T09:00:00Z'),
      },
    };
  };

  it('renders a notice from a register folder as Markdown or HTML', async () => {
    const md = run();
    expect(
      await main(
        [
          'node',
          'custodian',
          'notice',
          'render',
          '--audience',
          'public',
          '--format',
          'md',
          '--register',
          VALID,
        ],
        md.io,
      ),
    ).toBe(0);
    expect(md.out.join('')).toContain('### Answering enquiries');
    const html = run();
    expect(
      await main(
        [
          'node',
          'custodian',
          'notice',
          'render',
          '--audience',
          'public',
          '--format',
          'html',
          '--register',
          VALID,
        ],
        html.io,
      ),
    ).toBe(0);
    expect(html.out.join('')).toContain('<html lang="en-GB">');
  });

  it('fails for an unknown audience and is misuse without one', async () => {
    const unknown = run();
    expect(
      await main(
        ['node', 'custodian', 'notice', 'render', '--audience', 'nobody', '--register', VALID],
        unknown.io,
      ),
    ).toBe(1);
    expect(unknown.err.join('')).toContain('no audience "nobody"');
    expect(await main(['node', 'custodian', 'notice', 'render', '--register', VALID], run().io)).toBe(2);
  });

  it('publishes, lists and shows the history from the stored register', async () => {
    const session = run();
    const io = session.io;
    expect(await main(['node', 'custodian', 'register', 'import', VALID], io)).toBe(0);
    expect(await main(['node', 'custodian', 'notice', 'publish', '--audience', 'public'], io)).toBe(0);
    expect(await main(['node', 'custodian', 'notice', 'publish', '--audience', 'public'], io)).toBe(0);
    expect(await main(['node', 'custodian', 'notice', 'history', '--audience', 'public'], io)).toBe(0);
    expect(await main(['node', 'custodian', 'notice', 'list'], io)).toBe(0);
    const text = session.out.join('');
    expect(text).toContain('Published version 1 of the notice for public');
    expect(text).toContain('is the same as version 1');
    expect(text).toMatch(/ {3}1 {2}2026-01-05T09:00:00.000Z {2}cli {2}register v1 {2}sha256 [0-9a-f]{64}/);
    expect(text).toContain('public  Members of the public  version 1 (2026-01-05), up to date');
    expect(text).toContain('service-users  People who use our services  not published');
  });
});
