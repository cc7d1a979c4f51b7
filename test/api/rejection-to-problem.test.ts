import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { rejectionToProblem } from '../../api/actions/rejection-to-problem';
import { ACTION_REJECTED } from '../../workflows/messages';

function refused(code: string, message = `refused: ${code}`) {
  const cause = ApplicationFailure.create({ type: ACTION_REJECTED, message, details: [{ code, message }] });
  return new WorkflowUpdateFailedError('Workflow Update failed', cause);
}

describe('rejectionToProblem', () => {
  it.each([
    ['NOT_ALLOWED', 403],
    ['UNKNOWN_TASK', 404],
    ['INVALID_DATA', 422],
    ['WRONG_STATE', 409],
    ['CONDITION_NOT_MET', 409],
    ['PROJECT_ENDED', 409],
  ])('maps the engine code %s to HTTP %i, keeping code and message', (code, status) => {
    expect(rejectionToProblem(refused(code))).toMatchObject({ status, code, detail: `refused: ${code}` });
  });

  it('answers 409 for a code it does not know yet, and says which code it was', () => {
    expect(rejectionToProblem(refused('QUORUM_PENDING'))).toMatchObject({
      status: 409,
      code: 'ACTION_REJECTED',
      extensions: { engineCode: 'QUORUM_PENDING' },
    });
  });

  it('leaves other failures alone (they are not client mistakes)', () => {
    const other = new WorkflowUpdateFailedError(
      'failed',
      ApplicationFailure.create({ type: 'Boom', message: 'x' }),
    );
    expect(rejectionToProblem(other)).toBeUndefined();
    expect(rejectionToProblem(new Error('network'))).toBeUndefined();
  });
});
