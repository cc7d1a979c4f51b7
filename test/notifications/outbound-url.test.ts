/**
 * The outbound policy: scheme, allow-list, and loopback/private/link-local addresses refused
 * (non-retryably, with a clear message) unless explicitly allowed.
 */
import { deliverToWebhook } from '../../notifications/channels/webhook-channel';
import { matchAllowedHost } from '../../notifications/security/host-allow-list';
import {
  checkUrlShape,
  resolveOutboundTarget,
  type ResolveHost,
} from '../../notifications/security/outbound-url';
import { isPrivateAddress } from '../../notifications/security/private-addresses';
import { deliveryFor, testEnvironment } from './support/notification-fixtures';
import { startHttpReceiver, type HttpReceiver } from './support/http-receiver';

let receiver: HttpReceiver;

beforeAll(async () => {
  receiver = await startHttpReceiver();
});

afterAll(async () => {
  await receiver?.close();
});

/** A resolver that answers like a DNS name pointing inward (DNS rebinding, an internal name). */
const resolveInward: ResolveHost = () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
const resolvePublic: ResolveHost = () => Promise.resolve([{ address: '93.184.216.34', family: 4 }]);

describe('isPrivateAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['172.32.0.1', false],
    ['192.168.1.10', true],
    ['169.254.169.254', true],
    ['::1', true],
    ['fc00::1', true],
    ['fd12:3456::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:8.8.8.8', false],
    ['8.8.8.8', false],
    ['2001:4860:4860::8888', false],
  ])('%s → %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});

describe('matchAllowedHost', () => {
  it('tells exact entries from wildcards and ignores case, brackets and a trailing dot', () => {
    expect(matchAllowedHost('Open.Feishu.CN.', ['open.feishu.cn'])).toBe('exact');
    expect(matchAllowedHost('[::1]', ['::1'])).toBe('exact');
    expect(matchAllowedHost('hooks.slack.com', ['*.slack.com'])).toBe('wildcard');
    expect(matchAllowedHost('slack.com', ['*.slack.com'])).toBeUndefined();
    expect(matchAllowedHost('evilslack.com', ['*.slack.com'])).toBeUndefined();
  });
});

describe('checkUrlShape', () => {
  const policy = { allowHosts: ['hooks.example.com', '127.0.0.1'], allowPrivateNetworks: false };
  it('accepts https to a listed host and http only to an exactly listed one', () => {
    expect(checkUrlShape('https://hooks.example.com/x', policy)).toBeUndefined();
    expect(checkUrlShape('http://127.0.0.1:8080/x', policy)).toBeUndefined();
    expect(checkUrlShape('http://hooks.example.com/x', { ...policy, allowHosts: ['*.example.com'] })).toMatch(
      /uses plain http/,
    );
  });
  it('names what is wrong without echoing the URL (it may carry a token)', () => {
    expect(checkUrlShape('ftp://hooks.example.com/token', policy)).toBe(
      'uses ftp:, only https (or http to an allowed private receiver) is accepted',
    );
    expect(checkUrlShape('https://other.example.com/hook/SECRET-TOKEN', policy)).toBe(
      "goes to host 'other.example.com', which is not in allowHosts (allowed: hooks.example.com, 127.0.0.1)",
    );
    expect(checkUrlShape('https://user:pw@hooks.example.com/', policy)).toMatch(/must not carry a user name/);
    expect(checkUrlShape('not a url', policy)).toBe('is not a valid URL');
  });
});

describe('resolveOutboundTarget', () => {
  it('refuses a loopback receiver that is not allowed, without sending anything, as a non-retryable failure', async () => {
    const env = testEnvironment({ allowHosts: ['hooks.example.com'], allowPrivateNetworks: false });
    const settings = { type: 'webhook' as const, url: `${receiver.origin}/hook`, secret: 's' };
    await expect(deliverToWebhook(settings, deliveryFor('ops-hook'), env)).rejects.toMatchObject({
      name: 'ApplicationFailure',
      type: 'OutboundRefused',
      nonRetryable: true,
      message:
        "[OUTBOUND_REFUSED] channel 'ops-hook': the URL goes to host '127.0.0.1', which is not in allowHosts " +
        '(allowed: hooks.example.com) (see allowHosts in channels.yaml)',
    });
    expect(receiver.received).toEqual([]);
  });

  it('refuses a host allowed by wildcard that resolves to a loopback address (e.g. DNS rebinding)', async () => {
    const policy = { allowHosts: ['*.example.com'], allowPrivateNetworks: false };
    await expect(
      resolveOutboundTarget('https://hooks.example.com/x', policy, 'ops-hook', resolveInward),
    ).rejects.toMatchObject({
      nonRetryable: true,
      message: expect.stringContaining(
        "host 'hooks.example.com' resolves to the private or loopback address 127.0.0.1; list 'hooks.example.com' exactly",
      ),
    });
  });

  it('allows private addresses for an exact entry, or everywhere with allowPrivateNetworks', async () => {
    const exact = await resolveOutboundTarget(
      'https://hooks.internal/x',
      { allowHosts: ['hooks.internal'], allowPrivateNetworks: false },
      'c',
      resolveInward,
    );
    expect(exact.addresses).toEqual([{ address: '127.0.0.1', family: 4 }]);
    const open = await resolveOutboundTarget(
      'http://hooks.example.com/x',
      { allowHosts: ['*.example.com'], allowPrivateNetworks: true },
      'c',
      resolveInward,
    );
    expect(open.url.protocol).toBe('http:');
  });

  it('refuses plain http that would reach a public address', async () => {
    await expect(
      resolveOutboundTarget(
        'http://hooks.example.com/x',
        { allowHosts: ['hooks.example.com'], allowPrivateNetworks: false },
        'c',
        resolvePublic,
      ),
    ).rejects.toMatchObject({ nonRetryable: true, message: expect.stringContaining('plain http') });
  });

  it('connects to the address that was checked, not to a second lookup', async () => {
    // "hooks.internal" does not exist in DNS; the pinned, checked address is used for the connection.
    const env = {
      ...testEnvironment({ allowHosts: ['hooks.internal'], allowPrivateNetworks: false }),
      resolve: resolveInward,
    };
    const url = `http://hooks.internal:${receiver.port}/pinned`;
    await deliverToWebhook({ type: 'webhook', url, secret: 's' }, deliveryFor('ops-hook'), env);
    expect(receiver.received.map((r) => [r.url, r.headers.host])).toEqual([
      ['/pinned', `hooks.internal:${receiver.port}`],
    ]);
  });
});
