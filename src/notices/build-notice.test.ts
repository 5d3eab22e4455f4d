import { describe, expect, it } from 'vitest';
import { loadRegister } from '../register/load-register.ts';
import type { Activity, Register } from '../register/register-schema.ts';
import { buildNotice, type Notice } from './build-notice.ts';
import { allSections, sectionText } from './document.ts';
import { renderNoticeMarkdown } from './render-notice.ts';

async function validRegister(): Promise<Register> {
  const { register } = await loadRegister('src/register/testdata/valid');
  if (register === undefined) throw new Error('the test register should be valid');
  return structuredClone(register);
}

async function changed(id: string, change: (a: Activity) => void): Promise<Register> {
  const register = await validRegister();
  const activity = register.activities.find((a) => a.id === id);
  if (activity === undefined) throw new Error(`no activity ${id}`);
  change(activity);
  return register;
}

function textOf(notice: Notice, id: string): string {
  const found = allSections(notice.sections).find((s) => s.id === id);
  return found === undefined ? '' : sectionText(found);
}

function ids(notice: Notice): string[] {
  return allSections(notice.sections).map((s) => s.id);
}

describe('buildNotice', () => {
  it('describes only the activities of the audience, each in its own section', async () => {
    const notice = buildNotice(await validRegister(), 'public');
    expect(notice.activityIds).toEqual(['enquiries']);
    const md = renderNoticeMarkdown(notice);
    expect(md).toContain('### Answering enquiries');
    expect(md).not.toContain('Providing support');
  });

  it('holds the purposes, the lawful basis and the retention side by side in the activity section', async () => {
    const notice = buildNotice(await validRegister(), 'public');
    const activity = textOf(notice, 'enquiries');
    expect(activity).toContain('Answering enquiries');
    expect(activity).toContain('To answer questions people send us.');
    expect(activity).toContain('We rely on our legitimate interests (UK GDPR Article 6(1)(f)');
    expect(activity).toContain('Our legitimate interests are: Answering the people who contact us.');
    expect(activity).toContain('We keep it for 12 months from the date we last reply, then we delete it.');
  });

  it('says who we are, how to contact us and our data protection officer', async () => {
    const notice = buildNotice(await validRegister(), 'public');
    expect(textOf(notice, 'who-we-are')).toContain('Riverside Community Trust');
    expect(textOf(notice, 'who-we-are')).toContain('Z9876543');
    const contact = textOf(notice, 'contact-us');
    expect(contact).toContain('hello@riverside.example.org');
    expect(contact).toContain('data protection officer');
    expect(contact).toContain('dpo@riverside.example.org');
  });

  it('says how to complain to us and to the ICO', async () => {
    const register = await validRegister();
    let complain = textOf(buildNotice(register, 'public'), 'how-to-complain');
    expect(complain).toContain('hello@riverside.example.org');
    expect(complain).toContain(
      "Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF",
    );
    expect(complain).toContain('0303 123 1113');
    expect(complain).toContain('https://ico.org.uk/make-a-complaint');
    register.controller.complaints = { email: 'complaints@riverside.example.org' };
    complain = textOf(buildNotice(register, 'public'), 'how-to-complain');
    expect(complain).toContain('complaints@riverside.example.org');
    expect(complain).not.toContain('hello@riverside.example.org');
  });

  it('gives objection but not portability under legitimate interests, and the reverse under consent', async () => {
    const register = await validRegister();
    const enquiries = textOf(buildNotice(register, 'public'), 'enquiries-rights');
    expect(enquiries).toContain('to object to our use of your information');
    expect(enquiries).not.toContain('another organisation');
    const support = textOf(buildNotice(register, 'service-users'), 'support-rights');
    expect(support).toContain('to move information you gave us to another organisation');
    expect(support).not.toContain('to object');
  });

  it('always tells people they can object to direct marketing', async () => {
    const rights = textOf(buildNotice(await validRegister(), 'service-users'), 'your-rights');
    expect(rights).toContain('object at any time to our using your information for direct marketing');
  });

  it('explains withdrawing consent only where consent is relied on', async () => {
    const register = await validRegister();
    expect(ids(buildNotice(register, 'service-users'))).toContain('withdrawing-consent');
    expect(ids(buildNotice(register, 'public'))).not.toContain('withdrawing-consent');
  });

  it('names the special category condition, and sources and recipients where there are any', async () => {
    const register = await validRegister();
    const support = buildNotice(register, 'service-users');
    expect(textOf(support, 'support-special-category')).toContain('special category data: health');
    expect(textOf(support, 'support-special-category')).toContain(
      'explicit consent (UK GDPR Article 9(2)(a))',
    );
    expect(textOf(support, 'support-sources')).toContain('family members');
    expect(textOf(support, 'support-recipients')).toContain('Riverside Council');
    const enquiries = buildNotice(register, 'public');
    expect(ids(enquiries)).not.toContain('enquiries-special-category');
    expect(ids(enquiries)).not.toContain('enquiries-sources');
    expect(ids(enquiries)).not.toContain('enquiries-recipients');
  });

  it('leaves out transfers, requirement, automated decisions and criminal data where there are none', async () => {
    const notice = buildNotice(await validRegister(), 'public');
    for (const part of ['transfers', 'requirement', 'automated-decisions', 'criminal-offence'])
      expect(ids(notice)).not.toContain(`enquiries-${part}`);
    expect(textOf(notice, 'your-rights')).not.toContain('Automated decisions');
  });

  it('describes transfers, the requirement, automated decisions and criminal data where they apply', async () => {
    const register = await changed('enquiries', (a) => {
      a.transfers = [{ country: 'United States', recipient: 'crm-supplier', safeguard: 'idta' }];
      a.requirement = { kind: 'contractual', consequence: 'We cannot answer you without it' };
      a.automated_decisions = {
        description: 'We sort enquiries by urgency',
        logic: 'Key words in the message',
      };
      a.criminal_offence = { schedule_1: 'sch1-p2-10' };
    });
    const notice = buildNotice(register, 'public');
    expect(textOf(notice, 'enquiries-transfers')).toContain(
      'We send it to United States (to Our case management system supplier). It is protected by an international data transfer agreement',
    );
    expect(textOf(notice, 'enquiries-requirement')).toContain(
      'You need to give us this information under our contract with you.',
    );
    expect(textOf(notice, 'enquiries-requirement')).toContain('We cannot answer you without it.');
    expect(textOf(notice, 'enquiries-automated-decisions')).toContain('We sort enquiries by urgency.');
    expect(textOf(notice, 'enquiries-criminal-offence')).toContain(
      'Schedule 1, Part 2, paragraph 10 (preventing or detecting unlawful acts)',
    );
    expect(textOf(notice, 'your-rights')).toContain('Automated decisions');
  });

  it('gives the Annex 1 condition for (ea) and the legal source for (c) and (e)', async () => {
    let register = await changed('enquiries', (a) => {
      a.lawful_basis = { article_6: 'recognised-legitimate-interest', annex_1: 'safeguarding' };
    });
    let basis = textOf(buildNotice(register, 'public'), 'enquiries-lawful-basis');
    expect(basis).toContain(
      'recognised legitimate interest (UK GDPR Article 6(1)(ea)): safeguarding vulnerable individuals',
    );
    expect(textOf(buildNotice(register, 'public'), 'enquiries-rights')).toContain('to object');

    register = await changed('enquiries', (a) => {
      a.lawful_basis = { article_6: 'public-task', legal_source: 'Housing Act 1996, Part 7' };
    });
    basis = textOf(buildNotice(register, 'public'), 'enquiries-lawful-basis');
    expect(basis).toContain('public task');
    expect(basis).toContain('Housing Act 1996, Part 7.');
    expect(textOf(buildNotice(register, 'public'), 'enquiries-rights')).not.toContain('deleted');

    register = await changed('enquiries', (a) => {
      a.lawful_basis = { article_6: 'legal-obligation', legal_source: 'Section 11 of the Children Act 2004' };
    });
    basis = textOf(buildNotice(register, 'public'), 'enquiries-lawful-basis');
    expect(basis).toContain(
      'The law requires us to use it (UK GDPR Article 6(1)(c), legal obligation): Section 11 of the Children Act 2004.',
    );
  });

  it('refuses an audience the register does not have', async () => {
    const register = await validRegister();
    expect(() => buildNotice(register, 'tenants')).toThrow(/no audience "tenants"/);
  });
});
