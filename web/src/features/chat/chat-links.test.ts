import { describe, expect, it } from 'vitest';
import { splitLinks } from './chat-links.ts';

describe('links in chat messages', () => {
  it('turns http and https addresses into links and leaves the rest as text', () => {
    expect(splitLinks('Slides: https://serambi.id/slides?x=1 and http://a.id')).toEqual([
      { kind: 'text', text: 'Slides: ' },
      { kind: 'link', text: 'https://serambi.id/slides?x=1', href: 'https://serambi.id/slides?x=1' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'http://a.id', href: 'http://a.id/' },
    ]);
  });

  it('keeps javascript:, data: and bare www addresses as plain text', () => {
    for (const text of [
      'javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'www.serambi.id',
      'JavaScript://%0aalert(1)',
    ]) {
      expect(splitLinks(text)).toEqual([{ kind: 'text', text }]);
    }
  });

  it('does not take an address inside another scheme for a link of its own scheme', () => {
    const parts = splitLinks('javascript:https://evil.example');
    expect(parts.filter((part) => part.kind === 'link').map((part) => part.href)).toEqual(['https://evil.example/']);
    expect(parts[0]).toEqual({ kind: 'text', text: 'javascript:' });
  });

  it('leaves sentence punctuation out of the address but keeps a parenthesis the address opened', () => {
    expect(splitLinks('See https://a.id/x.')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://a.id/x', href: 'https://a.id/x' },
      { kind: 'text', text: '.' },
    ]);
    expect(splitLinks('(https://id.wikipedia.org/wiki/Bali_(pulau))')).toEqual([
      { kind: 'text', text: '(' },
      {
        kind: 'link',
        text: 'https://id.wikipedia.org/wiki/Bali_(pulau)',
        href: 'https://id.wikipedia.org/wiki/Bali_(pulau)',
      },
      { kind: 'text', text: ')' },
    ]);
  });

  it('keeps markup as the text it is', () => {
    expect(splitLinks('<img src=x onerror=alert(1)>')).toEqual([
      { kind: 'text', text: '<img src=x onerror=alert(1)>' },
    ]);
  });
});
