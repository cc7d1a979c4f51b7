/**
 * Reads business calendar files (`sop-definitions/calendars/<id>.yaml`): YAML → JSON Schema
 * check (`engine/schema/calendar.schema.json`, ajv) → content check (`findCalendarProblems`).
 * Every problem of a file is reported at once, with its line and column.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { BusinessCalendar } from '../model/calendar';
import { formatProblem, type Problem } from '../model/problem';
import { findCalendarProblems, suggestClosest } from '../time';
import calendarSchema from '../schema/calendar.schema.json';

/** Calendar files are a few kilobytes; anything this big is not one. */
const MAX_FILE_BYTES = 1024 * 1024;
const CALENDAR_EXTENSIONS = ['.yaml', '.yml'];

/**
 * A calendar file (or directory) that cannot be used, with every problem found.
 * `code` is stable; the message lists the problems as `file:line:column: …`.
 *
 * @example
 * try { loadCalendar('calendars/cn-mainland.yaml'); } catch (e) { if (e instanceof CalendarFileError) console.error(e.problems); }
 */
export class CalendarFileError extends Error {
  readonly code = 'CALENDAR_FILE_INVALID';

  constructor(readonly problems: readonly Problem[]) {
    const files = [...new Set(problems.map((p) => p.file))].join(', ');
    super(
      `[CALENDAR_FILE_INVALID] calendar file ${files} cannot be used:\n${problems.map(formatProblem).join('\n')}`,
    );
    this.name = 'CalendarFileError';
  }
}

/**
 * Loads one calendar file. The file name (without `.yaml`) must be the calendar's id, since
 * SOPs find their calendar by id. `holidays` and `workdays` default to empty lists.
 * Throws `CalendarFileError` listing every problem.
 *
 * @example
 * const calendar = loadCalendar('sop-definitions/calendars/cn-mainland.yaml');
 * calendar.timeZone; // 'Asia/Shanghai'
 */
export function loadCalendar(path: string): BusinessCalendar {
  const problems: Problem[] = [];
  const calendar = readCalendarFile(path, problems);
  if (problems.length > 0 || !calendar) throw new CalendarFileError(problems);
  return calendar;
}

/**
 * Loads every `*.yaml` / `*.yml` calendar in a directory, keyed by id. Problems of all files
 * are reported together in one `CalendarFileError`.
 *
 * @example
 * const calendars = loadCalendarsFromDir('sop-definitions/calendars');
 * calendars.get('cn-mainland')?.name; // '中国大陆工作日历'
 */
export function loadCalendarsFromDir(dir: string): Map<string, BusinessCalendar> {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((name) => CALENDAR_EXTENSIONS.includes(extname(name)))
      .sort();
  } catch (error) {
    throw new CalendarFileError([
      problemAt(
        dir,
        'CALENDAR_DIR_UNREADABLE',
        `cannot read the calendar directory: ${describeError(error)}`,
        'check the path',
      ),
    ]);
  }
  const calendars = new Map<string, BusinessCalendar>();
  const problems: Problem[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const fileProblems: Problem[] = [];
    const calendar = readCalendarFile(file, fileProblems);
    problems.push(...fileProblems);
    if (!calendar || fileProblems.length > 0) continue;
    if (calendars.has(calendar.id)) {
      problems.push(
        problemAt(
          file,
          'CALENDAR_DUPLICATE_ID',
          `calendar id '${calendar.id}' is defined by two files`,
          'keep one file per calendar id',
        ),
      );
      continue;
    }
    calendars.set(calendar.id, calendar);
  }
  if (problems.length > 0) throw new CalendarFileError(problems);
  return calendars;
}

type Locate = (path: readonly (string | number)[]) => { line: number; column: number };

/** Reads and checks one file; pushes problems and returns the calendar when the file parsed. */
function readCalendarFile(file: string, problems: Problem[]): BusinessCalendar | undefined {
  const text = readCalendarText(file, problems);
  const parsed = text === undefined ? undefined : parseCalendarYaml(file, text, problems);
  if (!parsed) return undefined;
  const { data, locate } = parsed;
  if (!validateSchema(data)) {
    for (const error of validateSchema.errors ?? [])
      problems.push(describeSchemaError(file, data, error, locate));
    return undefined;
  }
  // The schema has just checked the shape; only the optional lists need their defaults.
  const calendar: BusinessCalendar = {
    holidays: [],
    workdays: [],
    ...(data as Omit<BusinessCalendar, 'holidays' | 'workdays'>),
  };
  for (const problem of findCalendarProblems(calendar)) {
    problems.push({
      code: 'CALENDAR_INVALID',
      severity: 'error',
      file,
      ...locate(problem.path),
      path: toPointer(problem.path),
      message: problem.message,
    });
  }
  const expectedId = basename(file, extname(file));
  if (calendar.id !== expectedId) {
    problems.push({
      code: 'CALENDAR_ID_MISMATCH',
      severity: 'error',
      file,
      ...locate(['id']),
      path: '/id',
      message: `id '${calendar.id}' differs from the file name '${basename(file)}'`,
      hint: `SOPs find a calendar by id: rename the file to '${calendar.id}.yaml' or set 'id: ${expectedId}'`,
    });
  }
  return calendar;
}

function readCalendarText(file: string, problems: Problem[]): string | undefined {
  try {
    if (statSync(file).size > MAX_FILE_BYTES) {
      const hint = 'a calendar file lists a few dozen dates; check that this is the right file';
      problems.push(
        problemAt(file, 'CALENDAR_FILE_TOO_LARGE', `the file is larger than ${MAX_FILE_BYTES} bytes`, hint),
      );
      return undefined;
    }
    return readFileSync(file, 'utf8');
  } catch (error) {
    const message = `cannot read the calendar file: ${describeError(error)}`;
    problems.push(problemAt(file, 'CALENDAR_FILE_UNREADABLE', message, 'check the path'));
    return undefined;
  }
}

