import { RIGHTS, type Right } from '../register/lawful-bases.ts';
import { formatLongDate } from './dates.ts';
import type { Outcome, RefusalGround } from './request-input.ts';

/**
 * The Information Commissioner's Office, as people are told to contact it (ico.org.uk/make-a-complaint,
 * checked 2026). Kept here so that a change of address is made once.
 */
export const ICO_CONTACT = {
  name: "Information Commissioner's Office",
  address: 'Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF',
  phone: '0303 123 1113',
  web: 'https://ico.org.uk/make-a-complaint/',
} as const;

/** How each ground is put to the person, with the law it rests on. */
const GROUND_WORDING: Record<Exclude<RefusalGround, 'exemption'>, string> = {
  'manifestly-unfounded': 'we consider the request manifestly unfounded (UK GDPR Article 12(5))',
  'manifestly-excessive': 'we consider the request manifestly excessive (UK GDPR Article 12(5))',
  'identity-not-confirmed':
    'we have not been able to confirm that you are the person the information is about (UK GDPR Article 12(2) and 12(6))',
};

export interface OrganisationContact {
  name?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  address?: string | undefined;
  url?: string | undefined;
}

export interface RefusalNoticeInput {
  reference: string;
  receivedOn: string;
  rights: readonly Right[];
  outcome: Exclude<Outcome, 'comply'>;
  grounds: readonly { ground: RefusalGround; exemption?: string | undefined }[];
  reasons: string;
  /** The organisation's name, from the register. */
  organisation?: string | undefined;
  /** How to complain to the organisation itself (DPA 2018 s.164A), from the register. */
  complaints?: OrganisationContact | undefined;
}

/**
 * The words a person must be given when a request is refused in whole or in part: the reasons,
 * the right to complain to the ICO and the right to seek to enforce the right through the courts
 * (UK GDPR Art 12(4)), and the organisation's own complaints route where it has one (DPA 2018 s.164A).
 *
 * @example
 * refusalNotice({ reference: 'RR-2026-000001', receivedOn: '2026-01-31', rights: ['access'],
 *   outcome: 'refuse', grounds: [{ ground: 'manifestly-excessive' }], reasons: '...' })
 */
export function refusalNotice(input: RefusalNoticeInput): string {
  const rights = input.rights.map((r) => RIGHTS[r]).join(', ');
  const paragraphs = [
    `Your request of ${formatLongDate(input.receivedOn)} (our reference ${input.reference}) under the following rights: ${rights}.`,
    input.outcome === 'refuse'
      ? 'We have decided not to act on your request.'
      : 'We have decided to act on your request only in part.',
    `This is because ${joinGrounds(input.grounds.map(describeGround))}.`,
    `Our reasons: ${input.reasons}`,
    [
      `If you are unhappy with this decision, you have the right to complain to the ${ICO_CONTACT.name}:`,
      `  ${ICO_CONTACT.address}`,
      `  Helpline: ${ICO_CONTACT.phone}`,
      `  Online: ${ICO_CONTACT.web}`,
    ].join('\n'),
    'You also have the right to seek to enforce your rights through the courts (UK GDPR Article 79; Data Protection Act 2018 section 167).',
  ];
  const complaints = describeContact(input.complaints);
  if (complaints !== undefined) {
    paragraphs.push(`You can also complain to ${input.organisation ?? 'us'} directly:\n${complaints}`);
  }
  return `${paragraphs.join('\n\n')}\n`;
}

function describeGround(g: { ground: RefusalGround; exemption?: string | undefined }): string {
  if (g.ground === 'exemption') {
    return `an exemption applies: ${g.exemption ?? 'an exemption under the Data Protection Act 2018'}`;
  }
  return GROUND_WORDING[g.ground];
}

function joinGrounds(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join('; ')}; and ${parts.at(-1) ?? ''}`;
}

function describeContact(contact: OrganisationContact | undefined): string | undefined {
  if (!contact) return undefined;
  const lines = [
    contact.name,
    contact.address,
    contact.email && `Email: ${contact.email}`,
    contact.phone && `Phone: ${contact.phone}`,
    contact.url && `Online: ${contact.url}`,
  ].filter((line): line is string => line !== undefined && line !== '');
  if (lines.length === 0) return undefined;
  return lines.map((line) => `  ${line}`).join('\n');
}
