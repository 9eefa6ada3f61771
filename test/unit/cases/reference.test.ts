import { describe, expect, it } from 'vitest';
import { formatReference, nextReference, normaliseReference, parseReference } from '../../../main/cases/reference';

describe('scheme references', () => {
  it('formats with a four-digit sequence', () => {
    expect(formatReference({ year: 2026, sequence: 42 })).toBe('PLHR-2026-0042');
    expect(formatReference({ year: 2026, sequence: 1 })).toBe('PLHR-2026-0001');
    expect(formatReference({ year: 2026, sequence: 12345 })).toBe('PLHR-2026-12345');
  });

  it('refuses impossible parts', () => {
    expect(() => formatReference({ year: 2026, sequence: 0 })).toThrow(RangeError);
    expect(() => formatReference({ year: 26, sequence: 1 })).toThrow(RangeError);
    expect(() => formatReference({ year: 2026, sequence: 1.5 })).toThrow(RangeError);
  });

  it('parses what it formats', () => {
    for (const sequence of [1, 42, 9999, 10000, 123456]) {
      expect(parseReference(formatReference({ year: 2027, sequence }))).toEqual({ year: 2027, sequence });
    }
  });

  it('reads references as typed', () => {
    expect(parseReference(' plhr-2026-0042 ')).toEqual({ year: 2026, sequence: 42 });
    expect(parseReference('PLHR 2026 0042')).toEqual({ year: 2026, sequence: 42 });
    expect(normaliseReference('plhr-2026-00042')).toBe('PLHR-2026-0042');
  });

  it.each([
    '',
    'PLHR',
    'PLHR-2026',
    'PLHR-2026-42',
    'PLHR-26-0042',
    'PLHR-2026-0000',
    'XPLHR-2026-0042',
    'PLHR-2026-0042x',
    'PLHR-1999-0001',
    'PLHR--2026-0042',
  ])('rejects %j', (value) => {
    expect(parseReference(value)).toBeNull();
  });

  it('numbers the next case of the year', () => {
    expect(nextReference(2026, null)).toBe('PLHR-2026-0001');
    expect(nextReference(2026, 41)).toBe('PLHR-2026-0042');
    expect(nextReference(2026, 9999)).toBe('PLHR-2026-10000');
  });
});
