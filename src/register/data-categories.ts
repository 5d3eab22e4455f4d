import { SPECIAL_CATEGORIES, type SpecialCategory } from './lawful-bases.ts';
import type { DataCategory } from './register-schema.ts';
import { BUILT_IN_CATEGORIES, type Sensitivity } from './taxonomy.ts';

/** The built-in taxonomy as register data categories, ready to join with an organisation's own. */
export function builtInDataCategories(): DataCategory[] {
  return BUILT_IN_CATEGORIES.map((c) => ({
    id: c.id,
    name: c.name,
    description: c.description,
    sensitivity: c.sensitivity,
  }));
}

export function isSpecialCategory(sensitivity: Sensitivity): sensitivity is SpecialCategory {
  return Object.hasOwn(SPECIAL_CATEGORIES, sensitivity);
}

/**
 * Every sensitivity a category carries: its own and those of the categories it refines
 * (`parent`), so that "dietary needs" under `health` is special category data even though it
 * does not say so itself. Unknown parents and cycles end the walk; validation reports them.
 */
export function sensitivitiesOf(
  categories: ReadonlyMap<string, DataCategory>,
  id: string,
): ReadonlySet<Exclude<Sensitivity, 'ordinary'>> {
  const found = new Set<Exclude<Sensitivity, 'ordinary'>>();
  const seen = new Set<string>();
  let current = categories.get(id);
  while (current !== undefined && !seen.has(current.id)) {
    seen.add(current.id);
    if (current.sensitivity !== 'ordinary') found.add(current.sensitivity);
    current = current.parent === undefined ? undefined : categories.get(current.parent);
  }
  return found;
}

/** The Art 9 special categories among a category's sensitivities. */
export function specialCategoriesOf(
  categories: ReadonlyMap<string, DataCategory>,
  id: string,
): SpecialCategory[] {
  return [...sensitivitiesOf(categories, id)].filter(isSpecialCategory);
}

/** Whether a category is, or refines, criminal offence data (UK GDPR Art 10). */
export function isCriminalOffenceData(categories: ReadonlyMap<string, DataCategory>, id: string): boolean {
  return sensitivitiesOf(categories, id).has('criminal-offence');
}
