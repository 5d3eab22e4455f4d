import { swapDayAndMonth } from './dates.ts';
import type { HardCase, SystemId } from './ground-truth.ts';
import {
  emailCaseVariant,
  formatPhone,
  formatPostcode,
  gmailDotVariant,
  type PhoneStyle,
  type PostcodeStyle,
} from './identifiers.ts';
import type { Address, HardCaseTracker, Person } from './population.ts';
import type { Random } from './random.ts';
import { NICKNAMES } from './uk-data.ts';

/**
 * How one system holds one person: the values its staff typed, with the slips and habits of that
 * system (a nickname in the CRM, a swapped date in a spreadsheet, a postcode without its space).
 * Every departure from the person's canonical values is named as a hard case on the record.
 */
export interface PersonView {
  readonly title: string;
  readonly given: string;
  readonly middle: string | null;
  readonly family: string;
  /** `YYYY-MM-DD`, possibly a placeholder or with day and month swapped; null where not recorded. */
  readonly dob: string | null;
  readonly email: string | null;
  readonly mobile: string | null;
  readonly landline: string | null;
  readonly address: Address;
  /** The postcode as this system writes it. */
  readonly postcode: string;
  readonly variants: HardCase[];
}

interface RecordStyle {
  readonly nickname: number;
  readonly typo: number;
  readonly swappedDob: number;
  readonly placeholderDob: number;
  readonly missingDob: number;
  readonly postcode: number;
  readonly postcodeStyles: readonly PostcodeStyle[];
  readonly phone: number;
  readonly phoneStyles: readonly PhoneStyle[];
  readonly emailCase: number;
  readonly gmailDots: number;
  readonly missingEmail: number;
  readonly missingPhone: number;
}

/** Each system's habits. The housing system is the most careful; spreadsheets typed by the public the least. */
const STYLES: Record<SystemId, RecordStyle> = {
  housing: {
    nickname: 0.01,
    typo: 0.01,
    swappedDob: 0.01,
    placeholderDob: 0.01,
    missingDob: 0.02,
    postcode: 0.03,
    postcodeStyles: ['no-space', 'lower-case'],
    phone: 0.08,
    phoneStyles: ['compact', 'brackets'],
    emailCase: 0.02,
    gmailDots: 0.02,
    missingEmail: 0.05,
    missingPhone: 0.03,
  },
  crm: {
    nickname: 0.1,
    typo: 0.04,
    swappedDob: 0.05,
    placeholderDob: 0.04,
    missingDob: 0.3,
    postcode: 0.3,
    postcodeStyles: ['no-space', 'lower-case', 'lower-no-space', 'double-space'],
    phone: 0.45,
    phoneStyles: ['e164', 'compact', 'international', 'plus-zero'],
    emailCase: 0.1,
    gmailDots: 0.2,
    missingEmail: 0.15,
    missingPhone: 0.05,
  },
  casenotes: {
    nickname: 0.06,
    typo: 0.04,
    swappedDob: 0.05,
    placeholderDob: 0.03,
    missingDob: 0.1,
    postcode: 0.15,
    postcodeStyles: ['no-space', 'lower-case'],
    phone: 0.4,
    phoneStyles: ['brackets', 'plus-zero', 'compact'],
    emailCase: 0.05,
    gmailDots: 0.05,
    missingEmail: 0.5,
    missingPhone: 0.2,
  },
  spreadsheets: {
    nickname: 0.15,
    typo: 0.05,
    swappedDob: 0.06,
    placeholderDob: 0.03,
    missingDob: 0.05,
    postcode: 0.45,
    postcodeStyles: ['no-space', 'lower-case', 'lower-no-space'],
    phone: 0.6,
    phoneStyles: ['double-zero', 'international', 'compact', 'e164'],
    emailCase: 0.15,
    gmailDots: 0.25,
    missingEmail: 0.05,
    missingPhone: 0.2,
  },
};

export const PLACEHOLDER_DOB = '1900-01-01';

/**
 * How `system` holds `person` this time, with the hard cases it shows. Nothing is recorded here:
 * the ground truth takes the cases from the records that are written (`BuildContext.own`).
 */
