import { parseDocument } from 'yaml';
import { findDamagedPaths } from '../../engine/loader/damaged-paths';

function damageOf(text: string) {
  const doc = parseDocument(text);
  return findDamagedPaths(
    doc,
    doc.errors.map((e) => e.pos[0]),
  );
}

describe('findDamagedPaths', () => {
  it('marks a damaged scalar alone', () => {
    expect(damageOf('a: 1\nb: @x\nc: 2\n')).toEqual([{ path: ['b'], structural: false }]);
  });

  it('marks the key that holds a damaged map: a mis-indented key swallowed its neighbours', () => {
    expect(
      damageOf('steps:\n  request:\n    kind: form\n    assignee: pm\n     form: x\n    next: done\n'),
    ).toEqual([
      { path: ['steps', 'request'], structural: true },
      { path: ['steps', 'request'], structural: true },
    ]);
  });

  it('marks the whole file when an error sits between the top-level keys', () => {
    expect(damageOf('a: 1\n- b\nc: 2\n')[0]).toEqual({ path: [], structural: true });
  });
});
