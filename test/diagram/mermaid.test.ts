import { parse } from 'yaml';
import { toMermaid } from '../../engine/diagram';
import type { SopDocument } from '../../engine/model/sop';
import { NASTY_SOP, PARALLEL_SOP } from './support/synthetic-sops';

const SMALL: SopDocument = {
  apiVersion: 'sop/v1',
  id: 'small',
  version: '1.0.0',
  title: '小流程',
  owner: 'ops',
  timeZone: 'Asia/Shanghai',
  initial: 'ask',
  steps: {
    ask: {
      kind: 'form',
      title: '提交申请',
      assignee: 'pm',
      form: 'f',
      next: 'route',
      escalation: [{ after: '48h', goto: 'dropped' }],
    },
    route: {
      kind: 'choice',
      title: '路由',
      routes: [{ when: 'forms.ask.urgent', target: 'ok' }],
      otherwise: 'ok',
    },
    ok: { kind: 'final', title: '完成' },
    dropped: { kind: 'final' },
  },
};

describe('toMermaid', () => {
  it('writes a whole small SOP as expected', () => {
    expect(toMermaid(SMALL)).toBe(
      [
        '---',
        'title: "小流程"',
        '---',
        'stateDiagram-v2',
        '    state "提交申请" as ask',
        '    %% route: 路由',
        '    state route <<choice>>',
        '    state "完成" as ok',
        '    state "dropped" as dropped',
        '    [*] --> ask',
        '    ask --> route : submit',
        '    ask --> dropped : overdue +48h',
        '    route --> ok : [forms.ask.urgent]',
        '    route --> ok : otherwise',
        '    ok --> [*]',
        '    dropped --> [*]',
        '',
      ].join('\n'),
    );
  });

  it('is deterministic', () => {
    expect(toMermaid(PARALLEL_SOP)).toBe(toMermaid(structuredClone(PARALLEL_SOP)));
    expect(toMermaid(NASTY_SOP)).toBe(toMermaid(NASTY_SOP));
  });

  it('puts the SOP title in front matter that YAML reads back exactly', () => {
    const text = toMermaid(NASTY_SOP);
    const frontMatter = /^---\n([\s\S]*?)\n---\n/.exec(text);
    expect(frontMatter).not.toBeNull();
    expect(parse(frontMatter![1]!)).toEqual({ title: NASTY_SOP.title });
  });

  it('nests region steps inside the parallel step, regions separated by --', () => {
    const lines = toMermaid(PARALLEL_SOP).split('\n');
    const open = lines.indexOf('    state "并行准备" as prep {');
    const close = lines.indexOf('    }');
    expect(open).toBeGreaterThan(0);
    expect(close).toBeGreaterThan(open);
    const inside = lines.slice(open + 1, close);
    expect(inside.filter((l) => l.trim() === '--')).toHaveLength(1);
    expect(inside).toContain('        state "物料设计" as design');
    expect(inside).toContain('        buildReview --> build : reject');
    // The arrow leaving a region is drawn from the parallel step, outside it.
    expect(lines.slice(close)).toContain('    prep --> cancelled : abort (from 研发)');
  });

  it('names the inner step of an arrow drawn to a parallel step instead', () => {
    const jumping: SopDocument = {
      ...PARALLEL_SOP,
      steps: {
        ...PARALLEL_SOP.steps,
        brief: {
          kind: 'form',
          title: '简报',
          assignee: 'pm',
          form: 'brief',
          next: 'prep',
          on: { rush: 'build' },
        },
      },
    };
    expect(toMermaid(jumping)).toContain('\n    brief --> prep : rush (to 研发)\n');
  });

  it('still draws an arrow to a target that does not exist', () => {
    const broken: SopDocument = {
      ...SMALL,
      steps: { ...SMALL.steps, ok: { kind: 'notify', notify: ['pm'], message: 'm', next: 'no-such-step' } },
    };
    expect(toMermaid(broken)).toContain('    ok --> no_such_step\n');
  });
});
