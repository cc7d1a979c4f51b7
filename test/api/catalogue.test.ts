import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSopCatalogue } from '../../api/catalogue';
import { ROOT } from '../support/sop-fixtures';

const SHIPPED = join(ROOT, 'sop-definitions');
const LAUNCH_TEXT = readFileSync(join(SHIPPED, 'new-product-launch.yaml'), 'utf8');

/** A launch SOP file at another version (and title, so its hash differs too). */
function launchAt(version: string, title = `新产品上市 ${version}`): string {
  return LAUNCH_TEXT.replace(/^version: .*$/m, `version: ${version}`).replace(
    /^title: .*$/m,
    `title: ${title}`,
  );
}

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sop-catalogue-'));
  cpSync(join(SHIPPED, 'org.yaml'), join(dir, 'org.yaml'));
  cpSync(join(SHIPPED, 'calendars'), join(dir, 'calendars'), { recursive: true });
  writeFileSync(join(dir, 'new-product-launch.yaml'), LAUNCH_TEXT);
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('loadSopCatalogue', () => {
  it('loads every shipped SOP, validated against org.yaml and calendars/, without problems', () => {
    const catalogue = loadSopCatalogue(SHIPPED);
    expect(catalogue.list().map((e) => `${e.id}@${e.version}`)).toEqual([
      'change-request-approval@2.0.0',
      'incident-response@1.0.0',
      'new-product-launch@1.0.0',
    ]);
    expect(catalogue.problems).toEqual([]);
    expect(catalogue.org?.departments.map((d) => d.id)).toContain('marketing');
    const launch = catalogue.get('new-product-launch')!;
    expect(launch.compiled).toMatchObject({
      sopId: 'new-product-launch',
      version: '1.0.0',
      hash: launch.hash,
    });
    expect(launch.compiled.calendar?.id).toBe('cn-mainland');
  });

  it('serves the latest version by semver unless a version is asked for', () => {
    writeFileSync(join(dir, 'new-product-launch.v1-10.yaml'), launchAt('1.10.0'));
    writeFileSync(join(dir, 'new-product-launch.v1-9.yaml'), launchAt('1.9.0'));
    writeFileSync(join(dir, 'new-product-launch.v2-rc.yaml'), launchAt('2.0.0-rc.1'));
    const catalogue = loadSopCatalogue(dir);
    expect(catalogue.versions('new-product-launch')).toEqual(['2.0.0-rc.1', '1.10.0', '1.9.0', '1.0.0']);
    expect(catalogue.get('new-product-launch')?.version).toBe('2.0.0-rc.1');
    expect(catalogue.get('new-product-launch', '1.9.0')?.title).toBe('新产品上市 1.9.0');
    expect(catalogue.get('new-product-launch', '3.0.0')).toBeUndefined();
    expect(catalogue.get('no-such-sop')).toBeUndefined();
  });

  it('leaves a file with errors out and reports it, keeping the others', () => {
    writeFileSync(
      join(dir, 'broken.yaml'),
      LAUNCH_TEXT.replace('id: new-product-launch', 'id: broken').replace(
        'initial: requirement',
        'initial: nowhere',
      ),
    );
    const catalogue = loadSopCatalogue(dir);
    expect(catalogue.list().map((e) => e.id)).toEqual(['new-product-launch']);
    expect(catalogue.leftOut()).toEqual([join(dir, 'broken.yaml')]);
    expect(catalogue.problems).toEqual([
      expect.objectContaining({ file: join(dir, 'broken.yaml'), severity: 'error', path: '/initial' }),
    ]);
  });

  it('reports a missing folder instead of throwing', () => {
    const catalogue = loadSopCatalogue(join(dir, 'nope'));
    expect(catalogue.list()).toEqual([]);
    expect(catalogue.problems).toEqual([expect.objectContaining({ code: 'SOP_FOLDER_MISSING' })]);
  });

  it('keeps one file per id and version: a second one is left out with the reason', () => {
    writeFileSync(join(dir, 'z-copy.yaml'), launchAt('1.0.0', '副本'));
    const catalogue = loadSopCatalogue(dir);
    expect(catalogue.get('new-product-launch')?.file).toBe(join(dir, 'new-product-launch.yaml'));
    expect(catalogue.problems).toEqual([
      expect.objectContaining({
        code: 'DUPLICATE_SOP_VERSION',
        file: join(dir, 'z-copy.yaml'),
        severity: 'error',
      }),
    ]);
  });

  it('reload() serves an edited file to new kickoffs; what was handed out before stays pinned', () => {
    const catalogue = loadSopCatalogue(dir);
    const pinned = catalogue.get('new-product-launch')!;
    writeFileSync(join(dir, 'new-product-launch.yaml'), launchAt('1.1.0'));
    expect(catalogue.get('new-product-launch')?.version).toBe('1.0.0'); // nothing changes until reload
    expect(catalogue.reload()).toEqual([]);
    const fresh = catalogue.get('new-product-launch')!;
    expect(fresh).toMatchObject({ version: '1.1.0', title: '新产品上市 1.1.0' });
    expect(fresh.hash).not.toBe(pinned.hash);
    expect(pinned.compiled).toMatchObject({ version: '1.0.0', hash: pinned.hash, title: '新产品上市' });
    expect(catalogue.get('new-product-launch', '1.0.0')).toBeUndefined();
  });

  it('warns when a file changed on reload but kept its version number', () => {
    const catalogue = loadSopCatalogue(dir);
    writeFileSync(join(dir, 'new-product-launch.yaml'), launchAt('1.0.0', '新产品上市（改）'));
    expect(catalogue.reload()).toEqual([
      expect.objectContaining({ code: 'VERSION_NOT_RAISED', severity: 'warning' }),
    ]);
    expect(catalogue.get('new-product-launch')?.title).toBe('新产品上市（改）');
  });
});
