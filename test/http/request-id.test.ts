import express from 'express';
import { isSafeRequestId, requestId } from '../../api/http/request-id';
import { serve, type Served } from './support/serve';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('requestId', () => {
  let server: Served;

  beforeAll(async () => {
    const app = express();
    app.use(requestId());
    app.get('/ping', (_req, res) => {
      res.json({ requestId: res.locals.requestId });
    });
    server = await serve(app);
  });
  afterAll(() => server.close());

  async function ping(
    headers: Record<string, string> | Headers = {},
  ): Promise<{ header: string | null; seen: string }> {
    const response = await fetch(`${server.url}/ping`, { headers });
    const body = (await response.json()) as { requestId: string };
    return { header: response.headers.get('X-Request-Id'), seen: body.requestId };
  }

  it('generates a UUID when the caller sends none, echoes it and exposes it in res.locals', async () => {
    const { header, seen } = await ping();
    expect(header).toMatch(UUID);
    expect(seen).toBe(header);
  });

  it('gives every request its own id', async () => {
    const ids = await Promise.all([ping(), ping(), ping()]);
    expect(new Set(ids.map((i) => i.header)).size).toBe(3);
  });

  it('reuses a safe incoming id, so one id spans the gateway and the API', async () => {
    const incoming = 'gw-7f3a:2024.05_x';
    expect(await ping({ 'X-Request-Id': incoming })).toEqual({ header: incoming, seen: incoming });
    const longest = 'a'.repeat(128);
    expect((await ping({ 'X-Request-Id': longest })).header).toBe(longest);
  });

  it.each([
    ['a space', 'abc def'],
    ['a quote', 'abc"def'],
    ['a slash', '../etc/passwd'],
    ['more than 128 characters', 'a'.repeat(129)],
    ['non-ASCII letters', 'réq-1'],
    ['JSON', '{"level":"fatal"}'],
  ])('replaces an incoming id with %s by a new UUID', async (_label, unsafe) => {
    const { header, seen } = await ping({ 'X-Request-Id': unsafe });
    expect(header).toMatch(UUID);
    expect(seen).toBe(header);
  });

  it('replaces two incoming ids (joined by Node as "a, b") by a new UUID', async () => {
    const headers = new Headers();
    headers.append('X-Request-Id', 'first');
    headers.append('X-Request-Id', 'second');
    expect((await ping(headers)).header).toMatch(UUID);
  });
});

describe('isSafeRequestId', () => {
  it('accepts 1 to 128 characters of letters, digits and . _ : -', () => {
    expect(isSafeRequestId('A-z_0.9:x')).toBe(true);
    expect(isSafeRequestId('')).toBe(false);
    expect(isSafeRequestId(undefined)).toBe(false);
    expect(isSafeRequestId('line\nbreak')).toBe(false);
    expect(isSafeRequestId('tab\there')).toBe(false);
    expect(isSafeRequestId('x'.repeat(128))).toBe(true);
    expect(isSafeRequestId('x'.repeat(129))).toBe(false);
  });
});
