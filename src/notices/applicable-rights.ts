import type { Right } from '../register/lawful-bases.ts';
import type { Activity } from '../register/register-schema.ts';

/**
 * The rights a person has over one activity, from its lawful basis (ICO guidance, "Lawful basis
 * for processing": which rights apply under which basis). Access, rectification and restriction
 * apply whatever the basis.
 */
export function rightsFor(activity: Activity): Right[] {
  const basis = activity.lawful_basis.article_6;
  const rights: Right[] = ['access', 'rectification'];
  // Art 17(3)(b): erasure does not reach processing for a legal obligation or a public task.
  if (basis !== 'legal-obligation' && basis !== 'public-task') rights.push('erasure');
  rights.push('restriction');
  // Art 20(1)(a): portability only where the basis is consent or contract.
  if (basis === 'consent' || basis === 'contract') rights.push('portability');
  // Art 21(1): objection where the basis is (e), (ea) or (f).
  if (
    basis === 'public-task' ||
    basis === 'recognised-legitimate-interest' ||
    basis === 'legitimate-interests'
  )
    rights.push('objection');
  // Art 22A-22D (as amended by the DUAA 2025): safeguards where decisions are made by automated means.
  if (activity.automated_decisions !== undefined) rights.push('automated-decision');
  return rights;
}

/** Whether the activity relies on the person's consent, so they may withdraw it (Art 7(3)). */
export function reliesOnConsent(activity: Activity): boolean {
  return (
    activity.lawful_basis.article_6 === 'consent' ||
    activity.special_category?.article_9 === 'explicit-consent'
  );
}
