import { describe, expect, it } from 'vitest';
import { BOROUGHS } from '../../../contract/boroughs';
import { matchBorough } from '../../../main/directory/borough-match';

function codeOf(input: string): string | undefined {
  const result = matchBorough(input);
  return result.ok ? result.code : undefined;
}

describe('matchBorough', () => {
  it.each(BOROUGHS.map((b) => [b.name, b.code]))('matches the official name %s', (name, code) => {
    expect(codeOf(name)).toBe(code);
  });

  it.each(BOROUGHS.map((b) => [b.code, b.code]))('matches the GSS code %s', (input, code) => {
    expect(codeOf(input)).toBe(code);
    expect(codeOf(` ${input.toLowerCase()} `)).toBe(code);
  });

  it.each([
    ['Hammersmith & Fulham', 'E09000013'],
    ['LB Hammersmith and Fulham', 'E09000013'],
    ['LB Hammersmith & Fulham', 'E09000013'],
    ['London Borough of Hammersmith & Fulham', 'E09000013'],
    ['  hammersmith   AND   fulham ', 'E09000013'],
    ['HAMMERSMITH-AND-FULHAM', 'E09000013'],
    ['H&F', 'E09000013'],
    ['Kensington & Chelsea', 'E09000020'],
    ['Royal Borough of Kensington and Chelsea', 'E09000020'],
    ['The Royal Borough of Kensington & Chelsea', 'E09000020'],
    ['RB Kensington and Chelsea', 'E09000020'],
    ['Kensington and Chelsea, Royal Borough of', 'E09000020'],
    ['RBKC', 'E09000020'],
    ['City of Westminster', 'E09000033'],
    ['Westminster City Council', 'E09000033'],
    ['City of London', 'E09000001'],
    ['The City of London', 'E09000001'],
    ['City of London Corporation', 'E09000001'],
    ['Corporation of London', 'E09000001'],
    ['Barking & Dagenham', 'E09000002'],
    ['L.B. Camden', 'E09000007'],
    ['Camden Council', 'E09000007'],
    ['London Borough of Tower Hamlets Council', 'E09000030'],
    ['Richmond', 'E09000027'],
    ['Richmond-upon-Thames', 'E09000027'],
    ['Kingston', 'E09000021'],
    ['Royal Borough of Kingston upon Thames', 'E09000021'],
    ['Royal Borough of Greenwich', 'E09000011'],
    ['Haringey\u200B', 'E09000014'],
    ['Hammersmith\u00A0&\u00A0Fulham', 'E09000013'],
    ['Hammersmith ＆ Fulham', 'E09000013'],
  ])('matches %j loosely', (input, code) => {
    expect(codeOf(input)).toBe(code);
  });

  it.each([
    ['City', /could mean the City of London or the City of Westminster/],
    ['the city', /could mean the City of London or the City of Westminster/],
    ['City Council', /could mean/],
    ['London', /whole of London/],
    ['Greater London', /whole of London/],
    ['Hammersmith', /if you mean Hammersmith and Fulham/],
    ['Chelsea', /if you mean Kensington and Chelsea/],
    ['Barking', /if you mean Barking and Dagenham/],
  ])('refuses the ambiguous %j', (input, reason) => {
    const result = matchBorough(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toMatch(reason);
      expect(result.reason).toContain(`"${input}"`);
    }
  });

  it.each([
    'Harringay', // a neighbourhood, spelt differently from the borough
    'Camdem',
    'Surrey',
    'Slough',
    'Hammersmith and Chelsea',
    'Camden; Hackney',
    'E09000034',
    'E09000000',
    'E06000001',
    'LB',
    'Royal Borough of',
    '&',
    '...',
  ])('refuses the unknown %j, naming it', (input) => {
    const result = matchBorough(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(input.trim());
  });

  it('refuses an empty name', () => {
    expect(matchBorough('   ')).toEqual({
      ok: false,
      reason: 'A borough name is empty',
    });
  });

  it('keeps hostile input out of the message shape', () => {
    const result = matchBorough('=HYPERLINK("http://evil.example","Camden")\r\nInjected line');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).not.toMatch(/[\r\n]/);
      expect(result.reason).toContain('is not a London borough');
    }
    const long = matchBorough('Camden '.repeat(500));
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.reason.length).toBeLessThan(120);
  });

  it('does not confuse wrappers with names', () => {
    expect(codeOf('Borough of London')).toBeUndefined();
    expect(codeOf('LB London')).toBeUndefined();
    expect(codeOf('City of Camden')).toBeUndefined();
  });
});
