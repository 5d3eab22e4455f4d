import * as cheerio from 'cheerio';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.ts';
import type { Services } from '../services.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, TEST_DIALECT, type TestStore } from '../testing/test-store.ts';
import { signInAs, TEST_PASSWORD, type StaffBrowser } from './test-support.ts';

describe(`the user pages on ${TEST_DIALECT}`, () => {
  let store: TestStore;
  let services: Services;
  let app: FastifyInstance;
  let admin: StaffBrowser;

  beforeAll(async () => {
    store = await createTestStore();
    services = createTestServices(store, () => new Date('2026-03-02T10:00:00Z'));
    app = await buildApp(services);
    admin = await signInAs(app, services, 'administrator', 'admin@example.org');
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('lets only administrators manage accounts', async () => {
    const signedOut = await app.inject({ method: 'GET', url: '/console/users' });
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toBe('/console/sign-in?next=%2Fconsole%2Fusers');
    const dpo = await signInAs(app, services, 'dpo');
    expect((await dpo.get('/console/users')).statusCode).toBe(403);
    expect((await dpo.get('/console/users/new')).statusCode).toBe(403);
    const before = (await services.users.list()).length;
    const refused = await dpo.post('/console/users', {
      name: 'Eve',
      email: 'eve@example.org',
      role: 'administrator',
    });
    expect(refused.statusCode).toBe(403);
    expect((await services.users.list()).length).toBe(before);
    expect(
      (await dpo.post(`/console/users/${String(dpo.userId)}/role`, { role: 'administrator' })).statusCode,
    ).toBe(403);
    expect((await services.users.findById(dpo.userId))?.role).toBe('dpo');
  });

  it('lists the accounts with their role, state and last sign-in', async () => {
    const response = await admin.get('/console/users');
    expect(response.statusCode).toBe(200);
    const $ = cheerio.load(response.body);
    const row = $('tbody tr').filter((_, tr) => $(tr).text().includes('admin@example.org'));
    expect(row.find('td').eq(0).text().trim()).toBe('Test administrator');
    expect(row.find('td').eq(2).text().trim()).toBe('Administrator');
    expect(row.find('td').eq(3).text().trim()).toBe('Active');
    expect(row.find('td').eq(4).text().trim()).toBe('2 March 2026 at 10:00am');
    expect($('a[href="/console/users/new"]').text()).toContain('Add a user');
  });

  it('adds a user and shows the generated password once, on the page that answers the form', async () => {
    const form = await admin.get('/console/users/new');
    expect(form.statusCode).toBe(200);
    expect(cheerio.load(form.body)('input[name=role]').length).toBe(5);

    const added = await admin.post('/console/users', {
      name: 'Jane Smith',
      email: ' Jane@Example.org ',
      role: 'caseworker',
    });
    expect(added.statusCode).toBe(201);
    expect(added.headers.location).toBeUndefined();
    expect(added.headers['cache-control']).toBe('no-store');
    const $ = cheerio.load(added.body);
    const password = $('#password').text().trim();
    expect(password).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    expect($('.govuk-panel').text()).toContain('Added Jane Smith');
    const jane = await services.users.authenticate('jane@example.org', password);
    expect(jane?.role).toBe('caseworker');
    const [entry] = await services.audit.list({ action: 'user.added', entityId: String(jane?.id), limit: 1 });
    expect(entry?.actor).toBe(`user:${String(admin.userId)}`);

    // The password is on no later page.
    const list = await admin.get('/console/users');
    expect(list.body).not.toContain(password);
    const page = await admin.get(`/console/users/${String(jane?.id)}`);
    expect(page.body).not.toContain(password);
  });

  it('re-renders the form with each problem by its field, keeping what was typed', async () => {
    const empty = await admin.post('/console/users', { name: '', email: 'not an email', role: '' });
    expect(empty.statusCode).toBe(400);
    let $ = cheerio.load(empty.body);
    expect($('title').text()).toMatch(/^Error: /);
    expect(
      $('.govuk-error-summary a')
        .map((_, a) => $(a).attr('href'))
        .get(),
    ).toEqual(['#email', '#name', '#role']);
    expect($('#name-error').text()).toContain('Enter their name');
    expect($('#email-error').text()).toContain('Enter an email address in the correct format');
    expect($('#email').val()).toBe('not an email');

    const taken = await admin.post('/console/users', {
      name: 'Other',
      email: 'jane@example.org',
      role: 'dpo',
    });
    expect(taken.statusCode).toBe(400);
    $ = cheerio.load(taken.body);
    expect($('#email-error').text()).toContain('A user with that email address already exists');
    expect($('input[name=role][value=dpo]').attr('checked')).toBeDefined();
  });

  it('changes a role, disables and enables an account, and sets a new password', async () => {
    const sam = (
      await services.users.add(
        { email: 'sam@example.org', name: 'Sam Lee', role: 'caseworker', password: TEST_PASSWORD },
        'test',
      )
    ).user;
    const url = `/console/users/${String(sam.id)}`;

    const changed = await admin.post(`${url}/role`, { role: 'auditor' });
    expect(changed.statusCode).toBe(303);
    expect(changed.headers.location).toBe(url);
    expect(
      cheerio
        .load((await admin.get(url)).body)('.govuk-notification-banner')
        .text(),
    ).toContain('Sam Lee is now an auditor');
    expect((await services.users.findById(sam.id))?.role).toBe('auditor');

    const noRole = await admin.post(`${url}/role`, {});
    expect(noRole.statusCode).toBe(400);
    expect(cheerio.load(noRole.body)('#role-error').text()).toContain('Select a role');

    expect((await admin.post(`${url}/disable`)).statusCode).toBe(303);
    expect(await services.users.authenticate('sam@example.org', TEST_PASSWORD)).toBeNull();
    expect(
      cheerio
        .load((await admin.get('/console/users')).body)('tbody')
        .text(),
    ).toContain('Disabled');
    expect((await admin.post(`${url}/enable`)).statusCode).toBe(303);
    expect(await services.users.authenticate('sam@example.org', TEST_PASSWORD)).not.toBeNull();

    const reset = await admin.post(`${url}/password`);
    expect(reset.statusCode).toBe(200);
    const password = cheerio.load(reset.body)('#password').text().trim();
    expect(password).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    expect(await services.users.authenticate('sam@example.org', TEST_PASSWORD)).toBeNull();
    expect(await services.users.authenticate('sam@example.org', password)).not.toBeNull();

    expect((await admin.get('/console/users/99999')).statusCode).toBe(404);
    expect((await admin.get('/console/users/abc')).statusCode).toBe(404);
  });

  it('signs a person out everywhere when their password is reset, their role changed or they are disabled', async () => {
    for (const change of ['password', 'role', 'disable'] as const) {
      const casey = await signInAs(app, services, 'caseworker');
      expect((await casey.get('/console/requests')).statusCode).toBe(200);
      const url = `/console/users/${String(casey.userId)}`;
      const fields: Record<string, string> = change === 'role' ? { role: 'auditor' } : {};
      expect([200, 303]).toContain((await admin.post(`${url}/${change}`, fields)).statusCode);
      const after = await casey.get('/console/requests');
      expect(after.statusCode, change).toBe(303);
      expect(after.headers.location, change).toMatch(/^\/console\/sign-in/);
    }
  });

  it('refuses to demote or disable the last administrator, saying why', async () => {
    const url = `/console/users/${String(admin.userId)}`;
    const demoted = await admin.post(`${url}/role`, { role: 'dpo' });
    expect(demoted.statusCode).toBe(409);
    let $ = cheerio.load(demoted.body);
    expect($('.govuk-error-summary').text()).toContain(
      'This is the last enabled administrator, so it cannot be demoted: make another user an administrator first',
    );
    const disabled = await admin.post(`${url}/disable`);
    expect(disabled.statusCode).toBe(409);
    $ = cheerio.load(disabled.body);
    expect($('.govuk-error-summary').text()).toContain(
      'so it cannot be disabled: add or enable another administrator first',
    );
    const still = await services.users.findById(admin.userId);
    expect(still).toMatchObject({ role: 'administrator', disabled: false });
  });
});
