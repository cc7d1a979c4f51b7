import { HardeningConfigError, parseHttpHardening } from '../../api/http/config';
import { formatWindow, parseRateRule } from '../../api/http/rate-rule';

/** The problems of a bad environment, one line per variable. */
function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    parseHttpHardening(env);
  } catch (error) {
    if (error instanceof HardeningConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a HardeningConfigError');
}

describe('parseHttpHardening', () => {
  it('defaults to no CORS, 120 kickoffs and 600 actions a minute, 256kb, info, no HSTS, no proxy', () => {
    expect(parseHttpHardening({})).toEqual({
      corsOrigins: [],
      rateLimits: { kickoff: { limit: 120, windowMs: 60_000 }, actions: { limit: 600, windowMs: 60_000 } },
      bodyLimit: '256kb',
      logLevel: 'info',
      hsts: false,
      trustProxy: false,
    });
  });

  it('treats empty and blank values as unset (a bare VAR= in a compose file)', () => {
    expect(
      parseHttpHardening({
        SOP_CORS_ORIGINS: '',
        SOP_RATE_LIMIT_KICKOFF: ' ',
        SOP_BODY_LIMIT: '',
        SOP_LOG_LEVEL: '',
        SOP_HSTS: '',
        SOP_TRUST_PROXY: '',
      }),
    ).toEqual(parseHttpHardening({}));
  });

  it('reads good values', () => {
    expect(
      parseHttpHardening({
        SOP_CORS_ORIGINS: ' https://app.example.com , http://localhost:5173,https://app.example.com,',
        SOP_RATE_LIMIT_KICKOFF: '60/min',
        SOP_RATE_LIMIT_ACTIONS: '500/15min',
        SOP_BODY_LIMIT: '1MB',
        SOP_LOG_LEVEL: 'DEBUG',
        SOP_HSTS: 'yes',
        SOP_TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::/8',
      }),
    ).toEqual({
      corsOrigins: ['https://app.example.com', 'http://localhost:5173'],
      rateLimits: { kickoff: { limit: 60, windowMs: 60_000 }, actions: { limit: 500, windowMs: 900_000 } },
      bodyLimit: '1mb',
      logLevel: 'debug',
      hsts: true,
      trustProxy: 'loopback,10.0.0.0/8,fd00::/8',
    });
  });

  it.each([
    ['SOP_CORS_ORIGINS', '*', { corsOrigins: '*' }],
    ['SOP_RATE_LIMIT_KICKOFF', 'off', { rateLimits: expect.objectContaining({ kickoff: 'off' }) }],
    [
      'SOP_RATE_LIMIT_ACTIONS',
      '10/s',
      { rateLimits: expect.objectContaining({ actions: { limit: 10, windowMs: 1000 } }) },
    ],
    ['SOP_BODY_LIMIT', '2048', { bodyLimit: '2048b' }],
    ['SOP_LOG_LEVEL', 'silent', { logLevel: 'silent' }],
    ['SOP_HSTS', '0', { hsts: false }],
    ['SOP_TRUST_PROXY', '1', { trustProxy: 1 }],
    ['SOP_TRUST_PROXY', 'off', { trustProxy: false }],
    ['SOP_TRUST_PROXY', '::1', { trustProxy: '::1' }],
  ])('reads %s=%s', (name, value, expected) => {
    expect(parseHttpHardening({ [name]: value })).toMatchObject(expected);
  });

  it('reports every bad variable at once, each with its value and an example of a right one', () => {
    const problems = problemsOf({
      SOP_CORS_ORIGINS: 'https://app.example.com/',
      SOP_RATE_LIMIT_KICKOFF: '60 per minute',
      SOP_RATE_LIMIT_ACTIONS: '0/min',
      SOP_BODY_LIMIT: '10gb',
      SOP_LOG_LEVEL: 'verbose',
      SOP_HSTS: 'maybe',
      SOP_TRUST_PROXY: 'true',
    });
    expect(problems).toEqual([
      'SOP_CORS_ORIGINS="https://app.example.com/": \'https://app.example.com/\' is not written as an origin ' +
        '(scheme://host[:port]); did you mean https://app.example.com?',
      'SOP_RATE_LIMIT_KICKOFF="60 per minute": must be <count>/<window> like 60/min, 10/s, 1000/hour or 500/15min, or off',
      'SOP_RATE_LIMIT_ACTIONS="0/min": the count must be from 1 to 1000000 (use off to disable), e.g. 60/min',
      'SOP_BODY_LIMIT="10gb": must be a size in b, kb or mb, e.g. 256kb or 1mb',
      'SOP_LOG_LEVEL="verbose": must be one of trace, debug, info, warn, error, fatal, silent, e.g. info',
      'SOP_HSTS="maybe": must be true or false (also 1/0, yes/no, on/off)',
      'SOP_TRUST_PROXY="true": true would let any client fake its address with X-Forwarded-For; ' +
        'e.g. 1 (one proxy in front), loopback, or 10.0.0.0/8,loopback',
    ]);
  });

  it('says where to look in the error message', () => {
    expect(() => parseHttpHardening({ SOP_HSTS: 'maybe' })).toThrow(
      '[CONFIG] Invalid configuration:\n  - SOP_HSTS="maybe": must be true or false (also 1/0, yes/no, on/off)\n' +
        'See docs/hardening.md.',
    );
  });

  it.each([
    ['ftp://files.example.com', "'ftp://files.example.com' is not an http(s) origin"],
    ['app.example.com', "'app.example.com' is not an http(s) origin"],
    ['null', "'null' is not an http(s) origin"],
    ['https://App.Example.com', 'did you mean https://app.example.com?'],
    ['https://app.example.com:443', 'did you mean https://app.example.com?'],
    ['https://app.example.com/path', 'did you mean https://app.example.com?'],
    ['https://a.example,*', "'*' allows every origin and cannot be combined with others"],
  ])('refuses SOP_CORS_ORIGINS=%s', (value, message) => {
    expect(problemsOf({ SOP_CORS_ORIGINS: value })[0]).toContain(message);
  });

  it.each([
    ['512', 'must be from 1kb to 2mb'],
    ['3mb', 'must be from 1kb to 2mb'],
    ['1.5mb', 'must be a size in b, kb or mb'],
    ['lots', 'must be a size in b, kb or mb'],
  ])('refuses SOP_BODY_LIMIT=%s', (value, message) => {
    expect(problemsOf({ SOP_BODY_LIMIT: value })[0]).toContain(message);
  });

  it.each([
    ['yes', 'true would let any client fake its address'],
    ['11', 'must be at most 10 proxy hops'],
    [
      '10.0.0.0/33',
      "'10.0.0.0/33' is neither a proxy address, a subnet nor one of loopback, linklocal, uniquelocal",
    ],
    ['loopback,proxy.internal', "'proxy.internal' is neither"],
  ])('refuses SOP_TRUST_PROXY=%s', (value, message) => {
    expect(problemsOf({ SOP_TRUST_PROXY: value })[0]).toContain(message);
  });
});

describe('parseRateRule', () => {
  it.each([
    ['60/min', { limit: 60, windowMs: 60_000 }],
    ['60/m', { limit: 60, windowMs: 60_000 }],
    ['10/s', { limit: 10, windowMs: 1_000 }],
    ['10 / second', { limit: 10, windowMs: 1_000 }],
    ['1000/hour', { limit: 1000, windowMs: 3_600_000 }],
    ['2/hours', { limit: 2, windowMs: 3_600_000 }],
    ['500/15min', { limit: 500, windowMs: 900_000 }],
    ['500/15 minutes', { limit: 500, windowMs: 900_000 }],
    ['5000/day', { limit: 5000, windowMs: 86_400_000 }],
    ['OFF', 'off'],
  ])('reads %s', (text, rule) => {
    expect(parseRateRule(text)).toEqual(rule);
  });

  it.each([
    ['60', 'must be <count>/<window>'],
    ['60/fortnight', 'must be <count>/<window>'],
    ['-1/min', 'must be <count>/<window>'],
    ['0/min', 'the count must be from 1'],
    ['1/2days', 'the window must be from 1 second to 1 day'],
    ['1/0s', 'the window must be from 1 second to 1 day'],
  ])('refuses %s', (text, message) => {
    expect(parseRateRule(text)).toEqual({ error: expect.stringContaining(message) });
  });
});

describe('formatWindow', () => {
  it('names the largest whole unit', () => {
    expect(
      [60_000, 900_000, 1_000, 30_000, 3_600_000, 7_200_000, 86_400_000, 1_500].map(formatWindow),
    ).toEqual(['minute', '15 minutes', 'second', '30 seconds', 'hour', '2 hours', 'day', '1500 ms']);
  });
});
