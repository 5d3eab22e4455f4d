import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILT_IN_CATEGORIES } from './taxonomy.ts';
import { loadRegister } from './load-register.ts';

const VALID_DIR = path.join(import.meta.dirname, 'testdata', 'valid');

// A minimal valid register in three files; tests change one line at a time. Line numbers matter.
const CONTROLLER = `controller:
  name: Test Housing
  address: 1 Test Street, Testville
  ico_registration: Z1234567
  dpo:
    email: dpo@example.org
  contact:
    email: hello@example.org
  bank_holiday_divisions: [england-and-wales]
`;
const PEOPLE = `subject_categories:
  - id: tenants
    name: Tenants
audiences:
  - id: tenants
    name: Tenants
    subjects: [tenants]
`;
const ACTIVITIES = `activities:
  - id: lettings
    name: Letting homes
    business_function: Housing
    audiences: [tenants]
    subjects: [tenants]
    purposes: [To let homes]
    lawful_basis:
      article_6: contract
    data_categories: [contact-details]
    sources: [data-subject]
    retention:
      period: 6 years
      from: the end of the tenancy
      then: delete
`;

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

/** A temporary register folder holding `files` (relative path → text). */
async function folder(files: Record<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'custodian-register-'));
  made.push(dir);
  for (const [file, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await fs.writeFile(path.join(dir, file), text);
  }
  return dir;
}

function base(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    'controller.yaml': CONTROLLER,
    'people.yaml': PEOPLE,
    'activities.yaml': ACTIVITIES,
    ...overrides,
  };
}

/** Problems as `where: severity: message`, for compact exact assertions. */
function lines(problems: { where: string; severity?: string; message: string }[]): string[] {
  return problems.map((p) => `${p.where}: ${p.severity ?? ''}: ${p.message}`);
}

