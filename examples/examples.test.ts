import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildNotice } from '../src/notices/build-notice.ts';
import { renderNoticeMarkdown } from '../src/notices/render-notice.ts';
import { loadRegister } from '../src/register/load-register.ts';
import type { Register } from '../src/register/register-schema.ts';
import { ropaRows, type RopaRow } from '../src/ropa/ropa-rows.ts';

/**
 * Each example register keeps the promises of the published notice or policy it comes from: these
 * tests read the privacy notice Custodian generates from it, as a reader would, and check that each
 * promise is there, in the part of the notice about the activity it concerns.
 */

const EXAMPLES = path.dirname(fileURLToPath(import.meta.url));

async function loadExample(folder: string): Promise<{ register: Register; warnings: string[] }> {
  const { register, problems } = await loadRegister(path.join(EXAMPLES, folder));
  const errors = problems.filter((p) => p.severity !== 'warning');
  expect(errors.map((p) => `${p.where}: ${p.message}`)).toEqual([]);
  if (register === undefined) throw new Error(`${folder} did not load`);
  return { register, warnings: problems.filter((p) => p.severity === 'warning').map((p) => p.message) };
}

/** A generated notice, read as text: its opening, and any section by its heading. */
class NoticeText {
  private readonly lines: string[];

  constructor(readonly markdown: string) {
    this.lines = markdown.split('\n');
  }

  /** The paragraphs before the first section. */
  opening(): string {
    const end = this.lines.findIndex((line) => line.startsWith('## '));
    return readable(this.lines.slice(1, end < 0 ? undefined : end));
  }

  /** The section under `heading`, with all its subsections, up to the next heading of its level or above. */
  section(heading: string): string {
    const start = this.lines.findIndex((line) => headingOf(line)?.text === heading);
    if (start < 0) {
      const headings = this.lines.flatMap((line) => headingOf(line)?.text ?? []);
      throw new Error(`the notice has no section "${heading}"; its headings are:\n${headings.join('\n')}`);
    }
    const level = headingOf(this.lines[start] ?? '')?.level ?? 1;
    const end = this.lines.findIndex((line, i) => {
      const h = i > start ? headingOf(line) : undefined;
      return h !== undefined && h.level <= level;
    });
    return readable(this.lines.slice(start + 1, end < 0 ? undefined : end));
  }

  /** The whole notice as a reader sees it. */
  all(): string {
    return readable(this.lines);
  }
}

