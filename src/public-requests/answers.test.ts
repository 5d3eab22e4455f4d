import { describe, expect, it } from 'vitest';
import { newRequest } from '../rights-requests/request-input.ts';
import { checkAnswers, parseAnswers, toNewRequest, type PublicRequestAnswers } from './answers.ts';

const TODAY = '2026-04-03';

const FOR_SELF = {
  rights: ['access'],
  actingForSomeoneElse: false,
  person: { name: 'Jo Bloggs', email: 'jo@example.org' },
  lookingFor: { description: 'My rent account' },
  contactMethod: 'email',
};

const FOR_SOMEONE_ELSE = {
  rights: ['access'],
  actingForSomeoneElse: true,
  person: { name: 'Sam Bloggs' },
  representative: {
    kind: 'solicitor',
    name: 'Ria Patel',
    organisation: 'Patel & Co',
    email: 'ria@patel.example',
  },
  lookingFor: { description: 'All records about my client' },
  contactMethod: 'email',
};

function problemsOf(value: unknown) {
  const checked = checkAnswers(value, TODAY);
  if (checked.answers) throw new Error('expected problems');
  return checked.problems;
}

describe('the answers of the make-a-request journey', () => {
  it('asks every question when nothing was answered', () => {
    expect(problemsOf({})).toEqual([
      {
        where: 'actingForSomeoneElse',
        message: 'Select yes if you are making this request for someone else',
      },
      { where: 'rights', message: 'Select at least one right' },
      { where: 'person', message: 'Enter your details' },
      { where: 'lookingFor', message: 'Tell us what your request is about' },
      { where: 'contactMethod', message: 'Select how you would like us to contact you' },
    ]);
    expect(problemsOf('a string')).toEqual([{ where: 'answers', message: 'Answer the questions' }]);
  });

  it('drops blank optional fields, trims the rest, and keeps the description as typed', () => {
    const answers = parseAnswers(
      {
        ...FOR_SELF,
        person: {
          name: '  Jo Bloggs ',
          email: ' jo@example.org ',
          phone: '',
          address: '   ',
          dateOfBirth: '',
        },
        lookingFor: { description: '  My rent account\n  since 2020 ', from: '', to: '' },
      },
      TODAY,
    );
    expect(answers.person).toEqual({ name: 'Jo Bloggs', email: 'jo@example.org' });
    expect(answers.lookingFor).toEqual({ description: '  My rent account\n  since 2020 ' });
  });

  it('needs the email address of whoever is asking', () => {
    for (const email of [undefined, '', '  ']) {
      expect(problemsOf({ ...FOR_SELF, person: { name: 'Jo Bloggs', email } })).toEqual([
        { where: 'person.email', message: 'Enter your email address' },
      ]);
    }
    expect(
      problemsOf({ ...FOR_SOMEONE_ELSE, representative: { kind: 'solicitor', name: 'Ria Patel' } }),
    ).toEqual([{ where: 'representative.email', message: 'Enter your email address' }]);
    // The person acted for need not have one.
    expect(parseAnswers(FOR_SOMEONE_ELSE, TODAY).person).toEqual({ name: 'Sam Bloggs' });
  });

  it('asks for the representative only when acting for someone else', () => {
    expect(problemsOf({ ...FOR_SOMEONE_ELSE, representative: undefined })).toEqual([
      { where: 'representative', message: 'Enter your details' },
    ]);
    expect(problemsOf({ ...FOR_SELF, representative: FOR_SOMEONE_ELSE.representative })).toEqual([
      { where: 'representative', message: 'is only given when acting for someone else' },
    ]);
    expect(
      problemsOf({
        ...FOR_SOMEONE_ELSE,
        representative: { ...FOR_SOMEONE_ELSE.representative, kind: 'friend' },
      }),
    ).toEqual([{ where: 'representative.kind', message: 'Select how you are acting for the person' }]);
    expect(problemsOf({ ...FOR_SOMEONE_ELSE, person: {} })).toEqual([
      { where: 'person.name', message: 'Enter the full name of the person you are acting for' },
    ]);
  });

  it('checks dates: real, in the past, and in order', () => {
    expect(
      problemsOf({
        ...FOR_SELF,
        person: { ...FOR_SELF.person, dateOfBirth: '1990-02-29' },
        lookingFor: { description: 'x', from: '2026-01-31', to: '2026-01-30' },
      }),
    ).toEqual([
      { where: 'person.dateOfBirth', message: 'Date of birth must be a real date' },
      { where: 'lookingFor.to', message: 'The end date must be the same as or after the start date' },
    ]);
    expect(
      problemsOf({
        ...FOR_SELF,
        person: { ...FOR_SELF.person, dateOfBirth: TODAY },
        lookingFor: { description: 'x', from: '2026-04-04', to: '3 April' },
      }),
    ).toEqual([
      { where: 'lookingFor.to', message: 'The end date must be a real date' },
      { where: 'person.dateOfBirth', message: 'Date of birth must be in the past' },
      { where: 'lookingFor.from', message: 'The start date must be today or in the past' },
    ]);
    expect(
      parseAnswers({ ...FOR_SELF, lookingFor: { description: 'x', from: TODAY, to: TODAY } }, TODAY)
        .lookingFor,
    ).toEqual({ description: 'x', from: TODAY, to: TODAY });
  });

  it('needs a way to reply the way the person chose', () => {
    expect(problemsOf({ ...FOR_SELF, contactMethod: 'post' })).toEqual([
      {
        where: 'person.address',
        message: 'Enter a postal address, or choose another way for us to contact you',
      },
    ]);
    expect(problemsOf({ ...FOR_SOMEONE_ELSE, contactMethod: 'phone' })).toEqual([
      {
        where: 'representative.phone',
        message: 'Enter a telephone number, or choose another way for us to contact you',
      },
    ]);
    expect(
      problemsOf({ ...FOR_SELF, person: { ...FOR_SELF.person, phone: 'call me' }, contactMethod: 'phone' }),
    ).toEqual([
      {
        where: 'person.phone',
        message: 'Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192',
      },
    ]);
  });

  it('checks previous names and addresses one by one', () => {
    expect(
      problemsOf({
        ...FOR_SOMEONE_ELSE,
        person: { name: 'Sam Bloggs', previousNames: ['Sam Smith', ' '], previousAddresses: 'Old Road' },
      }),
    ).toEqual([
      {
        where: 'person.previousNames.1',
        message: "Enter the person's previous name, or remove the empty one",
      },
      { where: 'person.previousAddresses', message: "Give the person's previous addresses as a list" },
    ]);
    expect(
      problemsOf({ ...FOR_SELF, person: { ...FOR_SELF.person, previousNames: Array(11).fill('Jo Smith') } }),
    ).toEqual([{ where: 'person.previousNames', message: 'Give up to 10 previous names' }]);
  });

  it('refuses rights it does not know, a right twice, and questions the form does not ask', () => {
    expect(problemsOf({ ...FOR_SELF, rights: ['access', 'access'] })).toEqual([
      { where: 'rights', message: 'Select each right only once' },
    ]);
    expect(problemsOf({ ...FOR_SELF, rights: ['be-forgotten'] })).toEqual([
      { where: 'rights.0', message: 'Select a right from the list' },
    ]);
    expect(problemsOf({ ...FOR_SELF, nickname: 'JB' })).toEqual([
      { where: 'nickname', message: 'is not a question of this form' },
    ]);
  });

  it('throws invalid_input with the problems for the error summary', () => {
    expect(() => parseAnswers({ ...FOR_SELF, rights: [] }, TODAY)).toThrow(
      expect.objectContaining({
        code: 'invalid_input',
        problems: [{ where: 'rights', message: 'Select at least one right' }],
      }),
    );
  });
});

