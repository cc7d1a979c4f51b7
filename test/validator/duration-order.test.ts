import { compareDurations } from '../../engine/validator/duration-order';

describe('compareDurations', () => {
  it('compares wall time with wall time, and working time of the same kind', () => {
    expect(compareDurations('4h', '1d')).toBeLessThan(0);
    expect(compareDurations('PT48H', '2d')).toBe(0);
    expect(compareDurations('3 business days', '2 working days')).toBeGreaterThan(0);
    expect(compareDurations('30 working minutes', '1 working hours')).toBeLessThan(0);
  });

  it('compares zero with anything, and refuses the rest', () => {
    expect(compareDurations('0h', '2 business days')).toBeLessThan(0);
    expect(compareDurations('1 business days', '8h')).toBeUndefined();
    expect(compareDurations('soon', '8h')).toBeUndefined();
  });
});