describe('loading a register folder', () => {
  it('joins the files of a valid register, recursively and in sorted order', async () => {
    const { register, problems, files } = await loadRegister(VALID_DIR);
    expect(problems).toEqual([]);
    expect(files).toEqual([
      'activities/enquiries.yaml',
      'activities/support.yaml',
      'controller.yaml',
      'data.yaml',
      'people.yaml',
    ]);
    expect(register?.controller.name).toBe('Riverside Community Trust');
    expect(register?.activities.map((a) => a.id)).toEqual(['enquiries', 'support']);
    expect(register?.recipients.map((r) => r.id)).toEqual(['crm-supplier', 'local-council']);
  });

  it('adds the built-in data categories before the organisation’s own', async () => {
    const { register } = await loadRegister(VALID_DIR);
    expect(register?.data_categories.map((c) => c.id)).toEqual([
      ...BUILT_IN_CATEGORIES.map((c) => c.id),
      'support-needs',
    ]);
  });

  it('applies the schema’s defaults', async () => {
    const { register } = await loadRegister(await folder(base()));
    expect(register?.controller.public_authority).toBe(false);
    expect(register?.activities[0]?.recipients).toEqual([]);
  });

  it('reads .yml files and skips hidden files and folders', async () => {
    const dir = await folder({
      'controller.yml': CONTROLLER,
      'people.yaml': PEOPLE,
      'activities.yaml': ACTIVITIES,
      '.draft.yaml': 'not: [valid',
      '.git/config.yaml': 'not: [valid',
      'notes.txt': 'ignored',
    });
    const { register, files } = await loadRegister(dir);
    expect(files).toEqual(['activities.yaml', 'controller.yml', 'people.yaml']);
    expect(register).toBeDefined();
  });

  it('says that a folder does not exist', async () => {
    const dir = path.join(os.tmpdir(), 'custodian-no-such-register');
    const { register, problems } = await loadRegister(dir);
    expect(register).toBeUndefined();
    expect(lines(problems)).toEqual([`${dir}: error: the folder does not exist`]);
  });

  it('says that a file is not a folder', async () => {
    const dir = await folder(base());
    const file = path.join(dir, 'controller.yaml');
    expect(lines((await loadRegister(file)).problems)).toEqual([`${file}: error: is a file, not a folder`]);
  });

  it('says that a folder holds no register files', async () => {
    const dir = await folder({ 'README.txt': 'nothing here' });
    expect(lines((await loadRegister(dir)).problems)).toEqual([
      `${dir}: error: the folder holds no register files (*.yaml or *.yml)`,
    ]);
  });

  it('locates malformed YAML', async () => {
    const dir = await folder(
      base({ 'people.yaml': PEOPLE.replace('subjects: [tenants]', 'subjects: [tenants') }),
    );
    const { register, problems } = await loadRegister(dir);
    expect(register).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ where: 'people.yaml:8', severity: 'error' });
    expect(problems[0]?.message).toMatch(/^not valid YAML: /);
    expect(problems[0]?.hint).toMatch(/close/);
  });

  it('locates a key given twice in one mapping', async () => {
    const dir = await folder(
      base({ 'controller.yaml': CONTROLLER.replace('  address:', '  name: Again\n  address:') }),
    );
    expect((await loadRegister(dir)).problems).toMatchObject([
      { where: 'controller.yaml:3', message: 'not valid YAML: Map keys must be unique', severity: 'error' },
    ]);
  });

  it('says how to fix a tab used as indentation', async () => {
    const dir = await folder(
      base({ 'people.yaml': PEOPLE.replace('    name: Tenants\naudiences', '\tname: Tenants\naudiences') }),
    );
    const [problem] = (await loadRegister(dir)).problems;
    expect(problem?.where).toBe('people.yaml:3');
    expect(problem?.hint).toBe('indent with spaces, not tabs');
  });

  it('names an unknown key and suggests the nearest known one', async () => {
    const dir = await folder(base({ 'controller.yaml': CONTROLLER.replace('  address:', '  adress:') }));
    const { problems } = await loadRegister(dir);
    expect(problems).toEqual([
      {
        where: 'controller.yaml:1',
        message: 'controller: address is required',
        hint: 'add address: to controller',
        severity: 'error',
      },
      {
        where: 'controller.yaml:3',
        message: 'unknown key "adress" in controller',
        hint: 'did you mean "address"?',
        severity: 'error',
      },
    ]);
  });

  it('lists the keys allowed when an unknown key is like none of them', async () => {
    const dir = await folder(base({ 'people.yaml': `${PEOPLE}    colour: blue\n` }));
    const [problem] = (await loadRegister(dir)).problems;
    expect(problem).toMatchObject({
      where: 'people.yaml:8',
      message: 'unknown key "colour" in audiences[tenants]',
      hint: 'the keys allowed here are id, name, introduction, subjects',
    });
  });

  it('suggests the section meant by a misspelt section name, without cascading', async () => {
    const dir = await folder(base({ 'people.yaml': PEOPLE.replace('audiences:', 'audience:') }));
    expect((await loadRegister(dir)).problems).toEqual([
      {
        where: 'people.yaml:4',
        message: 'unknown key "audience" at the top of the file',
        hint: 'did you mean "audiences"?',
        severity: 'error',
      },
    ]);
  });

  it('says what type a value must be, and where', async () => {
    const dir = await folder(
      base({ 'controller.yaml': CONTROLLER.replace('  dpo:', '  public_authority: "yes"\n  dpo:') }),
    );
    expect((await loadRegister(dir)).problems).toEqual([
      {
        where: 'controller.yaml:5',
        message: 'controller.public_authority must be true or false, not "yes"',
        hint: 'write true or false, without quotes',
        severity: 'error',
      },
    ]);
  });

  it('suggests the allowed value nearest to a misspelt one', async () => {
    const dir = await folder(
      base({ 'activities.yaml': ACTIVITIES.replace('article_6: contract', 'article_6: contracts') }),
    );
    expect((await loadRegister(dir)).problems).toMatchObject([
      {
        where: 'activities.yaml:9',
        message: 'activities[lettings].lawful_basis.article_6: "contracts" is not one of the values allowed',
        hint: 'did you mean "contract"?',
      },
    ]);
  });

  it('reports the closer of the two shapes of a retention rule', async () => {
    const dir = await folder(base({ 'activities.yaml': ACTIVITIES.replace('then: delete', 'than: delete') }));
    expect(lines((await loadRegister(dir)).problems)).toEqual([
      'activities.yaml:12: error: activities[lettings].retention: then is required',
      'activities.yaml:15: error: unknown key "than" in activities[lettings].retention',
    ]);
  });

  it('names list items by their id, or by position when they have none', async () => {
    const dir = await folder(
      base({
        'activities.yaml': ACTIVITIES.replace('purposes: [To let homes]', 'purposes: [To let homes, ""]'),
      }),
    );
    expect(lines((await loadRegister(dir)).problems)).toEqual([
      'activities.yaml:7: error: activities[lettings].purposes[item 2] must not be empty',
    ]);
  });

  it('reports an identifier used twice, with both locations', async () => {
    const second = ACTIVITIES.replace('activities:\n', '').replace('name: Letting homes', 'name: Again');
    const dir = await folder(base({ 'more/activities.yaml': `activities:\n${second}` }));
    expect((await loadRegister(dir)).problems).toEqual([
      {
        where: 'more/activities.yaml:2',
        message: 'activity "lettings" is defined twice; the first is at activities.yaml:2',
        hint: 'identifiers must be unique across all the register files: rename or remove one',
        severity: 'error',
      },
    ]);
  });

  it('refuses to redefine a built-in data category and says how to refine it', async () => {
    const dir = await folder(
      base({ 'data.yaml': 'data_categories:\n  - id: health\n    name: Our health data\n' }),
    );
    expect((await loadRegister(dir)).problems).toEqual([
      {
        where: 'data.yaml:2',
        message: 'data category "health" is built in and cannot be redefined',
        hint: 'use health as it is, or define your own category with a new id and parent: health',
        severity: 'error',
      },
    ]);
  });

  it('treats a category refining a special category as special category data', async () => {
    const dir = await folder(
      base({
        'data.yaml': 'data_categories:\n  - id: dietary-needs\n    name: Dietary needs\n    parent: health\n',
        'activities.yaml': ACTIVITIES.replace('[contact-details]', '[contact-details, dietary-needs]'),
      }),
    );
    expect(lines((await loadRegister(dir)).problems)).toEqual([
      'activities.yaml:10: error: activity "lettings" processes special category data (dietary-needs: health) but names no Art 9 condition',
    ]);
  });

  it('requires exactly one controller', async () => {
    const none = await folder(base({ 'controller.yaml': '# nothing yet\n' }));
    expect(lines((await loadRegister(none)).problems)).toEqual([
      `${none}: error: no file has a controller: section`,
      'controller.yaml:1: warning: the file is empty',
    ]);
    const two = await folder(base({ 'z-second.yaml': CONTROLLER }));
    expect(lines((await loadRegister(two)).problems)).toEqual([
      'z-second.yaml:1: error: a second controller: section; the first is at controller.yaml:1',
    ]);
  });

  it('locates cross-check problems at the line of the reference', async () => {
    const dir = await folder(
      base({
        'activities.yaml': ACTIVITIES.replace(
          'audiences: [tenants]',
          'audiences:\n      - tenants\n      - tennants',
        ),
      }),
    );
    expect((await loadRegister(dir)).problems).toEqual([
      {
        where: 'activities.yaml:7',
        message: 'activity "lettings" names an unknown audience "tennants"',
        hint: 'did you mean "tenants"?',
        severity: 'error',
      },
    ]);
  });

  it('keeps the register when there are only warnings', async () => {
    const dir = await folder(
      base({ 'activities.yaml': ACTIVITIES.replace('article_6: contract', 'article_6: consent') }),
    );
    const { register, problems } = await loadRegister(dir);
    expect(lines(problems)).toEqual([
      'activities.yaml:9: warning: activity "lettings" relies on consent with no reference to where consent is recorded',
    ]);
    expect(register?.activities[0]?.lawful_basis.article_6).toBe('consent');
  });

  // An item that fails its own schema is left out of the cross-checks until it is fixed.
  it('reports every problem in every file in one pass, in file and line order', async () => {
    const dir = await folder({
      'controller.yaml': CONTROLLER.replace('Z1234567', 'Z12'),
      'people.yaml': PEOPLE.replace('subjects: [tenants]', 'subjects: [tenant]'),
      'activities.yaml': ACTIVITIES.replace('[To let homes]', '[]'),
      'more.yaml': ACTIVITIES.replace('lettings', 'repairs').replace(/ {4}retention:[\s\S]*$/, ''),
      'broken.yaml': 'recipients:\n  - id: a\n   name: b\n',
    });
    const { register, problems } = await loadRegister(dir);
    expect(register).toBeUndefined();
    expect(problems.map((p) => p.where)).toEqual([
      'activities.yaml:7',
      'broken.yaml:3',
      'controller.yaml:4',
      'more.yaml:2',
      'people.yaml:7',
    ]);
    expect(problems.every((p) => p.hint !== undefined && p.hint.length > 0)).toBe(true);
    expect(problems.map((p) => p.message)).toEqual([
      'activities[lettings].purposes: give at least one purpose',
      expect.stringMatching(/^not valid YAML/) as string,
      'controller.ico_registration must be an ICO registration number such as Z1234567',
      'activity "repairs" has no retention rule',
      'audience "tenants" names an unknown subject category "tenant"',
    ]);
  });

  it('says a file with more than one YAML document must be split', async () => {
    const dir = await folder(base({ 'people.yaml': `${PEOPLE}---\nsystems: []\n` }));
    expect((await loadRegister(dir)).problems).toMatchObject([
      { where: 'people.yaml:8', hint: expect.stringContaining('one YAML document') as string },
    ]);
  });

  it('refuses a file that is not a mapping of sections', async () => {
    const dir = await folder(base({ 'list.yaml': '- just\n- a list\n' }));
    expect(lines((await loadRegister(dir)).problems)).toEqual([
      'list.yaml:1: error: a register file must be a mapping of sections (controller:, data_categories:, activities: ...)',
    ]);
  });
});
