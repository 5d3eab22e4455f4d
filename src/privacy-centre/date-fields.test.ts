import { describe, expect, it } from 'vitest';
import { dateToParts, readDate } from './date-fields.ts';

describe('reading a GOV.UK date input', () => {
  it.each([
    [{ day: '', month: '', year: '' }, { kind: 'blank' }],
    [
      { day: ' 7 ', month: '3', year: '1985' },
      { kind: 'date', date: '1985-03-07' },
    ],
    [
      { day: '07', month: '03', year: '1985' },
      { kind: 'date', date: '1985-03-07' },
    ],
    [
      { day: '29', month: 'Feb', year: '2024' },
      { kind: 'date', date: '2024-02-29' },
    ],
    [
      { day: '1', month: 'september', year: '2020' },
      { kind: 'date', date: '2020-09-01' },
    ],
    [
      { day: '7', month: '', year: '1985' },
      { kind: 'problem', message: 'Date of birth must include a month', parts: ['month'] },
    ],
    [
      { day: '7', month: '', year: '' },
      { kind: 'problem', message: 'Date of birth must include a month and year', parts: ['month', 'year'] },
    ],
    [
      { day: '7', month: '13', year: '1985' },
      { kind: 'problem', message: 'Date of birth must be a real date', parts: ['month'] },
    ],
    [
      { day: 'x', month: 'ju', year: '1985' },
      { kind: 'problem', message: 'Date of birth must be a real date', parts: ['day', 'month'] },
    ],
    [
      { day: '7', month: '3', year: '85' },
      { kind: 'problem', message: 'Date of birth must include a year with 4 numbers', parts: ['year'] },
    ],
    [
      { day: '29', month: '2', year: '2025' },
      { kind: 'problem', message: 'Date of birth must be a real date', parts: ['day'] },
    ],
  ])('%j reads as %j', (parts, reading) => {
    expect(readDate(parts, 'Date of birth')).toEqual(reading);
  });

  it('shows a kept date in the boxes again', () => {
    expect(dateToParts('1985-03-07')).toEqual({ day: '7', month: '3', year: '1985' });
    expect(dateToParts(undefined)).toEqual({ day: '', month: '', year: '' });
  });
});
