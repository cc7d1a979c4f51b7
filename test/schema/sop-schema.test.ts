import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import {
  BUILTIN_PARTICIPANT_REFS,
  FINAL_OUTCOMES,
  SOP_API_VERSION,
  STEP_KINDS,
  TASK_PRIORITIES,
} from '../../engine/model/sop';
import { createSchemaAjv, schemaId, SOP_SCHEMA } from './create-schema-ajv';
import { EVERY_CONSTRUCT } from './fixtures/every-construct';
import { resolvePointer } from './schema-properties';

// Cases edit parsed YAML deep inside; typing every path would hide what each case changes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = Record<string, any>;

const REFERENCE_SOP_PATH = join(__dirname, '../../sop-definitions/new-product-launch.yaml');
const REFERENCE_SOP = parse(readFileSync(REFERENCE_SOP_PATH, 'utf8')) as Doc;

let validate: ValidateFunction;

beforeAll(() => {
  const found = createSchemaAjv().getSchema(schemaId(SOP_SCHEMA));
  if (!found) throw new Error('sop.schema.json did not register under its $id');
  validate = found;
});

/** The errors for `doc`, reduced to what a test asserts on. */
function errorsFor(doc: unknown): Pick<ErrorObject, 'instancePath' | 'keyword' | 'params'>[] {
  if (validate(doc)) return [];
  return (validate.errors ?? []).map(({ instancePath, keyword, params }) => ({
    instancePath,
    keyword,
    params,
  }));
}

/** A deep copy of the reference SOP with one change applied. */
function referenceWith(change: (doc: Doc) => void): Doc {
  const doc = structuredClone(REFERENCE_SOP);
  change(doc);
  return doc;
}

