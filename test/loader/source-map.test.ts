import { loadSopText } from '../../engine/loader';

const TEXT = [
  'id: demo', // 1
  'steps:', // 2
  '  review:', // 3
  '    deadline: 24h', // 4
  '    next:', // 5
  '    reminders:', // 6
  '      - before: 4h', // 7
  '        notify: [pm, lead]', // 8
  '    routes:', // 9
  '      - when: "input.a == \\"x\\" && forms.b"', // 10
  '      - when: >-', // 11
  '          input.a == 1 &&', // 12
  '          forms.b == 2', // 13
  '',
].join('\n');

describe('source map', () => {
  const loaded = loadSopText(TEXT, 'demo.yaml');

  it('places scalars at the value and maps or lists at their key', () => {
    expect(loaded.locate(['steps', 'review', 'deadline'])).toEqual({ line: 4, column: 15 });
    expect(loaded.locate(['steps', 'review'])).toEqual({ line: 3, column: 3 });
    expect(loaded.locate(['steps', 'review', 'reminders'])).toEqual({ line: 6, column: 5 });
    expect(loaded.locate(['steps', 'review', 'reminders', 0])).toEqual({ line: 7, column: 9 });
    expect(loaded.locate(['steps', 'review', 'reminders', 0, 'notify', 1])).toEqual({ line: 8, column: 22 });
  });

  it('places an empty value at its key', () => {
    expect(loaded.locate(['steps', 'review', 'next'])).toEqual({ line: 5, column: 5 });
  });

  it('falls back to the nearest existing parent for a path that does not exist', () => {
    expect(loaded.locate(['steps', 'review', 'escalation', 0, 'after'])).toEqual({ line: 3, column: 3 });
    expect(loaded.locate(['steps', 'review', 'reminders', 5])).toEqual({ line: 6, column: 5 });
    expect(loaded.locate(['nothing'])).toEqual({ line: 1, column: 1 });
    expect(loaded.locate([])).toEqual({ line: 1, column: 1 });
  });

  it('places keys for unknown-key problems', () => {
    expect(loaded.locateKey(['steps', 'review', 'deadline'])).toEqual({ line: 4, column: 5 });
  });

  it('maps offsets inside quoted and folded values to the file', () => {
    // `forms` is at offset 18 of the value `input.a == "x" && forms.b`.
    expect(loaded.locateInValue(['steps', 'review', 'routes', 0, 'when'], 18)).toEqual({
      line: 10,
      column: 36,
    });
    // `forms` is at offset 16 of the folded value `input.a == 1 && forms.b == 2`.
    expect(loaded.locateInValue(['steps', 'review', 'routes', 1, 'when'], 16)).toEqual({
      line: 13,
      column: 11,
    });
    expect(loaded.locateInValue(['steps', 'review', 'routes', 1, 'when'], 0)).toEqual({
      line: 12,
      column: 11,
    });
  });
});