/** YAML text → plain data, plus a way to find the line of any path in it. */
function parseCalendarYaml(
  file: string,
  text: string,
  problems: Problem[],
): { data: unknown; locate: Locate } | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  for (const error of doc.errors) {
    const position = error.linePos?.[0] ?? { line: 1, col: 1 };
    // The position goes in line/column already; keep only the sentence.
    const sentence = (error.message.split('\n')[0] ?? error.code).replace(/ at line \d+, column \d+:?$/, '');
    problems.push({
      code: 'CALENDAR_YAML',
      severity: 'error',
      file,
      line: position.line,
      column: position.col,
      path: '',
      message: `the file is not valid YAML: ${sentence}`,
      hint:
        error.code === 'DUPLICATE_KEY'
          ? 'each field may appear only once; remove or merge the repeated one'
          : 'check indentation, colons, quotes and closing brackets on that line and the one before',
    });
  }
  if (doc.errors.length > 0) return undefined;
  try {
    // Calendars need no anchors or aliases; the low limit stops alias bombs.
    const data: unknown = doc.toJS({ maxAliasCount: 10 });
    return { data, locate: (path) => locateNode(doc.contents, path, lineCounter) };
  } catch (error) {
    const message = `the file cannot be read as data: ${describeError(error)}`;
    problems.push(
      problemAt(file, 'CALENDAR_YAML', message, 'write the dates out instead of using YAML aliases (*name)'),
    );
    return undefined;
  }
}

const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true });
const validateSchema = ajv.compile(calendarSchema);

interface SchemaNode {
  readonly title?: string;
  readonly description?: string;
  readonly properties?: Record<string, unknown>;
}

/** Turns an ajv error into a Problem that names the field and says what it should be. */
function describeSchemaError(file: string, data: unknown, error: ErrorObject, locate: Locate): Problem {
  const path = fromPointer(error.instancePath);
  const parent = (error.parentSchema ?? {}) as SchemaNode;
  const where = formatPath(path, data);
  const base = { severity: 'error' as const, file, code: 'CALENDAR_SCHEMA' };
  if (error.keyword === 'additionalProperties') {
    const key = String((error.params as { additionalProperty: string }).additionalProperty);
    const known = Object.keys(parent.properties ?? {});
    const guess = suggestClosest(key, known);
    const hint = guess
      ? `did you mean '${guess}'?`
      : [`allowed: ${known.join(', ')}`, parent.description].filter(Boolean).join(' — ');
    return {
      ...base,
      ...locate([...path, key]),
      path: toPointer([...path, key]),
      message: `${where} has an unknown field '${key}'`,
      hint,
    };
  }
  if (error.keyword === 'required') {
    const key = String((error.params as { missingProperty: string }).missingProperty);
    const property = (parent.properties?.[key] ?? {}) as SchemaNode;
    return {
      ...base,
      ...locate(path),
      path: error.instancePath,
      message: `${where} is missing the field '${key}'`,
      hint: property.description ?? `add '${key}:'`,
    };
  }
  if (path.length === 0 && error.keyword === 'type') {
    return {
      ...base,
      line: 1,
      column: 1,
      path: '',
      message: 'the file must be a mapping with id, name, timeZone and workingHours',
      hint: "start from sop-definitions/calendars/cn-mainland.yaml: 'id: …', 'name: …', 'timeZone: …', 'workingHours: …'",
    };
  }
  const shown = typeof error.data === 'string' ? `'${error.data}'` : JSON.stringify(error.data);
  // ajv's pattern message prints the regular expression; the schema's description reads better.
  const complaint =
    error.keyword === 'pattern' ? 'is not written as expected' : (error.message ?? 'is invalid');
  const what = [parent.title, parent.description].filter(Boolean).join(': ');
  return {
    ...base,
    ...locate(path),
    path: error.instancePath,
    message: `${where} ${shown ?? ''} ${complaint}`.replace(/\s+/g, ' '),
    hint: what || 'see engine/schema/calendar.schema.json',
  };
}

/** `holidays[3].date` for ['holidays', 3, 'date']: list indexes in brackets, keys after dots. */
function formatPath(path: readonly (string | number)[], data: unknown): string {
  if (path.length === 0) return 'the calendar';
  let text = '';
  let node = data;
  for (const part of path) {
    text += Array.isArray(node) ? `[${part}]` : text === '' ? String(part) : `.${part}`;
    node =
      typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[String(part)] : undefined;
  }
  return text;
}

/** Line and column of the YAML node at `path`, or of the nearest ancestor that exists. */
function locateNode(
  root: unknown,
  path: readonly (string | number)[],
  lineCounter: LineCounter,
): { line: number; column: number } {
  let node = root as Node | null;
  let offset = node?.range?.[0] ?? 0;
  for (const segment of path) {
    let next: Node | null | undefined;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      // Point at the key: that is where a wrong or unknown field is written.
      if (pair && isScalar(pair.key)) offset = pair.key.range?.[0] ?? offset;
      next = pair?.value as Node | null | undefined;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment] as Node | null | undefined;
      offset = next?.range?.[0] ?? offset;
    }
    if (!next) break;
    node = next;
  }
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function fromPointer(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function toPointer(path: readonly (string | number)[]): string {
  return path.map((part) => `/${String(part).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function problemAt(file: string, code: string, message: string, hint: string): Problem {
  return { code, severity: 'error', file, line: 1, column: 1, path: '', message, hint };
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
