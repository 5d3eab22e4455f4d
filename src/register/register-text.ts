import type { Problem } from '../errors/app-error.ts';
import {
  ANNEX_1_CONDITIONS,
  ARTICLE_6_BASES,
  ARTICLE_9_CONDITIONS,
  SCHEDULE_1_CONDITIONS,
  type Schedule1Condition,
} from './lawful-bases.ts';
import type { Activity, Contact, Register, Retention } from './register-schema.ts';
import { BUILT_IN_CATEGORIES } from './taxonomy.ts';

/** Problems as a compiler prints them: `file.yaml:12: error: message`, the hint indented below. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems
    .map((p) => `${p.where}: ${p.severity ?? 'error'}: ${p.message}\n${p.hint ? `  hint: ${p.hint}\n` : ''}`)
    .join('');
}

/** `2 errors, 1 warning`. */
export function countProblems(problems: readonly Problem[]): {
  errors: number;
  warnings: number;
  text: string;
} {
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  const errors = problems.length - warnings;
  return { errors, warnings, text: `${plural(errors, 'error')}, ${plural(warnings, 'warning')}` };
}

export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${String(n)} ${n === 1 ? noun : nouns}`;
}

/** A readable summary of a register: the controller, then each activity with its basis and retention. */
export function summariseRegister(register: Register): string {
  const c = register.controller;
  const lines = [
    c.name,
    `  ICO registration: ${c.ico_registration}`,
    `  Address: ${c.address}`,
    `  Data protection officer: ${describeContact(c.dpo)}`,
    ...(c.accountable_person ? [`  Accountable person: ${describeContact(c.accountable_person)}`] : []),
    `  Contact: ${describeContact(c.contact)}`,
    `  Public authority: ${c.public_authority ? 'yes' : 'no'}`,
    `  Bank holidays: ${c.bank_holiday_divisions.join(', ')}`,
    '',
    `${plural(register.activities.length, 'activity', 'activities')}:`,
  ];
  for (const activity of register.activities) {
    lines.push(`  ${activity.id}: ${activity.name} (${activity.business_function})`);
    lines.push(`    basis: ${describeBasis(activity)}`);
    lines.push(
      `    retention: ${activity.retention ? describeRetention(activity.retention) : 'none stated'}`,
    );
  }
  const builtIn = new Set(BUILT_IN_CATEGORIES.map((b) => b.id));
  const own = register.data_categories.filter((d) => !builtIn.has(d.id)).length;
  lines.push(
    '',
    [
      `${plural(register.data_categories.length, 'data category', 'data categories')} (${String(own)} of the organisation's own)`,
      plural(register.subject_categories.length, 'subject category', 'subject categories'),
      plural(register.audiences.length, 'audience'),
      plural(register.systems.length, 'system'),
      plural(register.recipients.length, 'recipient'),
      plural(register.sharing_agreements.length, 'sharing agreement'),
    ].join(', '),
  );
  return `${lines.join('\n')}\n`;
}

function describeContact(contact: Contact): string {
  const parts = [contact.name, contact.role, contact.email, contact.phone].filter(
    (p): p is string => p !== undefined,
  );
  return parts.length > 0 ? parts.join(', ') : '(no details)';
}

export function describeBasis(activity: Activity): string {
  const basis = activity.lawful_basis;
  const article6 = ARTICLE_6_BASES[basis.article_6];
  let text = `${article6.name} (Art 6(1)(${article6.letter}))`;
  if (basis.annex_1 !== undefined) text += `, Annex 1: ${ANNEX_1_CONDITIONS[basis.annex_1]}`;
  if (basis.legitimate_interests !== undefined) text += `: ${basis.legitimate_interests}`;
  const special = activity.special_category;
  if (special !== undefined) {
    const article9 = ARTICLE_9_CONDITIONS[special.article_9];
    text += `; Art 9(2)(${article9.letter}) ${article9.name.toLowerCase()}`;
    if (special.schedule_1 !== undefined) text += ` with ${describeSchedule1(special.schedule_1)}`;
  }
  const criminal = activity.criminal_offence;
  if (criminal?.schedule_1 !== undefined)
    text += `; criminal offence data under ${describeSchedule1(criminal.schedule_1)}`;
  return text;
}

function describeSchedule1(id: Schedule1Condition): string {
  const c = SCHEDULE_1_CONDITIONS[id];
  return `DPA 2018 Sch 1 para ${String(c.paragraph)} (${c.name.toLowerCase()})`;
}

export function describeRetention(retention: Retention): string {
  const then = `then ${retention.then === 'return' ? 'return to the commissioning body' : retention.then}`;
  const span =
    'period' in retention ? `${retention.period} from ${retention.from}` : `until ${retention.until}`;
  return `${span}, ${then}${retention.exceptions ? ` (except ${retention.exceptions})` : ''}`;
}
