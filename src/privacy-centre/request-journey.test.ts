import { describe, expect, it } from 'vitest';
import {
  firstUnfinished,
  pageProblems,
  readStep,
  stepAfter,
  stepBefore,
  stepsFor,
} from './request-journey.ts';

const TODAY = '2026-11-23';

const FOR_SELF = {
  rights: ['access'],
  actingForSomeoneElse: false,
  person: { name: 'Jo Bloggs', email: 'jo@example.org', dateOfBirth: '1985-03-07' },
  lookingFor: { description: 'My rent account' },
  contactMethod: 'email',
};

describe('the make-a-request journey', () => {
  it('asks the representative’s questions only of someone acting for another person', () => {
    expect(stepsFor(FOR_SELF)).not.toContain('relationship');
    const acting = { ...FOR_SELF, actingForSomeoneElse: true };
    expect(stepsFor(acting).slice(0, 5)).toEqual([
      'rights',
      'acting-for',
      'relationship',
      'your-details',
      'name',
    ]);
    expect(stepAfter('acting-for', FOR_SELF)).toBe('name');
    expect(stepAfter('acting-for', acting)).toBe('relationship');
    expect(stepBefore('name', acting)).toBe('your-details');
    expect(stepBefore('rights', FOR_SELF)).toBeUndefined();
    expect(stepAfter('looking-for', FOR_SELF)).toBeUndefined();
  });

  it('finds the first question still to answer, a missing section belonging to its first page', () => {
    expect(firstUnfinished({}, TODAY)).toBe('rights');
    expect(firstUnfinished({ rights: ['access'], actingForSomeoneElse: false }, TODAY)).toBe('name');
    expect(firstUnfinished({ ...FOR_SELF, person: { name: 'Jo' } }, TODAY)).toBe('contact');
    expect(firstUnfinished(FOR_SELF, TODAY)).toBeUndefined();
    expect(firstUnfinished({ ...FOR_SELF, actingForSomeoneElse: true }, TODAY)).toBe('relationship');
  });

  it('forgets who the person is when the answer to "for someone else?" changes', () => {
    const { answers } = readStep('acting-for', { actingForSomeoneElse: 'yes' }, FOR_SELF);
    expect(answers).toEqual({
      rights: ['access'],
      actingForSomeoneElse: true,
      lookingFor: { description: 'My rent account' },
    });
    const same = readStep('acting-for', { actingForSomeoneElse: 'no' }, FOR_SELF);
    expect(same.answers).toEqual(FOR_SELF);
  });

  it('keeps only what was said: blank optional answers are removed, lines split', () => {
    const { answers } = readStep(
      'previous-details',
      { 'person-previousNames': ' Jo Smith \r\n\r\nJo Jones', 'person-previousAddresses': '  ' },
      { person: { name: 'Jo', previousAddresses: ['1 Old Road'] } },
    );
    expect(answers).toEqual({ person: { name: 'Jo', previousNames: ['Jo Smith', 'Jo Jones'] } });
  });

  it('lists a page’s problems in the order of its fields', () => {
    const reading = readStep(
      'looking-for',
      {
        'lookingFor-description': '',
        'lookingFor-from-day': '1',
        'lookingFor-from-month': '',
        'lookingFor-from-year': '2024',
        'lookingFor-to-day': '1',
        'lookingFor-to-month': '1',
        'lookingFor-to-year': '2030',
      },
      FOR_SELF,
    );
    expect(pageProblems('looking-for', reading, TODAY)).toEqual([
      { where: 'lookingFor.description', message: 'Tell us what your request is about' },
      { where: 'lookingFor.from', message: 'The start date must include a month', parts: ['month'] },
      { where: 'lookingFor.to', message: 'The end date must be today or in the past' },
    ]);
  });
});