function headingOf(line: string): { level: number; text: string } | undefined {
  const match = /^(#{1,6}) (.*)$/.exec(line);
  return match ? { level: match[1]?.length ?? 0, text: unescape(match[2] ?? '') } : undefined;
}

/** Markdown as the words a reader sees: no anchors, no escapes, no emphasis, one space between words. */
function readable(lines: readonly string[]): string {
  return unescape(
    lines
      .filter((line) => !/^<a id="[^"]*"><\/a>$/.test(line))
      .map((line) => line.replace(/^(#{1,6}|-|\d+\.) /, ''))
      .join('\n')
      .replace(/\*\*([^*]+)\*\*/g, '$1'),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

function unescape(text: string): string {
  return text.replace(/\\([\\`*_[\]<>#+\-=|.)!])/g, '$1');
}

function noticeOf(register: Register, audienceId: string): NoticeText {
  return new NoticeText(renderNoticeMarkdown(buildNotice(register, audienceId)));
}

/** The Art 30 record's row for an activity (one row per activity, in register order). */
function ropaRowOf(register: Register, activityId: string): RopaRow {
  const index = register.activities.findIndex((a) => a.id === activityId);
  const row = ropaRows(register)[index];
  if (index < 0 || row === undefined) throw new Error(`no activity "${activityId}" in the record`);
  return row;
}

const ICO_HELPLINE = '0303 123 1113';

// ---------------------------------------------------------------------------------------------

describe('Citizen Housing (seed 000): privacy notice for external stakeholders', () => {
  let register: Register;
  let warnings: string[];
  let notice: NoticeText;

  beforeAll(async () => {
    ({ register, warnings } = await loadExample('citizen-housing'));
    notice = noticeOf(register, 'external-stakeholders');
  });

  it('loads and validates with no errors or warnings', () => {
    expect(warnings).toEqual([]);
  });

  it('names Citizen Housing Group Ltd, of 4040 Solihull Parkway, Birmingham, as the controller', () => {
    const who = notice.section('Who we are');
    expect(who).toContain('Citizen Housing Group Ltd is the controller');
    expect(who).toContain('4040 Solihull Parkway, Birmingham Business Park, Birmingham, B37 7YN');
  });

  it('names its data protection officer, Mr Shane Murphy, at dataprotection@citizenhousing.org.uk', () => {
    const contact = notice.section('How to contact us');
    expect(contact).toContain('Mr Shane Murphy');
    expect(contact).toContain('Data Protection Officer');
    expect(contact).toContain('dataprotection@citizenhousing.org.uk');
  });

  it('gives the senior information risk owner, Mr Ian Tinsley, overall responsibility for the management of data', () => {
    expect(notice.section('How to contact us')).toMatch(
      /Overall responsibility for how we manage your information rests with: Name: Mr Ian Tinsley Role: Senior Information Risk Owner/,
    );
  });

  it('keeps contact details, job role, company and IP address for the duration of the relationship, on legitimate interests', () => {
    const contact = notice.section('Keeping your contact details');
    expect(contact).toContain('Job role and organisation');
    expect(contact).toContain('IP addresses');
    expect(contact).toContain(
      'We keep it until the end of our relationship with you (for the duration of the relationship)',
    );
    expect(contact).toContain('We rely on our legitimate interests (UK GDPR Article 6(1)(f)');
  });

  it('keeps call line identification and call recordings for 3 months from the date of the call, on legitimate interests', () => {
    const calls = notice.section('Call line identification and call recording');
    expect(calls).toContain('Call line identification: the telephone number a call was made from');
    expect(calls).toContain('Call recordings');
    expect(calls).toContain('duration of the call, and a recording of the conversation');
    expect(calls).toContain(
      'We keep it for 3 months from the date of the telephone call, then we delete it.',
    );
    expect(calls).toContain('We rely on our legitimate interests (UK GDPR Article 6(1)(f)');
  });

  it('keeps notes of meetings and event attendance, with dietary and accessibility requirements, for the life of the relationship', () => {
    const interactions = notice.section('Meetings, events and email exchanges');
    expect(interactions).toContain('Notes of meetings');
    expect(interactions).toContain('Event attendance');
    expect(interactions).toContain('Dietary and accessibility requirements');
    expect(interactions).toContain(
      'We keep it until the end of our relationship with you (life of the relationship)',
    );
    expect(interactions).toContain('We rely on our legitimate interests (UK GDPR Article 6(1)(f)');
    // Dietary and accessibility needs can reveal health: an Art 9 condition is stated with them.
    expect(interactions).toContain('special category data: health');
    expect(interactions).toContain('explicit consent (UK GDPR Article 9(2)(a))');
  });

  it('uses data for marketing, surveys, monitoring and research for the life of the relationship, on legitimate interests', () => {
    const marketing = notice.section('Marketing, survey, monitoring and research');
    expect(marketing).toContain('improving service delivery and the customer experience');
    expect(marketing).toContain('Requesting your participation in giving us feedback');
    expect(marketing).toContain(
      'We keep it until the end of our relationship with you (life of the relationship)',
    );
    expect(marketing).toContain('We rely on our legitimate interests (UK GDPR Article 6(1)(f)');
    expect(marketing).toContain('Understanding the perceptions and views of our external stakeholders');
  });

  it('relies on basis F of its table, legitimate interests, for every activity', () => {
    for (const activity of register.activities) {
      expect(notice.section(activity.name)).toContain('UK GDPR Article 6(1)(f), legitimate interests');
      expect(ropaRowOf(register, activity.id)['Article 6 lawful basis']).toBe(
        'Art 6(1)(f) Legitimate interests',
      );
    }
  });

  it('shares contact details with specialist marketing organisations such as Creative Bridge Ltd, in confidence, for market intelligence', () => {
    const marketing = notice.section('Marketing, survey, monitoring and research');
    expect(marketing).toContain('Creative Bridge Ltd');
    expect(marketing).toContain('on a confidential basis');
    expect(marketing).toContain('market intelligence');
    expect(marketing).toContain('works for us and uses it only on our instructions');
    expect(marketing).toContain('https://www.citizenhousing.org.uk/privacy');
  });

  it('honours the Preference Services and unsubscribe requests, and takes direct marketing objections on 0300 790 6555', () => {
    const marketing = notice.section('Marketing, survey, monitoring and research');
    expect(marketing).toContain('unless you have registered with the appropriate Preference Service');
    expect(marketing).toContain('you may unsubscribe from our emails at any time');
    expect(marketing).toContain('0300 790 6555');
    expect(marketing).toContain(
      'We may keep it longer if you tell us not to use your information for direct marketing',
    );
    expect(notice.section('Your rights')).toContain(
      'you can object at any time to our using your information for direct marketing',
    );
  });

  it('will never sell information to third parties', () => {
    expect(notice.opening()).toContain(
      'Citizen Housing Group Ltd will never sell your information to third parties',
    );
  });

  it('collects information from the person face to face, by email, by telephone or in correspondence', () => {
    expect(notice.opening()).toContain('face to face, by email, by telephone or in correspondence');
  });

  it('offers access, rectification, erasure and objection', () => {
    const rights = notice.section('Your rights');
    expect(rights).toContain('Access: you can ask for a copy of the information we hold about you');
    expect(rights).toContain('Correction:');
    expect(rights).toContain('Erasure:');
    expect(rights).toContain('Objection:');
  });

  it('tells people they can complain to the ICO', () => {
    const complain = notice.section('How to complain');
    expect(complain).toContain("Information Commissioner's Office");
    expect(complain).toContain(ICO_HELPLINE);
  });

  it('records the call log in the Art 30 record: call data, 3 months from the call, then deletion', () => {
    const row = ropaRowOf(register, 'call-logging');
    expect(row['Categories of personal data']).toBe('Call line identification; Call recordings');
    expect(row['Retention schedule']).toBe('3 months from the date of the telephone call, then delete');
    expect(row['Legitimate interests']).not.toBe('');
  });
});

// ---------------------------------------------------------------------------------------------

describe('Connexus (seed 001): data protection policy', () => {
  let register: Register;
  let warnings: string[];
  let customers: NoticeText;

  beforeAll(async () => {
    ({ register, warnings } = await loadExample('connexus'));
    customers = noticeOf(register, 'customers');
  });

  it('loads and validates with no errors or warnings', () => {
    expect(warnings).toEqual([]);
  });

  it('names the group and its data protection officer at connexus.GDPR@connexus-group.co.uk', () => {
    expect(customers.section('Who we are')).toContain(
      'Connexus Housing Limited (ultimate parent) and all of its subsidiaries',
    );
    const contact = customers.section('How to contact us');
    expect(contact).toContain('connexus.GDPR@connexus-group.co.uk');
    expect(contact).toContain('03332 31 32 33');
  });

  it('identifies and records the lawful basis of every collection', () => {
    for (const activity of register.activities) {
      const basis = ropaRowOf(register, activity.id)['Article 6 lawful basis'];
      expect(basis, activity.id).toMatch(/^Art 6\(1\)\(\w+\) /);
    }
    for (const activity of register.activities.filter((a) => a.audiences.includes('customers')))
      expect(customers.section(activity.name), activity.id).toMatch(
        /UK GDPR Article 6\(1\)\((a|b|c|d|e|ea|f)\)/,
      );
  });

  it('records consent where it relies on it', () => {
    const support = customers.section('Providing housing support and helping people access care');
    expect(support).toContain('We rely on your consent (UK GDPR Article 6(1)(a))');
    for (const activity of register.activities.filter((a) => a.lawful_basis.article_6 === 'consent'))
      expect(ropaRowOf(register, activity.id)['Link to record of consent'], activity.id).not.toBe('');
  });

  it('always seeks explicit consent for special category data, and limits access to it more strictly', () => {
    const special = register.activities.filter((a) => a.special_category !== undefined);
    expect(special.map((a) => a.id)).toEqual(
      expect.arrayContaining(['housing-applications', 'neighbourhood-disputes', 'housing-support']),
    );
    const support = customers.section('Providing housing support and helping people access care');
    expect(support).toContain('disabilities or problems with substance abuse');
    expect(support).toContain('you have given us your explicit consent (UK GDPR Article 9(2)(a))');
    expect(customers.section('Resolving neighbourhood disputes')).toContain('explicit consent');
    expect(ropaRowOf(register, 'housing-support')['Security measures']).toContain(
      'Stricter limits for access to special category information than to other personal data',
    );
  });

  it('gives role-based access to every system holding personal data', () => {
    for (const row of ropaRows(register))
      expect(row['Security measures']).toContain('Role based access rights to systems holding personal data');
  });

  it('investigates every breach, learns from it, and tells the ICO when required', () => {
    const breaches = customers.section('Investigating and reporting data breaches');
    expect(breaches).toContain('To investigate every data security breach and suspected breach');
    expect(breaches).toContain('lessons learnt');
    expect(breaches).toContain(
      "To report breaches to the Information Commissioner's Office where ICO guidance requires it",
    );
    expect(breaches).toContain('UK GDPR Articles 33 and 34');
  });

  it('has its data sharing protocols agreed by the DPO, recorded centrally and reviewed', () => {
    expect(register.sharing_agreements.length).toBeGreaterThan(0);
    for (const agreement of register.sharing_agreements) {
      expect(agreement.reference).toContain('Agreed by the Data Protection Officer');
      expect(agreement.reference).toContain('central record of information sharing protocols');
      expect(agreement.review > agreement.start).toBe(true);
    }
  });

  it('considers requests from third parties only in writing, and discloses without consent only in exceptional circumstances', () => {
    const disclosures = customers.section('Answering requests from third parties');
    expect(disclosures).toContain('considered only when made in writing');
    expect(disclosures).toContain('only in exceptional circumstances');
    expect(disclosures).toContain('clear evidence of fraud');
    expect(disclosures).toContain('in connection with legal proceedings');
    expect(disclosures).toContain('health and safety of an individual would be at risk');
  });

  it('gives repairs contractors basic contact details, as processors under its instructions', () => {
    const tenancy = customers.section('Managing your tenancy');
    expect(tenancy).toContain('Repairs and maintenance contractors');
    expect(tenancy).toContain('works for us and uses it only on our instructions');
    expect(ropaRowOf(register, 'tenancy-management')['Link to contract with processor']).toContain(
      'Repairs and maintenance contractors: Contractor data protection terms',
    );
  });

  it('keeps data by its retention schedule, then destroys it securely or returns it to the commissioning body', () => {
    const support = customers.section('Providing housing support and helping people access care');
    expect(support).toContain(
      'We keep it until the end of the support contract with the organisation that commissioned it, then we return it to the organisation that asked us to provide the service.',
    );
    expect(support).toContain(
      'We may keep it longer where the contract requires us to keep records for a set period after it ends',
    );
    const row = ropaRowOf(register, 'housing-support');
    expect(row['Retention schedule']).toContain('then return to the commissioning body');
    expect(row['Security measures']).toContain(
      'Secure return to the commissioning body, or secure destruction',
    );
    for (const activity of register.activities) expect(activity.retention, activity.id).toBeDefined();
  });

  it('answers subject access requests within 30 calendar days, after checking identity and authority', () => {
    expect(register.controller.response_targets).toEqual([
      { rights: ['access'], days: 30, kind: 'calendar' },
    ]);
    const requests = customers.section('Handling data protection requests');
    expect(requests).toContain('To answer subject access requests within 30 calendar days of receipt');
    expect(requests).toContain('has the authority to request it and is who they say they are');
  });

  it('explains in writing, in full, when a request cannot be completed or is delayed', () => {
    const requests = customers.section('Handling data protection requests');
    expect(requests).toContain(
      'to tell you in writing, with a full explanation, when a request cannot be completed or will be delayed',
    );
    expect(requests).toContain('explaining our reasons');
  });

  it('gives a copy free of charge, but may charge for excessive or repetitive requests', () => {
    expect(register.controller.fees?.manifestly_unfounded_or_excessive).toContain('excessive or repetitive');
    expect(customers.section('Handling data protection requests')).toContain(
      'we may make a reasonable charge for responding to requests which are excessive or repetitive',
    );
  });

  it('records data access requests and monitors the responses', () => {
    expect(customers.section('Handling data protection requests')).toContain(
      'To record data access requests and monitor our responses to them',
    );
  });

  it('enables restriction, portability, objection and the rights on automated processing', () => {
    const rights = customers.section('Your rights');
    expect(rights).toContain('Restriction:');
    expect(rights).toContain('Data portability:');
    expect(rights).toContain('Objection:');
    expect(customers.section('Handling data protection requests')).toContain(
      'requests about automated processing',
    );
  });

  it('reviews the policy at least every 3 years', () => {
    expect(register.controller.policy_review).toEqual({ last_reviewed: '2018-09-14', every_months: 36 });
  });

  it('tells people they can complain to the ICO', () => {
    expect(customers.section('How to complain')).toContain(ICO_HELPLINE);
  });
});

// ---------------------------------------------------------------------------------------------

describe('Community Led Initiatives (seed 002): privacy policy', () => {
  let register: Register;
  let warnings: string[];
  let clients: NoticeText;
  let supporters: NoticeText;
  let applicants: NoticeText;

  beforeAll(async () => {
    ({ register, warnings } = await loadExample('community-led-initiatives'));
    clients = noticeOf(register, 'clients');
    supporters = noticeOf(register, 'supporters');
    applicants = noticeOf(register, 'job-applicants');
  });

  it('loads and validates with no errors or warnings', () => {
    expect(warnings).toEqual([]);
  });

  it('names Community Led Initiatives CIC, company 08426120, and its Data Protection Manager', () => {
    const who = clients.section('Who we are');
    expect(who).toContain('Community Led Initiatives CIC');
    expect(who).toContain('08426120');
    const contact = clients.section('How to contact us');
    expect(contact).toContain('Data Protection Manager');
    expect(contact).toContain('hello@communityled.org.uk');
    expect(contact).toContain('0161 222 3733');
    expect(contact).toContain('1 George Leigh Street, Manchester, M4 5DL');
  });

  it('keeps case records in a CRM that only those who need them can open', () => {
    const support = clients.section('Providing advice, guidance and support');
    expect(support).toContain('customer relationship management system (CRM)');
    expect(ropaRowOf(register, 'support-services')['Security measures']).toContain(
      'No one is allowed access to our system or files unless they need it to provide the service to you',
    );
  });

  it('records criminal offence data and other sensitive data with explicit consent', () => {
    const support = clients.section('Providing advice, guidance and support');
    expect(support).toContain('racial or ethnic origin');
    expect(support).toContain('religious or philosophical beliefs');
    expect(support).toContain('political opinions');
    expect(support).toContain('sexual orientation');
    expect(support).toContain('you have given us your explicit consent (UK GDPR Article 9(2)(a))');
    expect(support).toContain('We use information about criminal convictions and offences');
    expect(support).toContain('Schedule 1, Part 3, paragraph 29 (consent)');
  });

  it('lets quality assurance staff and funders’ external auditors, bound by confidentiality, check files', () => {
    const support = clients.section('Providing advice, guidance and support');
    expect(support).toContain('quality assurance staff');
    expect(support).toContain('external auditors where the work is funded by another organisation');
    expect(support).toContain('National Probation Service');
    expect(support).toContain('bound by confidentiality policies');
  });

  it('keeps service records for 7 years after the services end', () => {
    const support = clients.section('Providing advice, guidance and support');
    expect(support).toContain(
      'We keep it for 7 years from the completion of the services we provided to you, then we delete it.',
    );
    expect(support).toContain('We rely on our legitimate interests (UK GDPR Article 6(1)(f)');
    expect(support).toContain('Administration and operational management');
  });

  it('uses data for statistics that identify no one, and anonymises research data', () => {
    const research = clients.section('Statistics, surveys and research');
    expect(research).toContain(
      'do not include any information that could be used to identify any individual',
    );
    expect(research).toContain('We keep it until the research or survey is complete, then we anonymise it');
  });

  it('reaches supporters through social media audiences, with secure upload and deletion of records that do not match', () => {
    const social = supporters.section('Social media advertising audiences');
    expect(social).toContain("Facebook's 'Custom' and 'Lookalike' Audiences");
    expect(social).toContain('including your email address');
    expect(social).toContain('Social media networks (Facebook and Twitter)');
    expect(social).toContain('immediately delete records that do not match');
    expect(ropaRowOf(register, 'social-media-audiences')['Security measures']).toContain(
      'secure and encrypted upload',
    );
  });

  it('keeps unsuccessful job applicants’ data for 12 months after the recruitment exercise', () => {
    const recruitment = applicants.section('Recruiting staff');
    expect(recruitment).toContain(
      'We keep it for 12 months from the date the recruitment exercise for that vacancy is complete, then we delete it.',
    );
    expect(recruitment).toContain('you can ask us to remove your data before then');
  });

  it('asks referees for references only with permission, and vets only the successful candidate', () => {
    const recruitment = applicants.section('Recruiting staff');
    expect(recruitment).toContain('To gather references, only with your permission');
    expect(recruitment).toContain(
      'only after a position has been offered and only for the successful candidate',
    );
    expect(recruitment).toContain('Your referees');
  });

  it('uses processors only under a data processing agreement', () => {
    expect(clients.section('Providing advice, guidance and support')).toContain(
      'Our data storage supplier: A third-party supplier that manages the storage of personal information on our behalf; works for us and uses it only on our instructions',
    );
    expect(ropaRowOf(register, 'support-services')['Link to contract with processor']).toContain(
      'Data processing agreement between CLI and the supplier',
    );
  });

  it('shares data otherwise only where the law requires it, to protect someone’s life, or with consent', () => {
    expect(clients.section('Disclosures required by law')).toContain(
      'UK GDPR Article 6(1)(c), legal obligation',
    );
    expect(clients.section('Disclosures required by law')).toContain('law enforcement or regulatory bodies');
    expect(clients.section("Protecting someone's life")).toContain(
      'UK GDPR Article 6(1)(d), vital interests',
    );
  });

  it('will never share or sell data for marketing, fundraising or campaigning', () => {
    for (const notice of [clients, supporters])
      expect(notice.opening()).toContain(
        'We will never share or sell your personal data to a third-party organisation for marketing, fundraising or campaigning purposes',
      );
  });

  it('keeps a suppression record after erasure so that marketing stops for good', () => {
    const suppression = supporters.section('Honouring requests not to receive marketing');
    expect(suppression).toContain(
      'keep the limited information needed to make sure that you are not contacted in the future',
    );
    expect(suppression).toContain(
      'even after we have deleted the rest of your personal data at your request',
    );
    expect(supporters.section('Marketing by email and text message')).toContain(
      'We may keep it longer where you have asked us not to send you marketing: we then keep only a suppression record',
    );
  });

  it('lets supporters withdraw consent to marketing texts and emails, and object to marketing by post', () => {
    expect(supporters.section('Withdrawing your consent')).toContain('Marketing by email and text message');
    expect(supporters.section('Marketing by post')).toContain('UK GDPR Article 6(1)(f)');
    expect(supporters.section('Your rights')).toContain(
      'you can object at any time to our using your information for direct marketing',
    );
  });

  it('offers every right, with portability where it relies on consent', () => {
    const rights = supporters.section('Your rights');
    for (const right of ['Access:', 'Correction:', 'Erasure:', 'Restriction:', 'Objection:'])
      expect(rights).toContain(right);
    expect(rights).toMatch(/Data portability: .* This applies to: Marketing by email and text message\./);
  });

  it('tells people they can complain to CLI and to the ICO', () => {
    const complain = clients.section('How to complain');
    expect(complain).toContain('hello@communityled.org.uk');
    expect(complain).toContain(ICO_HELPLINE);
  });
});

// ---------------------------------------------------------------------------------------------

describe('Halifax Opportunities Trust (seed 003): privacy notice for families', () => {
  let register: Register;
  let warnings: string[];
  let notice: NoticeText;

  beforeAll(async () => {
    ({ register, warnings } = await loadExample('halifax-opportunities-trust'));
    notice = noticeOf(register, 'families');
  });

  it('loads and validates with no errors or warnings', () => {
    expect(warnings).toEqual([]);
  });

  it('names its Data Protection Officer, Malgorzata Ciewiertnia, at Hanson Lane Enterprise Centre', () => {
    const contact = notice.section('How to contact us');
    expect(contact).toContain('Malgorzata Ciewiertnia');
    expect(contact).toContain('privacy@regen.org.uk');
    expect(contact).toContain('01422 399400');
    expect(notice.section('Who we are')).toContain(
      'Hanson Lane Enterprise Centre, Hanson Lane, Halifax, HX1 5PG',
    );
  });

  it('collects data on paper, electronically, by phone, email and in person, each time with a privacy notice', () => {
    const opening = notice.opening();
    expect(opening).toContain('on paper, electronically, by phone, by email or in person');
    expect(opening).toContain('the form includes a privacy notice');
    expect(opening).toContain('displayed in our centres and settings');
  });

  it('holds data on whole families, with sensitive information only on explicit consent', () => {
    const family = notice.section('Providing services to you and your family');
    expect(family).toContain('early education, health, family support, adult education and advice services');
    expect(family).toContain(
      'We get this information from you, and also from: the parent or carer who registers the family with us',
    );
    expect(family).toContain(
      'racial or ethnic origin, political opinions, religious or philosophical beliefs, trade union membership, health, sexual orientation',
    );
    expect(family).toContain('you have given us your explicit consent (UK GDPR Article 9(2)(a))');
    expect(family).toContain('Offences: the commission or alleged commission of any offence');
    expect(family).toContain('Schedule 1, Part 3, paragraph 29 (consent)');
    expect(family).toContain('We rely on your consent (UK GDPR Article 6(1)(a))');
  });

  it('keeps service records for as long as services are needed and the Retention of Documents Policy requires', () => {
    expect(notice.section('Providing services to you and your family')).toContain(
      'We keep it until you no longer require our services, and then for the time the law requires as set out in our Retention of Documents Policy',
    );
  });

  it('collects website browsing and device data', () => {
    const websites = notice.section('Running our websites');
    expect(websites).toContain(
      'make, model, operating system, IP address, browser type and mobile device identifiers',
    );
    expect(websites).toContain('when you click on one of our links');
  });

  it('keeps CCTV images no longer than necessary, but longer where a crime is being investigated', () => {
    const cctv = notice.section('CCTV in our centres and settings');
    expect(cctv).toContain(
      'We keep it until it is no longer necessary for these purposes, in line with our Retention Policy, then we delete it.',
    );
    expect(cctv).toContain(
      'We may keep it longer where there is a need, for example where a crime is being investigated.',
    );
    expect(cctv).toContain('public and staff safety, and crime prevention and detection');
    expect(cctv).toContain('signs are displayed');
  });

  it('never releases CCTV images to the media for entertainment or places them on the internet', () => {
    expect(notice.section('CCTV in our centres and settings')).toContain(
      'CCTV images are never released to the media for entertainment purposes or placed on the internet',
    );
  });

  it('sends marketing by post, text and email only with consent', () => {
    const marketing = notice.section('Information and news about our services');
    expect(marketing).toContain(
      'by post, text and email, but only if you have previously registered with us and given consent',
    );
    expect(marketing).toContain('We rely on your consent (UK GDPR Article 6(1)(a))');
    expect(notice.section('Withdrawing your consent')).toContain('Information and news about our services');
  });

  it('makes market research optional', () => {
    expect(notice.section('Surveys, feedback and competitions')).toContain(
      'you always have the choice about whether to take part in our market research',
    );
  });

  it('sends referrals to other service providers by secure email (CJSM)', () => {
    expect(notice.section('Providing services to you and your family')).toContain(
      'referral forms are sent to them by secure email (CJSM)',
    );
    expect(ropaRowOf(register, 'family-services')['Security measures']).toContain(
      'Referral forms and information sent to other service providers by secure email (CJSM)',
    );
  });

  it('shares information only with explicit consent, except to prevent or detect crime or to prevent harm', () => {
    expect(notice.section('Providing services to you and your family')).toContain(
      'always with your explicit consent, explained to you when you ask for the additional service',
    );
    const crime = notice.section('Sharing information to prevent or detect crime');
    expect(crime).toContain(
      'without your consent where it is necessary for the prevention or detection of crime',
    );
    expect(crime).toContain('UK GDPR Article 6(1)(ea)');
    const harm = notice.section('Sharing information to prevent harm');
    expect(harm).toContain(
      'without your consent where it is necessary to prevent risk of harm to an individual',
    );
    expect(harm).toContain(
      'Schedule 1, Part 2, paragraph 18 (safeguarding of children and individuals at risk)',
    );
  });

  it('corrects records within a month and asks third parties to amend theirs', () => {
    expect(notice.section('Answering your requests about your information')).toContain(
      'To correct your records within a month of being told of a change, including asking third parties to amend their systems accordingly',
    );
  });

  it('erases data on request unless a legal or safeguarding purpose requires it', () => {
    expect(notice.section('Answering your requests about your information')).toContain(
      'unless it is required for a legal or safeguarding purpose',
    );
    expect(notice.section('Providing services to you and your family')).toContain(
      'We may keep it longer where it is required for a legal or safeguarding purpose.',
    );
  });

  it('answers subject access requests free within 30 days, with a £10 fee for manifestly unfounded or excessive requests', () => {
    expect(register.controller.response_targets).toEqual([
      { rights: ['access'], days: 30, kind: 'calendar' },
    ]);
    expect(register.controller.fees?.manifestly_unfounded_or_excessive).toContain('£10.00');
    const requests = notice.section('Answering your requests about your information');
    expect(requests).toContain('free of charge within 30 days of us receiving it');
    expect(requests).toContain('we may charge an administration fee of £10.00');
    expect(requests).toContain('To ask for proof of identity');
  });

  it('makes no automated decisions and does no profiling', () => {
    expect(notice.all()).not.toContain('We make decisions about you by automated means');
    for (const row of ropaRows(register))
      expect(row['Automated decision-making including profiling']).toBe('No');
  });

  it('has its systems backed up to the cloud by Risc IT Solutions', () => {
    expect(notice.section('Providing services to you and your family')).toContain(
      'Risc IT Solutions: Makes the cloud backups',
    );
  });

  it('takes complaints through its Data Protection Officer, and names the ICO', () => {
    const complain = notice.section('How to complain');
    expect(complain).toContain('Malgorzata Ciewiertnia');
    expect(complain).toContain(ICO_HELPLINE);
  });
});

// ---------------------------------------------------------------------------------------------

describe('Derby City Council (seed 004): privacy notice for customer management', () => {
  let register: Register;
  let warnings: string[];
  let notice: NoticeText;

  beforeAll(async () => {
    ({ register, warnings } = await loadExample('derby-city-council'));
    notice = noticeOf(register, 'customers');
  });

  it('loads and validates, warning only that the council relies on legitimate interests where its notice does', () => {
    expect(warnings).toEqual([
      'activity "visitor-sign-in" relies on legitimate interests (Art 6(1)(f)), which a public authority cannot use for processing in performance of its tasks',
      'activity "complaints" relies on legitimate interests (Art 6(1)(f)), which a public authority cannot use for processing in performance of its tasks',
    ]);
  });

  it('is a public authority at The Council House, with a data protection officer on 01332 640763', () => {
    expect(register.controller.public_authority).toBe(true);
    expect(notice.section('Who we are')).toContain('The Council House, Corporation Street, Derby, DE1 2FS');
    const contact = notice.section('How to contact us');
    expect(contact).toContain('01332 640763');
    expect(contact).toContain('data.protection@derby.gov.uk');
  });

  it('answers enquiries, comments and reports as a public task, passing them to the relevant team', () => {
    const enquiries = notice.section('Enquiries, comments and reports');
    expect(enquiries).toContain('Your information will be passed to the relevant team within the council');
    expect(enquiries).toContain('UK GDPR Article 6(1)(e), public task');
    expect(enquiries).toContain('Contact details');
    expect(enquiries).toContain('Enquiry details');
    expect(enquiries).toContain('Age');
    expect(enquiries).toContain('it may lead to enforcement activity as part of a statutory duty');
  });

  it('shares enquiries with emergency services, regulators, partners, government departments and other relevant parties', () => {
    const enquiries = notice.section('Enquiries, comments and reports');
    for (const recipient of [
      'Emergency services',
      'Regulatory agencies',
      'Partners that provide services on our behalf',
      'Government departments',
      'Other relevant parties',
    ])
      expect(enquiries).toContain(recipient);
  });

  it('takes payment card details', () => {
    expect(notice.section('Enquiries, comments and reports')).toContain('Payment card details');
    const payments = notice.section('Taking card payments');
    expect(payments).toContain('Payment card details');
    expect(payments).toContain('We keep it until the payment is authorised, then we delete it.');
  });

  it('keeps equalities monitoring apart, for an overview of services, under Art 9(2)(g) and Schedule 1 paragraph 8', () => {
    const equalities = notice.section('Equalities monitoring');
    expect(equalities).toContain('processed separately from your enquiry or complaint');
    expect(equalities).toContain('To provide an overview of our services');
    expect(equalities).toContain('UK GDPR Article 9(2)(g)');
    expect(equalities).toContain('Schedule 1, Part 2, paragraph 8 (equality of opportunity or treatment)');
    expect(equalities).toContain('Equality Act 2010 s.149');
    expect(ropaRowOf(register, 'equalities-monitoring')['Security measures']).toContain(
      'Held apart from enquiry and complaint records',
    );
  });

  it('signs visitors in for building security on legitimate interests, sharing with the police or emergency services', () => {
    const visitors = notice.section('Visiting our premises');
    expect(visitors).toContain('To maintain building security');
    expect(visitors).toContain('how many people are in the building if there is an emergency');
    expect(visitors).toContain('UK GDPR Article 6(1)(f)');
    expect(visitors).toContain(
      'Maintaining the security of our premises in order to safeguard our information assets and staff',
    );
    expect(visitors).toContain('Police and other investigatory bodies');
    expect(visitors).toContain('Emergency services');
  });

  it('handles complaints on legitimate interests, to review and improve its services, and says what happens without the details', () => {
    const complaints = notice.section('Customer complaints');
    expect(complaints).toContain('UK GDPR Article 6(1)(f)');
    expect(complaints).toContain('Reviewing and improving our service provision');
    expect(complaints).toContain('You do not have to give us this information');
    expect(complaints).toContain(
      'It may hamper our ability to investigate your complaint and communicate the outcome to you',
    );
  });

  it('receives information from the police to help prevent and detect crime', () => {
    const police = notice.section('Working with the police and other investigatory bodies');
    expect(police).toContain(
      'We get this information from you, and also from: the police and other investigatory bodies',
    );
    expect(police).toContain('apprehension and prosecution of offenders');
    expect(police).toContain('We use information about criminal convictions and offences');
  });

  it('protects other people’s data in subject access responses', () => {
    const access = notice.section('Subject access requests');
    expect(access).toContain('no third party data about you will be disclosed without your consent');
    expect(ropaRowOf(register, 'subject-access-requests')['Security measures']).toContain(
      'Information about other people withheld from an access response unless they consent',
    );
  });

  it('shares with the police, courts, other councils, solicitors and insurers', () => {
    expect(notice.section('Working with the police and other investigatory bodies')).toContain(
      'Police and other investigatory bodies',
    );
    const legal = notice.section('Legal proceedings and legal advice');
    expect(legal).toContain('Courts');
    expect(legal).toContain('Solicitors or insurance companies');
    expect(legal).toContain('in connection with, any legal proceedings, or for obtaining legal advice');
    const safeguarding = notice.section('Sharing with other local authorities for safeguarding');
    expect(safeguarding).toContain('Other local authorities');
    expect(safeguarding).toContain('to protect the vital interests of you or others');
  });

  it('uses anonymised and pseudonymised data for compatible research and statistics', () => {
    const research = notice.section('Research and statistics');
    expect(research).toContain('anonymised and pseudonymised data for research and statistical purposes');
    expect(research).toContain('compatible with the purpose for which the data was collected');
  });

  it('offers objection, restriction, deletion and the right to challenge automated decisions', () => {
    const rights = notice.section('Your rights');
    expect(rights).toContain('Objection:');
    expect(rights).toContain('Restriction:');
    expect(rights).toContain('Erasure:');
    expect(rights).toContain('Automated decisions:');
    expect(notice.section('Enquiries, comments and reports')).toContain(
      'Some of our online forms give an instant decision, made without human intervention',
    );
  });

  it('keeps and disposes of records by its published retention schedule', () => {
    expect(notice.opening()).toContain(
      'We keep and dispose of all records in line with our record retention schedule, published at https://www.derby.gov.uk/retention-schedule/',
    );
  });

  it('will not sell or rent information, or share it for marketing', () => {
    expect(notice.opening()).toContain(
      'We will not sell or rent your information to third parties, and we will not share it with third parties for marketing purposes',
    );
  });

  it('explains its cookies and where to manage them', () => {
    expect(notice.section('Cookies on www.derby.gov.uk')).toContain(
      'https://www.derby.gov.uk/site-info/about-cookies/',
    );
  });

  it('takes complaints through Information Governance, and names the ICO', () => {
    const complain = notice.section('How to complain');
    expect(complain).toContain('Information Governance, The Council House');
    expect(complain).toContain(ICO_HELPLINE);
  });
});
