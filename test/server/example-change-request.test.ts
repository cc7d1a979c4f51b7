/**
 * `npm run example:change-request` end to end, with real processes and no mocks: `npm start` runs
 * the embedded Temporal dev server, the worker and the API on temporary ports; the example drives
 * a change request (change-request-approval v2) over HTTP through a refused out-of-turn approval,
 * a send back (退回), the resubmission, the department head, the countersign (会签) of the
 * affected heads and the CTO; Ctrl-C then stops the engine with exit code 0.
 */
import {
  cleanUpEmbedded,
  interrupt,
  prepareEmbedded,
  runScript,
  waitForHealthy,
  type Started,
} from './support/npm-start';

describe('npm run example:change-request', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let apiUrl: string;
  const children: Started[] = [];

  beforeAll(async () => {
    ({ dataDir, env, apiUrl } = await prepareEmbedded('sop-example-cr-'));
  });

  afterAll(() => cleanUpEmbedded(dataDir, children));

  it('sends a change request back, resubmits it, and has it countersigned and approved', async () => {
    const engine = runScript('start', env);
    children.push(engine);
    await waitForHealthy(apiUrl, engine);

    const example = runScript('example:change-request', { ...env, API_URL: apiUrl });
    children.push(example);
    const exampleCode = await example.exited;
    if (exampleCode !== 0) throw new Error(`the example exited ${exampleCode}:\n${example.output()}`);
    const output = example.output();
    expect(output).toContain('SOP change-request-approval version 2.0.0');
    expect(output).toContain('refused as expected (403 ACCESS_DENIED)');
    expect(output).toMatch(/Final state: completed \(outcome completed\)/);
    expect(output).toMatch(/zhao\.lei: sendBack to request "请补充回滚方案"/);
    expect(output).toMatch(/cao\.yong: approve[\s\S]*chen\.hao: approve/);
    expect(/Project id: (\S+)/.exec(output)?.[1]).toBeDefined();

    expect(await interrupt(engine)).toBe(0);
  }, 240_000);
});
