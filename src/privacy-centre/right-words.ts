import { RIGHTS, type Right } from '../register/lawful-bases.ts';
import type { RepresentativeKind } from '../rights-requests/request-input.ts';

/**
 * The rights as a member of the public reads them: what they can ask for, in plain English, with
 * the legal name kept in the hint so that someone who knows it ("subject access") finds it.
 * Keyed by `Right`, so a right added to the law's list does not compile until it has words here.
 */
export const RIGHT_CHOICES: Record<Right, { label: string; hint: string }> = {
  access: {
    label: 'Get a copy of your information',
    hint: 'Also called a subject access request. You can ask for a copy of the information we hold about you, what we use it for, who we share it with and how long we keep it.',
  },
  rectification: {
    label: 'Correct information that is wrong or incomplete',
    hint: 'Also called the right to rectification.',
  },
  erasure: {
    label: 'Delete your information',
    hint: 'Also called the right to erasure. We must delete it in some cases, for example when we no longer need it.',
  },
  restriction: {
    label: 'Limit how we use your information',
    hint: 'Also called the right to restrict processing. For example, while we check that information is correct.',
  },
  portability: {
    label: 'Move information you gave us to another organisation',
    hint: 'Also called the right to data portability. We send it in a format a computer can read.',
  },
  objection: {
    label: 'Object to how we use your information',
    hint: 'Also called the right to object. We must stop unless we have strong reasons to continue.',
  },
  'automated-decision': {
    label: 'Ask a person to review a decision made by a computer',
    hint: 'For decisions about you made only by automated means, with no one involved.',
  },
};

/** The rights in the order the law lists them (UK GDPR Arts 15 to 22). */
export const RIGHT_ORDER = Object.keys(RIGHTS) as Right[];

/** How someone may act for another person, as they would say it. */
export const REPRESENTATIVE_CHOICES: Record<RepresentativeKind, { label: string; hint?: string }> = {
  solicitor: { label: 'I am their solicitor or legal representative' },
  'parent-or-guardian': {
    label: 'I am their parent or guardian',
    hint: 'For a child who is not old enough to understand their rights.',
  },
  attorney: {
    label: 'I have power of attorney for them',
    hint: 'A lasting or enduring power of attorney, or a deputyship order from the Court of Protection.',
  },
  advocate: {
    label: 'I am their advocate or support worker',
    hint: 'Someone they have asked to act for them.',
  },
  other: { label: 'Another reason' },
};
