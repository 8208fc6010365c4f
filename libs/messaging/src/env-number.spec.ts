import { envNumber } from './env-number';

describe('envNumber', () => {
  it('given the variable unset or blank, when read, then the fallback holds', () => {
    expect(envNumber({}, 'X', { fallback: 7 })).toBe(7);
    expect(envNumber({ X: '  ' }, 'X', { fallback: 7 })).toBe(7);
  });

  it('given a value in range, when read, then it is the number', () => {
    expect(envNumber({ X: '2.5' }, 'X', { fallback: 1 })).toBe(2.5);
    expect(envNumber({ X: '12' }, 'X', { fallback: 1, min: 1, integer: true })).toBe(12);
  });

  it.each([['cheap'], ['-1'], ['2.5'], ['0'], ['70000']])('given %s for a whole number from 1 to 65535, when read, then start-up stops naming the variable', (raw) => {
    expect(() => envNumber({ PORT: raw }, 'PORT', { fallback: 3000, min: 1, max: 65535, integer: true })).toThrow(/^PORT must be a whole number from 1 to 65535/);
  });
});
