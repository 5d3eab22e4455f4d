import { describe, expect, it } from 'vitest';
import { ICO_CONTACT, refusalNotice } from './refusal-notice.ts';

const base = {
  reference: 'RR-2026-000042',
  receivedOn: '2026-01-31',
  rights: ['access'] as const,
  reasons: 'You have made the same request four times since November, each answered in full.',
};

describe('the words a person gets when refused', () => {
  it('gives the reasons, the right to complain to the ICO with its contact details, and the courts', () => {
    const text = refusalNotice({ ...base, outcome: 'refuse', grounds: [{ ground: 'manifestly-excessive' }] });
    expect(text).toContain('Your request of 31 January 2026 (our reference RR-2026-000042)');
    expect(text).toContain('Access (Art 15)');
    expect(text).toContain('We have decided not to act on your request.');
    expect(text).toContain('we consider the request manifestly excessive (UK GDPR Article 12(5))');
    expect(text).toContain(`Our reasons: ${base.reasons}`);
    expect(text).toContain("right to complain to the Information Commissioner's Office");
    expect(text).toContain(ICO_CONTACT.address);
    expect(text).toContain(ICO_CONTACT.phone);
    expect(text).toContain(ICO_CONTACT.web);
    expect(text).toContain('enforce your rights through the courts');
    expect(text).not.toContain('complain to us directly');
  });

  it('names each exemption relied on in a partial refusal', () => {
    const text = refusalNotice({
      ...base,
      outcome: 'comply-in-part',
      grounds: [
        { ground: 'exemption', exemption: 'DPA 2018 Sch 2 Part 3 para 16 (third-party data)' },
        { ground: 'exemption', exemption: 'DPA 2018 Sch 2 Part 4 para 19 (legal professional privilege)' },
      ],
      reasons: 'Parts of the file are about your neighbour, and parts are advice from our solicitors.',
    });
    expect(text).toContain('We have decided to act on your request only in part.');
    expect(text).toContain(
      'This is because an exemption applies: DPA 2018 Sch 2 Part 3 para 16 (third-party data); and an exemption applies: DPA 2018 Sch 2 Part 4 para 19 (legal professional privilege).',
    );
  });

  it("adds the organisation's own complaints route when the register gives one", () => {
    const text = refusalNotice({
      ...base,
      outcome: 'refuse',
      grounds: [{ ground: 'identity-not-confirmed' }],
      organisation: 'Citizen Housing',
      complaints: {
        name: 'Customer Resolution Team',
        email: 'complaints@example.org',
        phone: '0300 123 4567',
      },
    });
    expect(text).toContain('UK GDPR Article 12(2) and 12(6)');
    expect(text).toContain(
      'You can also complain to Citizen Housing directly:\n  Customer Resolution Team\n  Email: complaints@example.org\n  Phone: 0300 123 4567',
    );
  });
});
