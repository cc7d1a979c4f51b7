import { parseDocument } from 'yaml';
import { findDamagedPaths } from '../../engine/loader/damaged-paths';

describe('findDamagedPaths', () => {
  it('marks a damaged scalar alone', () => {
    const text = 'a: 1\nb: @x\nc: 2\n';
    const doc = parseDocument(text);
    expect(
      findDamagedPaths(
        doc,
        doc.errors.map((e) => e.pos[0]),
      ),
    ).toEqual([['b']]);
  });

  it('marks the key that holds a damaged map: a mis-indented key swallowed its neighbours', () => {
    const text = 'steps:\n  request:\n    kind: form\n    assignee: pm\n     form: x\n    next: done\n';
    const doc = parseDocument(text);
    expect(
      findDamagedPaths(
        doc,
        doc.errors.map((e) => e.pos[0]),
      ),
    ).toEqual([
      ['steps', 'request'],
      ['steps', 'request'],
    ]);
  });
});
