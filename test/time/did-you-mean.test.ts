import { measureEditDistance, suggestClosest } from '../../engine/time';

describe('measureEditDistance', () => {
  it.each([
    ['friday', 'friday', 0],
    ['firday', 'friday', 1], // adjacent swap counts once
    ['fridya', 'friday', 1],
    ['frday', 'friday', 1],
    ['fridays', 'friday', 1],
    ['monday', 'sunday', 2],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
  ])('%s → %s is %d', (a, b, distance) => {
    expect(measureEditDistance(a, b)).toBe(distance);
    expect(measureEditDistance(b, a)).toBe(distance);
  });
});

describe('suggestClosest', () => {
  const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

  it('suggests a plausible typo fix', () => {
    expect(suggestClosest('firday', days)).toBe('friday');
    expect(suggestClosest('wendsday', days)).toBe('wednesday');
    expect(suggestClosest('holiday', ['holidays', 'workdays'])).toBe('holidays');
  });

  it('stays quiet when nothing is close', () => {
    expect(suggestClosest('blorp', days)).toBeUndefined();
    expect(suggestClosest('x', [])).toBeUndefined();
  });
});