export function viewOf(
  person: Person,
  system: SystemId,
  random: Random,
  tracker: HardCaseTracker,
): PersonView {
  const style = STYLES[system];
  const variants: HardCase[] = [];
  // A hard case not yet seen anywhere is produced at its first chance (one such per record), so
  // that even a small organisation shows every kind.
  let forced = false;
  const show = (kind: HardCase, probability: number): boolean => {
    if (!random.chance(probability)) {
      if (forced || !tracker.wants(kind)) return false;
      forced = true;
    }
    variants.push(kind);
    return true;
  };

  let family = person.family;
  if (person.oldNameSystem === system && person.previousFamily !== null) {
    family = person.previousFamily;
    variants.push('name-change');
  }
  let address = person.household.address;
  if (person.oldAddressSystem === system && person.previousAddress !== null) {
    address = person.previousAddress;
    variants.push('moved');
  }

  let given = person.given;
  const nicknames = NICKNAMES[given];
  if (nicknames !== undefined && show('nickname', style.nickname)) given = random.pick(nicknames);
  if (show('typo', style.typo)) {
    if (random.chance(0.6)) family = typo(family, random);
    else given = typo(given, random);
  }

  let dob: string | null = person.dob;
  const swapped = swapDayAndMonth(person.dob);
  if (show('placeholder-dob', style.placeholderDob)) dob = PLACEHOLDER_DOB;
  else if (swapped !== undefined && show('dob-day-month-swapped', style.swappedDob)) dob = swapped;
  else if (random.chance(style.missingDob)) dob = null;

  let postcode = address.postcode;
  if (show('postcode-variant', style.postcode))
    postcode = formatPostcode(postcode, random.pick(style.postcodeStyles));

  const phoneStyle = (): PhoneStyle | undefined =>
    show('phone-variant', style.phone) ? random.pick(style.phoneStyles) : undefined;
  const present = (value: string | null) =>
    value !== null && !random.chance(style.missingPhone) ? value : null;
  let mobile = present(person.mobile);
  let landline = present(person.household.landline);
  if (mobile !== null || landline !== null) {
    const chosen = phoneStyle();
    if (chosen !== undefined) {
      mobile = mobile === null ? null : formatPhone(mobile, chosen);
      landline = landline === null ? null : formatPhone(landline, chosen);
    }
  }

  let email = person.email !== null && !random.chance(style.missingEmail) ? person.email : null;
  if (email !== null) {
    const isGmail = email.endsWith('@gmail.com');
    if (isGmail && show('email-variant', style.gmailDots)) email = gmailDotVariant(email, random);
    else if (show('email-variant', style.emailCase)) email = emailCaseVariant(email, random);
  }

  return {
    title: person.title,
    given,
    middle: person.middle,
    family,
    dob,
    email,
    mobile,
    landline,
    address,
    postcode,
    variants: [...new Set(variants)],
  };
}

/** Letters next to each other on a UK keyboard, for slips of the finger. */
const NEIGHBOURS: Record<string, string> = {
  a: 'sqz',
  b: 'vn',
  c: 'xv',
  d: 'sf',
  e: 'wr',
  f: 'dg',
  g: 'fh',
  h: 'gj',
  i: 'uo',
  j: 'hk',
  k: 'jl',
  l: 'k',
  m: 'n',
  n: 'bm',
  o: 'ip',
  p: 'o',
  q: 'w',
  r: 'et',
  s: 'ad',
  t: 'ry',
  u: 'yi',
  v: 'cb',
  w: 'qe',
  x: 'zc',
  y: 'tu',
  z: 'x',
};

/** The name with one slip of typing after its first letter: two letters swapped, one dropped, doubled or mistyped. */
export function typo(name: string, random: Random): string {
  const letters = Array.from(name);
  if (letters.length < 3) return `${name}${letters[letters.length - 1] ?? 'e'}`;
  const at = random.int(1, letters.length - 2);
  const here = letters[at] ?? '';
  const next = letters[at + 1] ?? '';
  switch (random.int(0, 3)) {
    case 0:
      if (here !== next) {
        letters[at] = next;
        letters[at + 1] = here;
        break;
      }
      letters.splice(at, 1);
      break;
    case 1:
      letters.splice(at, 1);
      break;
    case 2:
      letters.splice(at, 0, here);
      break;
    default: {
      const lower = here.toLowerCase();
      const options = NEIGHBOURS[lower];
      if (options === undefined) letters.splice(at, 0, here);
      else {
        const replacement = random.character(options);
        letters[at] = here === lower ? replacement : replacement.toUpperCase();
      }
    }
  }
  const result = letters.join('');
  return result === name ? `${name}${here}` : result;
}
