import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.ts';
import { checkStreamHost, checkStreamKey, isPublicAddress, parseStreamAddress, publishUrl } from './destination.ts';

/** The field and message a refusal names, or 'ok'. */
function refusalOf(work: () => unknown): string {
  try {
    work();
    return 'ok';
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return `${error.status} ${error.extra.errors?.map((e) => `${e.path}:${e.message}`).join(',')}`;
  }
}

describe('a stream destination', () => {
  it.each([
    ['rtmp://a.rtmp.youtube.com/live2', 'rtmp://a.rtmp.youtube.com/live2'],
    ['rtmps://a.rtmps.youtube.com:443/live2/', 'rtmps://a.rtmps.youtube.com:443/live2'],
    ['rtmp://127.0.0.1:1935/live', 'rtmp://127.0.0.1:1935/live'],
    ['RTMP://Live-API-S.Facebook.com:443/rtmp', 'rtmp://live-api-s.facebook.com:443/rtmp'],
  ])('takes %s as %s', (input, stored) => {
    expect(parseStreamAddress(input).address).toBe(stored);
  });

  it.each([
    ['another scheme', 'https://a.rtmp.youtube.com/live2'],
    ['srt', 'srt://host:9000/live'],
    ['no host', 'rtmp:///live2'],
    ['no application path', 'rtmp://a.rtmp.youtube.com'],
    ['credentials', 'rtmp://user:secret@host/live'],
    ['a query', 'rtmp://host/live?x=1'],
    ['a fragment', 'rtmp://host/live#a'],
    ['spaces', 'rtmp://host/live 2'],
    ['not an address', 'youtube'],
  ])('refuses %s (422 on the address)', (_, input) => {
    expect(refusalOf(() => parseStreamAddress(input))).toBe('422 address:validation.streamAddress');
  });

  it('takes a key as the service gives it, query included, but not with spaces or control characters', () => {
    expect(checkStreamKey('abcd-efgh-ijkl-mnop-qrst')).toBe('abcd-efgh-ijkl-mnop-qrst');
    expect(checkStreamKey('FB-1234?s_bl=1&s_sc=5')).toBe('FB-1234?s_bl=1&s_sc=5');
    expect(refusalOf(() => checkStreamKey('abcd efgh'))).toBe('422 key:validation.streamKey');
    expect(refusalOf(() => checkStreamKey('abcd\nefgh'))).toBe('422 key:validation.streamKey');
    expect(publishUrl('rtmp://h/live2', 'abcd')).toBe('rtmp://h/live2/abcd');
  });
});

describe('which hosts a stream may reach', () => {
  it.each([
    ['8.8.8.8', true],
    ['142.250.4.1', true],
    ['2607:f8b0:4005::1', true],
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.16.0.9', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['::1', false],
    ['fd00::1', false],
    ['fe80::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:8.8.8.8', true],
    ['localhost', false],
  ])('%s is public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  const resolveTo =
    (addresses: Record<string, string[]>) =>
    async (hostname: string): Promise<string[]> => {
      const found = addresses[hostname];
      if (!found) throw new Error(`ENOTFOUND ${hostname}`);
      return found;
    };
  const hosts = resolveTo({
    'a.rtmp.youtube.com': ['142.250.4.1'],
    localhost: ['127.0.0.1', '::1'],
    'metadata.internal': ['169.254.169.254'],
    'half.example': ['142.250.4.1', '10.0.0.5'],
  });

  /** Resolves to the refusal's message, or 'ok'. */
  const checked = (hostname: string, publicOnly: boolean) =>
    checkStreamHost(hostname, { publicOnly, resolve: hosts }).then(
      () => 'ok',
      (error: AppError) => error.extra.errors?.[0]?.message,
    );

  it('in production: only hosts whose every address is public', async () => {
    expect(await checked('a.rtmp.youtube.com', true)).toBe('ok');
    expect(await checked('8.8.8.8', true)).toBe('ok');
    expect(await checked('localhost', true)).toBe('validation.streamHostNotPublic');
    expect(await checked('127.0.0.1', true)).toBe('validation.streamHostNotPublic');
    expect(await checked('metadata.internal', true)).toBe('validation.streamHostNotPublic');
    expect(await checked('half.example', true)).toBe('validation.streamHostNotPublic');
    expect(await checked('nowhere.example', true)).toBe('validation.streamHostUnknown');
  });

  it('outside production: loopback too (the tests’ RTMP server), without asking DNS', async () => {
    expect(await checked('localhost', false)).toBe('ok');
    expect(await checked('nowhere.example', false)).toBe('ok');
  });
});
