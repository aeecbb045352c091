import { describe, expect, it } from 'vitest';
import { activeFilterCount, EMPTY_FILTER, filterParams, parseFilter } from '../../src/console/filters.ts';

describe('the console street filter', () => {
  it('reads street= from the address and asks the API for it, trimmed', () => {
    const f = parseFilter(new URLSearchParams('street=%20Mill%20Lane%20&area=cc-errol'));
    expect(f.street).toBe('Mill Lane');
    expect(filterParams(f, { for: 'api' }).get('street')).toBe('Mill Lane');
    expect(filterParams(f).get('street')).toBe('Mill Lane');
    expect(activeFilterCount(f)).toBe(2);
  });

  it('leaves an empty street out and does not count it', () => {
    const f = { ...EMPTY_FILTER, street: '   ' };
    expect(filterParams(f, { for: 'api' }).has('street')).toBe(false);
    expect(activeFilterCount(f)).toBe(0);
    expect(parseFilter(new URLSearchParams('')).street).toBe('');
  });
});
