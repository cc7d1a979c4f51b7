import { WorkflowNotFoundError } from '@temporalio/client';
import express from 'express';
import { handleErrors } from '../../api/error-handler';
import { serve, type Served } from '../http/support/serve';

/** Found by API fuzzing (docs/fuzzing.md): cancelling a project twice answered 500. */
describe('handleErrors and Temporal "not found"', () => {
  const logged: string[] = [];
  let server: Served;
  beforeAll(async () => {
    const app = express();
    app.post('/ended', () => {
      throw new WorkflowNotFoundError('workflow execution already completed', 'project-1', undefined);
    });
    app.get('/missing', () => {
      throw new WorkflowNotFoundError('workflow not found', 'project-2', undefined);
    });
    app.use(handleErrors((message) => logged.push(message)));
    server = await serve(app);
  });
  afterAll(() => server.close());

  it('answers 409 PROJECT_ENDED to an update sent to an ended project', async () => {
    const response = await fetch(`${server.url}/ended`, { method: 'POST' });
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ code: 'PROJECT_ENDED', instance: '/ended' });
    expect(logged).toEqual([]);
  });

  it('keeps any other "not found" a logged 500: the route should have looked the project up', async () => {
    const response = await fetch(`${server.url}/missing`);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ code: 'INTERNAL' });
    expect(logged).toEqual(['unexpected error on GET /missing']);
  });
});