describe('sop.schema.json', () => {
  it('is a 2020-12 schema with the published $id', () => {
    expect(SOP_SCHEMA.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(SOP_SCHEMA.$id).toBe('https://sop-engine.dev/schema/sop/v1.json');
  });

  it('accepts the reference SOP, new-product-launch.yaml', () => {
    expect(errorsFor(REFERENCE_SOP)).toEqual([]);
  });

  it('accepts an SOP using every field of the model types', () => {
    expect(errorsFor(EVERY_CONSTRUCT)).toEqual([]);
  });

  it('agrees with the constants of engine/model/sop.ts', () => {
    const defs = (pointer: string) => resolvePointer(SOP_SCHEMA, `#/$defs/${pointer}`);
    expect((SOP_SCHEMA.properties as Doc).apiVersion.const).toBe(SOP_API_VERSION);
    expect(defs('step/properties/kind').enum).toEqual(STEP_KINDS);
    expect(defs('tasksStep/properties/taskDefaults/properties/priority').enum).toEqual(TASK_PRIORITIES);
    expect(defs('finalStep/properties/outcome').enum).toEqual(FINAL_OUTCOMES);
    // Editors offer `examples` as completions, so every built-in must be among them.
    expect(defs('participantRef').examples).toEqual(expect.arrayContaining([...BUILTIN_PARTICIPANT_REFS]));
    for (const kind of STEP_KINDS) expect(defs(`${kind}Step/properties/kind`).const).toBe(kind);
  });

  it('does not close user-supplied JSON Schemas', () => {
    const doc = referenceWith((d) => {
      d.input.schema['x-ui-order'] = ['projectName'];
      d.forms.requirements.schema.properties.goals['x-widget'] = 'textarea';
    });
    expect(errorsFor(doc)).toEqual([]);
  });

  it('follows steps into parallel regions, at any depth', () => {
    const doc = referenceWith((d) => {
      d.steps.fanout = {
        kind: 'parallel',
        next: 'closed',
        regions: {
          outer: {
            initial: 'inner',
            steps: {
              inner: {
                kind: 'parallel',
                next: 'done',
                regions: { deep: { initial: 'last', steps: { last: { kind: 'final', colour: 'red' } } } },
              },
              done: { kind: 'final' },
            },
          },
        },
      };
    });
    expect(errorsFor(doc)).toEqual(
      expect.arrayContaining([
        {
          instancePath: '/steps/fanout/regions/outer/steps/inner/regions/deep/steps/last',
          keyword: 'additionalProperties',
          params: { additionalProperty: 'colour' },
        },
      ]),
    );
  });

  // The validator collapses errors by the step's kind; these pin the shape it relies on.
  it('reports an unknown kind with one enum error listing the kinds, and nothing else', () => {
    const doc = referenceWith((d) => (d.steps.closed = { kind: 'end', outcome: 'completed', colour: 'red' }));
    expect(errorsFor(doc)).toEqual([
      { instancePath: '/steps/closed/kind', keyword: 'enum', params: { allowedValues: STEP_KINDS } },
    ]);
  });

  it("reports a step's mistakes against its own kind only", () => {
    const doc = referenceWith((d) => (d.steps.closed.assignee = 'pm'));
    expect(errorsFor(doc)).toEqual([
      {
        instancePath: '/steps/closed',
        keyword: 'additionalProperties',
        params: { additionalProperty: 'assignee' },
      },
      { instancePath: '/steps/closed', keyword: 'if', params: { failingKeyword: 'then' } },
    ]);
  });

  // Each case: one small mistake, and the error the validator will turn into a problem.
  const invalid: { name: string; change: (doc: Doc) => void; expected: Partial<ErrorObject> }[] = [
    {
      name: 'an unknown top-level key',
      change: (d) => (d.colour = 'red'),
      expected: {
        instancePath: '',
        keyword: 'additionalProperties',
        params: { additionalProperty: 'colour' },
      },
    },
    {
      name: 'an unknown key in a form step',
      change: (d) => (d.steps.requirement.asignee = 'pm'),
      expected: {
        instancePath: '/steps/requirement',
        keyword: 'additionalProperties',
        params: { additionalProperty: 'asignee' },
      },
    },
    {
      name: 'a key of another step kind (tasks field in an approval)',
      change: (d) =>
        (d.steps.approve = {
          kind: 'approval',
          assignee: 'pm',
          onApprove: 'closed',
          onReject: 'closed',
          minTasks: 1,
        }),
      expected: {
        instancePath: '/steps/approve',
        keyword: 'additionalProperties',
        params: { additionalProperty: 'minTasks' },
      },
    },
    {
      name: 'an unknown step kind',
      change: (d) => (d.steps.closed.kind = 'end'),
      expected: { instancePath: '/steps/closed/kind', keyword: 'enum' },
    },
    {
      name: 'a step without kind',
      change: (d) => delete d.steps.closed.kind,
      expected: { instancePath: '/steps/closed', keyword: 'required', params: { missingProperty: 'kind' } },
    },
    {
      name: 'a missing required header field',
      change: (d) => delete d.timeZone,
      expected: { instancePath: '', keyword: 'required', params: { missingProperty: 'timeZone' } },
    },
    {
      name: 'a form step without assignee',
      change: (d) => delete d.steps.breakdown.assignee,
      expected: {
        instancePath: '/steps/breakdown',
        keyword: 'required',
        params: { missingProperty: 'assignee' },
      },
    },
    {
      name: "a step id with '-'",
      change: (d) => (d.steps['sign-off'] = { kind: 'final' }),
      expected: { instancePath: '/steps', keyword: 'propertyNames', params: { propertyName: 'sign-off' } },
    },
    {
      name: 'a target that cannot be a step id',
      change: (d) => (d.steps.requirement.next = 'task breakdown'),
      expected: { instancePath: '/steps/requirement/next', keyword: 'pattern' },
    },
    {
      name: 'an SOP id that is not kebab-case',
      change: (d) => (d.id = 'NewProductLaunch'),
      expected: { instancePath: '/id', keyword: 'pattern' },
    },
    {
      name: 'a version that is not semver',
      change: (d) => (d.version = '1.0'),
      expected: { instancePath: '/version', keyword: 'pattern' },
    },
    {
      name: 'a wrong apiVersion',
      change: (d) => (d.apiVersion = 'sop/v2'),
      expected: { instancePath: '/apiVersion', keyword: 'const' },
    },
    {
      name: 'a participant with two ways to resolve',
      change: (d) => (d.participants.pm = { fromInput: 'projectManager', user: 'li.na' }),
      expected: { instancePath: '/participants/pm', keyword: 'oneOf', params: { passingSchemas: [0, 4] } },
    },
    {
      name: 'a participant with levels but no managerOf',
      change: (d) => (d.participants.pm = { fromInput: 'projectManager', levels: 1 }),
      expected: { instancePath: '/participants/pm', keyword: 'dependentRequired' },
    },
    {
      name: 'a reminder with both before and every',
      change: (d) => (d.steps.requirement.reminders[0].every = 'every day at 09:00'),
      expected: { instancePath: '/steps/requirement/reminders/0', keyword: 'oneOf' },
    },
    {
      name: 'an escalation rung that does nothing',
      change: (d) => (d.steps.requirement.escalation[0] = { after: '0h', message: 'late' }),
      expected: { instancePath: '/steps/requirement/escalation/0', keyword: 'anyOf' },
    },
    {
      name: 'a deadline object without at',
      change: (d) => (d.steps.requirement.deadline = { before: '2d' }),
      expected: {
        instancePath: '/steps/requirement/deadline',
        keyword: 'required',
        params: { missingProperty: 'at' },
      },
    },
    {
      name: 'a wait step waiting for nothing',
      change: (d) => (d.steps.pause = { kind: 'wait', next: 'closed' }),
      expected: { instancePath: '/steps/pause', keyword: 'anyOf' },
    },
    {
      name: 'a wait step with onTimeout but no until',
      change: (d) =>
        (d.steps.pause = { kind: 'wait', for: 'payment.received', next: 'closed', onTimeout: 'cancelled' }),
      expected: { instancePath: '/steps/pause', keyword: 'dependentRequired' },
    },
    {
      name: 'an unknown task priority',
      change: (d) => (d.steps.progress.taskDefaults.priority = 'critical'),
      expected: { instancePath: '/steps/progress/taskDefaults/priority', keyword: 'enum' },
    },
    {
      name: 'an unknown respondents mode',
      change: (d) => (d.steps.retrospective.respondents.each = 'members'),
      expected: { instancePath: '/steps/retrospective/respondents/each', keyword: 'const' },
    },
    {
      name: 'an event name with a space',
      change: (d) => (d.steps.requirement.on['call off'] = 'cancelled'),
      expected: { instancePath: '/steps/requirement/on', keyword: 'propertyNames' },
    },
    {
      name: 'an empty notify list',
      change: (d) => (d.steps.requirement.reminders[0].notify = []),
      expected: { instancePath: '/steps/requirement/reminders/0/notify', keyword: 'minItems' },
    },
  ];

  it.each(invalid)('rejects $name', ({ change, expected }) => {
    expect(errorsFor(referenceWith(change))).toEqual(
      expect.arrayContaining([expect.objectContaining(expected)]),
    );
  });
});
