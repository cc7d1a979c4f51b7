import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CalendarFileError, loadCalendar, loadCalendarsFromDir } from '../../engine/loader/calendar-file';
import type { Problem } from '../../engine/model/problem';
import { SHIPPED_CALENDAR_PATH } from './calendar-fixtures';

const GOOD = `id: office
name: Office
timeZone: Asia/Shanghai
workingHours:
  1: ['09:00-12:00', '13:30-18:00']
  2: ['09:00-18:00']
holidays:
  - { date: '2026-01-01', name: 元旦 }
workdays:
  - { date: '2026-01-04', name: 元旦调休上班 }
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'calendar-file-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** The problems a load throws; fails the test when it does not throw a CalendarFileError. */
function problemsOf(load: () => unknown): Problem[] {
  try {
    load();
  } catch (error) {
    expect(error).toMatchObject({ code: 'CALENDAR_FILE_INVALID' });
    return [...(error as CalendarFileError).problems];
  }
  throw new Error('expected the load to fail');
}

describe('loadCalendar on the shipped file', () => {
  it('reads cn-mainland with its 2026 holidays and make-up days', () => {
    const calendar = loadCalendar(SHIPPED_CALENDAR_PATH);
    expect(calendar).toMatchObject({
      id: 'cn-mainland',
      name: '中国大陆工作日历',
      timeZone: 'Asia/Shanghai',
    });
    expect(calendar.workingHours).toEqual({
      1: ['09:00-12:00', '13:30-18:00'],
      2: ['09:00-12:00', '13:30-18:00'],
      3: ['09:00-12:00', '13:30-18:00'],
      4: ['09:00-12:00', '13:30-18:00'],
      5: ['09:00-12:00', '13:30-18:00'],
    });
    expect(calendar.workdays.map((w) => w.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(calendar.holidays.filter((h) => h.name === '春节').map((h) => h.date)).toEqual([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ]);
  });

  it('finds it in the shipped directory by id', () => {
    const calendars = loadCalendarsFromDir(dirname(SHIPPED_CALENDAR_PATH));
    expect(calendars.get('cn-mainland')?.timeZone).toBe('Asia/Shanghai');
  });
});

describe('loadCalendar on good files', () => {
  it('defaults missing holidays and workdays to empty lists', () => {
    const path = write(
      'plain.yaml',
      'id: plain\nname: Plain\ntimeZone: UTC\nworkingHours:\n  1: [09:00-17:00]\n',
    );
    expect(loadCalendar(path)).toEqual({
      id: 'plain',
      name: 'Plain',
      timeZone: 'UTC',
      workingHours: { 1: ['09:00-17:00'] },
      holidays: [],
      workdays: [],
    });
  });
});

describe('loadCalendar on broken files', () => {
  it('reports YAML syntax errors with their line', () => {
    const duplicate = problemsOf(() =>
      loadCalendar(write('office.yaml', GOOD.replace('name: Office', 'name: Office\nid: again'))),
    );
    expect(duplicate).toEqual([
      expect.objectContaining({
        code: 'CALENDAR_YAML',
        line: 3,
        column: 1,
        message: 'the file is not valid YAML: Map keys must be unique',
      }),
    ]);
    const unclosed = problemsOf(() =>
      loadCalendar(write('office.yaml', GOOD.replace("'09:00-18:00']", "'09:00-18:00'"))),
    );
    // The parser notices the missing ']' where the next line starts.
    expect(unclosed).toEqual([expect.objectContaining({ code: 'CALENDAR_YAML', line: 7 })]);
    expect(unclosed[0]?.message).toContain('end with a ]');
  });

  it('reports an unknown field at its line, with a suggestion', () => {
    const problems = problemsOf(() =>
      loadCalendar(write('office.yaml', GOOD.replace('holidays:', 'holiday:'))),
    );
    expect(problems).toEqual([
      {
        code: 'CALENDAR_SCHEMA',
        severity: 'error',
        file: join(dir, 'office.yaml'),
        line: 7,
        column: 1,
        path: '/holiday',
        message: "the calendar has an unknown field 'holiday'",
        hint: "did you mean 'holidays'?",
      },
    ]);
  });

  it('reports a range that is not HH:MM-HH:MM at its line, with the expected form', () => {
    const problems = problemsOf(() =>
      loadCalendar(write('office.yaml', GOOD.replace("'09:00-18:00'", "'9:00-18:00'"))),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'CALENDAR_SCHEMA',
        line: 6,
        column: 7,
        path: '/workingHours/2/0',
        message: "workingHours.2[0] '9:00-18:00' is not written as expected",
        hint: 'Working-hours range: HH:MM-HH:MM with two-digit hours, the end after the start and at most 24:00, e.g. 09:00-12:00.',
      }),
    ]);
  });

  it('reports weekday names used as keys', () => {
    const problems = problemsOf(() =>
      loadCalendar(write('office.yaml', GOOD.replace('  2: [', '  tuesday: ['))),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        line: 6,
        message: "workingHours has an unknown field 'tuesday'",
        hint: expect.stringContaining('1 = Monday … 7 = Sunday') as string,
      }),
    ]);
  });

  it('reports a missing field', () => {
    const problems = problemsOf(() =>
      loadCalendar(write('office.yaml', GOOD.replace('timeZone: Asia/Shanghai\n', ''))),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        line: 1,
        message: "the calendar is missing the field 'timeZone'",
        hint: expect.stringContaining('Asia/Shanghai') as string,
      }),
    ]);
  });

  it('reports content problems (overlap, bad date, holiday that is also a workday, unknown zone) together', () => {
    const text = GOOD.replace("'09:00-18:00'", "'09:00-18:00', '17:00-19:00'")
      .replace('Asia/Shanghai', 'Asia/Shangai')
      .replace("date: '2026-01-04'", "date: '2026-01-01'")
      .replace('holidays:\n', "holidays:\n  - { date: '2026-02-30', name: 春节 }\n");
    const problems = problemsOf(() => loadCalendar(write('office.yaml', text)));
    expect(problems.map((p) => [p.code, p.line, p.message])).toEqual([
      [
        'CALENDAR_INVALID',
        3,
        "timeZone 'Asia/Shangai' is not a known IANA time zone (Area/City); did you mean 'Asia/Shanghai'?",
      ],
      [
        'CALENDAR_INVALID',
        6,
        "workingHours.2: '09:00-18:00' and '17:00-19:00' overlap; working-hour ranges of one day must not overlap",
      ],
      [
        'CALENDAR_INVALID',
        8,
        "holidays[0].date '2026-02-30' is not a real date written YYYY-MM-DD, e.g. '2026-10-01'",
      ],
      [
        'CALENDAR_INVALID',
        11,
        "workdays[0].date '2026-01-01' is both a holiday and a make-up working day; remove it from one of the lists",
      ],
    ]);
  });

  it('requires the file name to be the id', () => {
    const problems = problemsOf(() => loadCalendar(write('other.yaml', GOOD)));
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'CALENDAR_ID_MISMATCH',
        line: 1,
        message: "id 'office' differs from the file name 'other.yaml'",
        hint: "SOPs find a calendar by id: rename the file to 'office.yaml' or set 'id: other'",
      }),
    ]);
  });

  it('refuses a file that is not a mapping, an empty file and a missing file', () => {
    expect(problemsOf(() => loadCalendar(write('list.yaml', '- a\n- b\n')))[0]?.message).toBe(
      'the file must be a mapping with id, name, timeZone and workingHours',
    );
    expect(problemsOf(() => loadCalendar(write('empty.yaml', '')))[0]?.code).toBe('CALENDAR_SCHEMA');
    expect(problemsOf(() => loadCalendar(join(dir, 'missing.yaml')))[0]).toMatchObject({
      code: 'CALENDAR_FILE_UNREADABLE',
      message: expect.stringContaining('cannot read the calendar file') as string,
    });
  });

  it('refuses a file too large to be a calendar', () => {
    const path = write('huge.yaml', `# ${'x'.repeat(1024 * 1024)}\n`);
    expect(problemsOf(() => loadCalendar(path))[0]?.code).toBe('CALENDAR_FILE_TOO_LARGE');
  });

  it('refuses YAML alias bombs', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]'];
    bomb.push('c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]');
    expect(problemsOf(() => loadCalendar(write('bomb.yaml', bomb.join('\n'))))[0]?.code).toBe(
      'CALENDAR_YAML',
    );
  });

  it('names the file and every problem in the error message', () => {
    const path = write('office.yaml', GOOD.replace('holidays:', 'holiday:'));
    expect(() => loadCalendar(path)).toThrow(
      `[CALENDAR_FILE_INVALID] calendar file ${path} cannot be used:\n` +
        `${path}:7:1: error: the calendar has an unknown field 'holiday' [CALENDAR_SCHEMA]\n` +
        "    hint: did you mean 'holidays'?",
    );
  });
});

describe('loadCalendarsFromDir', () => {
  it('loads every .yaml and .yml file keyed by id, ignoring other files', () => {
    write('office.yaml', GOOD);
    write('plant.yml', GOOD.replace('id: office', 'id: plant'));
    write('README.md', '# not a calendar');
    expect([...loadCalendarsFromDir(dir).keys()]).toEqual(['office', 'plant']);
  });

  it('reports the problems of every broken file at once', () => {
    write('office.yaml', GOOD.replace('holidays:', 'holiday:'));
    write('plant.yaml', GOOD);
    const problems = problemsOf(() => loadCalendarsFromDir(dir));
    expect(problems.map((p) => [p.file, p.code])).toEqual([
      [join(dir, 'office.yaml'), 'CALENDAR_SCHEMA'],
      [join(dir, 'plant.yaml'), 'CALENDAR_ID_MISMATCH'],
    ]);
  });

  it('reports a directory that does not exist', () => {
    expect(problemsOf(() => loadCalendarsFromDir(join(dir, 'nope')))[0]?.code).toBe(
      'CALENDAR_DIR_UNREADABLE',
    );
  });
});
