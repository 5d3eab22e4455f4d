import { nameSounds } from './compare.ts';
import { listNameForms } from './nicknames.ts';
import type { NormalisedPerson } from './normalise.ts';

/*
 * Blocking keys say which records are worth scoring. Comparing a person with every row of a large
 * system is too slow, so a connector looks up rows that share at least one key, each through an
 * index, and scores only those. Keys are chosen so that the person's true records share at least
 * one even when some fields are mistyped, changed or missing:
 *
 * - exact identifiers find records whatever the names say (a new family name after marriage);
 * - family name sounds and postcode district find misspelt names at a known address;
 * - date of birth and initial find a changed family name or a move;
 * - family name and year of birth find a nickname or a mistyped day;
 * - postcode and initial find a changed or mistyped family name when the date of birth is unknown.
 *
 * Each key carries its parts as normalised values, for a connector that queries the system's own
 * columns, and `key`, one string equal for any two records that share the key, for a connector
 * that keeps its own index.
 */
export type BlockingKey =
  | { rule: 'email'; key: string; mailbox: string }
  | { rule: 'phone'; key: string; e164: string }
  | { rule: 'ni-number'; key: string; niNumber: string }
  | { rule: 'nhs-number'; key: string; nhsNumber: string }
  | { rule: 'reference'; key: string; scheme: string; reference: string }
  | { rule: 'family-name-sound-and-district'; key: string; familyNameSound: string; postcodeDistrict: string }
  | { rule: 'birth-date-and-initial'; key: string; birthDate: string; initial: string }
  | { rule: 'family-name-and-birth-year'; key: string; familyName: string; birthYear: string }
  | { rule: 'postcode-and-initial'; key: string; postcode: string; initial: string };

export type BlockingRule = BlockingKey['rule'];

/**
 * Lists the blocking keys of a person, strongest first, without repeats. The date of birth also
 * gives a key with day and month swapped, so that a system that wrote 03/04 the other way round
 * is still searched.
 *
 * @example
 * listBlockingKeys(normalisePerson({ fullName: 'Bob Smith', dateOfBirth: '1961-03-02' }, options))
 *   .map((key) => key.key);
 * // ['birth-date-and-initial:1961-03-02|b', 'birth-date-and-initial:1961-03-02|r', ...]
 */
export function listBlockingKeys(person: NormalisedPerson): BlockingKey[] {
  const keys: BlockingKey[] = [];
  const add = (key: BlockingKey): void => {
    if (!keys.some((existing) => existing.key === key.key)) keys.push(key);
  };

  for (const email of person.emails) {
    if (email.mailbox !== undefined)
      add({ rule: 'email', key: keyOf('email', email.mailbox), mailbox: email.mailbox });
  }
  for (const phone of person.phones) {
    if (phone.e164 !== undefined) add({ rule: 'phone', key: keyOf('phone', phone.e164), e164: phone.e164 });
  }
  const niNumber = person.niNumber?.stem;
  if (niNumber !== undefined) add({ rule: 'ni-number', key: keyOf('ni-number', niNumber), niNumber });
  const nhsNumber = person.nhsNumber?.value;
  if (nhsNumber !== undefined) add({ rule: 'nhs-number', key: keyOf('nhs-number', nhsNumber), nhsNumber });
  for (const { scheme, value } of person.references) {
    if (value !== undefined) {
      add({ rule: 'reference', key: keyOf('reference', scheme, value), scheme, reference: value });
    }
  }

  const familyName = person.name?.familyName;
  const districts = unique(person.postcodes.map((postcode) => postcode.district));
  const units = unique(person.postcodes.map((postcode) => postcode.unit));
  const initials = givenInitials(person);
  const birthDate = usableBirthDate(person);

  for (const familyNameSound of familyNameSounds(person)) {
    for (const postcodeDistrict of districts) {
      add({
        rule: 'family-name-sound-and-district',
        key: keyOf('family-name-sound-and-district', familyNameSound, postcodeDistrict),
        familyNameSound,
        postcodeDistrict,
      });
    }
  }
  if (birthDate !== undefined) {
    for (const date of [birthDate, ...swappedDayAndMonth(birthDate)]) {
      for (const initial of initials) {
        add({
          rule: 'birth-date-and-initial',
          key: keyOf('birth-date-and-initial', date, initial),
          birthDate: date,
          initial,
        });
      }
    }
    if (familyName !== undefined) {
      const birthYear = birthDate.slice(0, 4);
      add({
        rule: 'family-name-and-birth-year',
        key: keyOf('family-name-and-birth-year', familyName, birthYear),
        familyName,
        birthYear,
      });
    }
  }
  for (const postcode of units) {
    for (const initial of initials) {
      add({
        rule: 'postcode-and-initial',
        key: keyOf('postcode-and-initial', postcode, initial),
        postcode,
        initial,
      });
    }
  }
  return keys;
}

/**
 * The sounds of the whole family name and, for a double-barrelled one, of each part, so that
 * Smith-Jones is searched under Smith and under Jones.
 */
export function familyNameSounds(person: NormalisedPerson): string[] {
  const name = person.name;
  if (name?.familyName === undefined) return [];
  const names =
    name.familyNameParts.length > 1 ? [name.familyName, ...name.familyNameParts] : [name.familyName];
  return unique(names.flatMap(nameSounds));
}

/** The initial of the first given name and of its known forms: Bob is searched under B and R. */
function givenInitials(person: NormalisedPerson): string[] {
  const first = person.name?.givenNames[0];
  if (first === undefined) return [];
  if (first.length === 1) return [first];
  return unique(listNameForms(first).map((form) => form[0]));
}

function usableBirthDate(person: NormalisedPerson): string | undefined {
  const date = person.dateOfBirth;
  return date === undefined || date.isPlaceholder ? undefined : date.iso;
}

function swappedDayAndMonth(iso: string): string[] {
  const [year, month, day] = iso.split('-');
  if (year === undefined || month === undefined || day === undefined) return [];
  if (day === month || Number(day) > 12) return [];
  return [`${year}-${day}-${month}`];
}

function keyOf(rule: BlockingRule, ...parts: string[]): string {
  return `${rule}:${parts.join('|')}`;
}

function unique(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined))];
}