describe('the rights request the answers make', () => {
  it('keeps contact details in the request, the rest after the person’s words, and is a valid request', () => {
    const answers: PublicRequestAnswers = parseAnswers(
      {
        ...FOR_SOMEONE_ELSE,
        rights: ['rectification', 'access'],
        person: {
          name: 'Sam Bloggs',
          address: '1 Mill Lane',
          dateOfBirth: '2012-06-01',
          previousNames: ['Sam Smith', 'Sam Jones'],
          previousAddresses: ['9 Old Road'],
        },
        lookingFor: { description: 'Correct his date of birth', to: '2025-12-31' },
        contactMethod: 'email',
      },
      TODAY,
    );
    const request = toNewRequest(answers, TODAY);
    expect(newRequest.parse(request)).toEqual(request);
    expect(request).toEqual({
      rights: ['rectification', 'access'],
      channel: 'web',
      receivedOn: TODAY,
      wording: [
        'Correct his date of birth',
        '',
        'Period: up to 31 December 2025',
        'Date of birth: 1 June 2012',
        'Previous names: Sam Smith; Sam Jones',
        'Previous addresses: 9 Old Road',
        'Preferred contact: email',
        'Made on the online privacy centre; email address confirmed on 3 April 2026.',
      ].join('\n'),
      person: { name: 'Sam Bloggs', address: '1 Mill Lane' },
      representative: {
        kind: 'solicitor',
        name: 'Ria Patel',
        organisation: 'Patel & Co',
        email: 'ria@patel.example',
      },
    });
  });
});
