import { compareSemver } from '../../api/semver';

describe('compareSemver', () => {
  it('orders by precedence: numeric parts, then pre-releases below their release', () => {
    const versions = [
      '1.10.0',
      '1.2.0',
      '2.0.0-rc.1',
      '2.0.0',
      '1.2.0-alpha',
      '1.2.0-alpha.1',
      '1.2.0-beta',
      '1.2.0-alpha.beta',
    ];
    expect([...versions].sort(compareSemver)).toEqual([
      '1.2.0-alpha',
      '1.2.0-alpha.1',
      '1.2.0-alpha.beta',
      '1.2.0-beta',
      '1.2.0',
      '1.10.0',
      '2.0.0-rc.1',
      '2.0.0',
    ]);
  });

  it('ignores build metadata and sorts non-versions first', () => {
    expect(compareSemver('1.0.0+build.7', '1.0.0')).toBe(0);
    expect(compareSemver('latest', '0.0.1')).toBeLessThan(0);
  });
});
