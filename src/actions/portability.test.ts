import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../services.ts';
import { createTestServices } from '../testing/test-services.ts';
import { createTestStore, type TestStore } from '../testing/test-store.ts';
import {
  actionsFor,
  annRequest,
  createOrganisation,
  fakeDiscovery,
  type Organisation,
} from './action-test-kit.ts';
import type { PortabilityPlan } from './portability.ts';

let store: TestStore;
let services: Services;
let org: Organisation;

beforeAll(async () => {
  store = await createTestStore();
  services = createTestServices(store);
  org = createOrganisation();
  await services.register.importFromDir(org.registerDir, 'test');
});

afterAll(async () => {
  org.cleanup();
  await store.close();
});

describe('portability', () => {
  it('exports only what she provided, held on consent or contract, as JSON and CSV', async () => {
    const actions = actionsFor(
      services,
      fakeDiscovery(() => org.annRecords, org.systemsDir),
    );
    const reference = await annRequest(services);
    const pack = await actions.portabilityPack(reference, 'test');
    expect(pack.fileName).toBe(`${reference}-portability.zip`);
    const plan = pack.execution.plan as PortabilityPlan;
    expect(plan.tables.map((t) => `${t.system}/${t.table}:${t.basis}:${t.columns.join('+')}`)).toEqual([
      'housing/tenants:contract:first_name+last_name+email+mobile+home_phone',
      'crm/marketing:consent:channel+opted_in',
      'signups/event-signups:consent:name+email',
    ]);
    // The CRM's contact record relies on legitimate interests: not portable, and it says why.
    expect(plan.excluded).toEqual([
      {
        system: 'crm',
        table: 'contacts',
        reason: 'its activity (contact-log) relies on legitimate-interests, not consent or contract',
      },
    ]);

    const archive = await JSZip.loadAsync(pack.zip);
    expect(Object.keys(archive.files).sort()).toEqual([
      'csv/crm-marketing.csv',
      'csv/housing-tenants.csv',
      'csv/signups-event-signups.csv',
      'data.json',
    ]);
    const read = async (name: string) => (await archive.file(name)?.async('string')) ?? '';
    expect(await read('csv/housing-tenants.csv')).toBe(
      'first_name,last_name,email,mobile,home_phone\r\nAnn,Smith,ann.smith@example.org,07700 900123,01632 960111\r\n',
    );
    expect(await read('csv/crm-marketing.csv')).toBe('channel,opted_in\r\nemail,1\r\n');
    const data = JSON.parse(await read('data.json')) as {
      tables: { table: string; lawfulBasis: string; records: object[] }[];
    };
    expect(data.tables.map((t) => [t.table, t.lawfulBasis, t.records.length])).toEqual([
      ['tenants', 'contract', 1],
      ['marketing', 'consent', 1],
      ['event-signups', 'consent', 1],
    ]);
    const everything = JSON.stringify(data);
    // Not provided by her, or not hers: never exported.
    for (const absent of [
      '07/03/1980',
      'QQ 12 34 56 C',
      'neighbour',
      'Carol Smith',
      'Bob',
      'bob.jones',
      '-120.50',
      'tenant_id',
    ])
      expect(everything).not.toContain(absent);
  });

  it('is refused for a request that is not for portability', async () => {
    const actions = actionsFor(
      services,
      fakeDiscovery(() => org.annRecords, org.systemsDir),
    );
    await expect(
      actions.portabilityPack(await annRequest(services, ['access']), 'test'),
    ).rejects.toMatchObject({
      code: 'invalid_transition',
    });
  });
});
