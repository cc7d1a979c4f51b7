import { liftEdge, placeSteps, ROOT_SCOPE, scopeKeyOf } from '../../engine/diagram/step-scopes';
import type { SopDocument } from '../../engine/model/sop';
import { PARALLEL_SOP } from './support/synthetic-sops';

/** PARALLEL_SOP with a second parallel step nested inside region `rnd` of `prep`. */
const NESTED: SopDocument = {
  ...PARALLEL_SOP,
  steps: {
    ...PARALLEL_SOP.steps,
    prep: {
      kind: 'parallel',
      regions: {
        marketing: { initial: 'design', steps: { design: { kind: 'final' } } },
        rnd: {
          initial: 'inner',
          steps: {
            inner: {
              kind: 'parallel',
              regions: {
                hw: { initial: 'board', steps: { board: { kind: 'final' } } },
                sw: { initial: 'firmware', steps: { firmware: { kind: 'final' } } },
              },
              next: 'rndDone',
            },
            rndDone: { kind: 'final' },
          },
        },
      },
      next: 'launchWait',
    },
  },
};

describe('placeSteps', () => {
  it('places every step, nested ones included, in document order with its scopes', () => {
    const placed = placeSteps(NESTED);
    expect([...placed.keys()]).toEqual([
      'brief',
      'prep',
      'design',
      'inner',
      'board',
      'firmware',
      'rndDone',
      'launchWait',
      'done',
      'cancelled',
    ]);
    expect(placed.get('board')).toMatchObject({
      scopes: [ROOT_SCOPE, scopeKeyOf('prep', 'rnd'), scopeKeyOf('inner', 'hw')],
      owners: ['prep', 'inner'],
    });
    expect(placed.get('brief')).toMatchObject({ scopes: [ROOT_SCOPE], owners: [] });
  });
});

describe('liftEdge', () => {
  const placed = placeSteps(NESTED);
  const lift = (from: string, to: string) => liftEdge(placed.get(from)!, placed.get(to)!);

  it('keeps an arrow between siblings where it is', () => {
    expect(lift('board', 'board')).toEqual({ scope: scopeKeyOf('inner', 'hw'), from: 'board', to: 'board' });
    expect(lift('brief', 'done')).toEqual({ scope: ROOT_SCOPE, from: 'brief', to: 'done' });
  });

  it('starts an arrow leaving regions at the outermost parallel step it leaves', () => {
    expect(lift('board', 'cancelled')).toEqual({ scope: ROOT_SCOPE, from: 'prep', to: 'cancelled' });
    expect(lift('board', 'rndDone')).toEqual({
      scope: scopeKeyOf('prep', 'rnd'),
      from: 'inner',
      to: 'rndDone',
    });
  });

  it('ends an arrow entering regions at the parallel step it enters', () => {
    expect(lift('brief', 'firmware')).toEqual({ scope: ROOT_SCOPE, from: 'brief', to: 'prep' });
  });

  it('draws an arrow between two regions of one parallel step on the parallel step itself', () => {
    expect(lift('design', 'board')).toEqual({ scope: ROOT_SCOPE, from: 'prep', to: 'prep' });
  });
});
