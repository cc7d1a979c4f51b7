import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSopFile } from '../../engine/loader';

describe('loadSopFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sop-loader-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the reference SOP without problems', () => {
    const loaded = loadSopFile(join(__dirname, '..', '..', 'sop-definitions', 'new-product-launch.yaml'));
    expect(loaded.problems).toEqual([]);
    expect(loaded.locate(['steps', 'progress', 'recurring', 0, 'every'])).toEqual({ line: 183, column: 16 });
  });

  it('turns a missing file into a problem', () => {
    const path = join(dir, 'missing.yaml');
    expect(loadSopFile(path).problems).toMatchObject([
      {
        code: 'FILE_UNREADABLE',
        file: path,
        line: 1,
        column: 1,
        message: 'cannot read the file: it does not exist',
      },
    ]);
  });

  it('refuses an oversized file by its size on disk', () => {
    const path = join(dir, 'big.yaml');
    writeFileSync(path, `title: ${'x'.repeat(5000)}\n`);
    expect(loadSopFile(path, { maxBytes: 1000 }).problems.map((p) => p.code)).toEqual(['DOCUMENT_TOO_LARGE']);
    expect(loadSopFile(path).problems).toEqual([]);
  });
});
