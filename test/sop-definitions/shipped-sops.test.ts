import { basename, join } from 'node:path';
import { loadOrgDirectory } from '../../engine/loader';
import { loadCalendarsFromDir } from '../../engine/loader/calendar-file';
import { formatProblem } from '../../engine/model/problem';
import { checkSopFile } from '../../engine/validator';
import { listShippedSopFiles, ORG_FILE, SOP_DEFINITIONS_DIR } from './shipped-files';

/*
 * Every shipped SOP must pass the engine's own validator against the shipped org directory and
 * calendars: this is what `sop validate` tells an operations author.
 */

const loadedOrg = loadOrgDirectory(ORG_FILE);
const calendars = loadCalendarsFromDir(join(SOP_DEFINITIONS_DIR, 'calendars'));

test('the shipped org directory loads without problems', () => {
  expect(loadedOrg.problems.map(formatProblem)).toEqual([]);
  expect(loadedOrg.org).toBeDefined();
});

test('the shipped calendars include cn-mainland', () => {
  expect([...calendars.keys()]).toContain('cn-mainland');
});

test.each(listShippedSopFiles().map((file) => [basename(file), file]))(
  '%s has no problems',
  (_name, file) => {
    const result = checkSopFile(file, { org: loadedOrg.org!, calendars });
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.document?.id).toBe(basename(file, '.yaml'));
  },
);
