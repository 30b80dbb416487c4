import { describe, expect, it } from 'vitest';
import { renderMail } from './render.ts';

const confirmation = {
  heading: 'Pendaftaran <b>diterima</b>',
  paragraphs: ['Halo Ayu & Budi,', 'Sesi dimulai pukul 19.00 WIB.\nTautan di bawah ini pribadi.'],
  action: { label: 'Masuk ke sesi', url: 'https://serambi.example/j/abc?x=1&y="2"' },
  footer: 'Komunitas <Bisnis> Bali',
};

describe('renderMail', () => {
  it('escapes every text it is given, in the HTML and in the link', () => {
    const { html } = renderMail('id', confirmation);
    expect(html).toContain('Pendaftaran &lt;b&gt;diterima&lt;/b&gt;');
    expect(html).toContain('Halo Ayu &amp; Budi,');
    expect(html).toContain('Komunitas &lt;Bisnis&gt; Bali');
    expect(html).toContain('href="https://serambi.example/j/abc?x=1&amp;y=&quot;2&quot;"');
    expect(html).not.toContain('<b>');
  });

  it('keeps line breaks inside a paragraph and speaks the reader’s language', () => {
    expect(renderMail('id', confirmation).html).toContain(
      'Sesi dimulai pukul 19.00 WIB.<br />Tautan di bawah ini pribadi.',
    );
    expect(renderMail('id', confirmation).html).toContain('<html lang="id">');
    expect(renderMail('id', confirmation).html).toContain('Jika tombol tidak berfungsi');
    expect(renderMail('en', confirmation).html).toContain('If the button does not work');
  });

  it('gives a plain-text twin with the link spelled out and the footer after a signature separator', () => {
    expect(renderMail('id', confirmation).text).toBe(
      [
        'Pendaftaran <b>diterima</b>',
        'Halo Ayu & Budi,',
        'Sesi dimulai pukul 19.00 WIB.\nTautan di bawah ini pribadi.',
        'Masuk ke sesi:\nhttps://serambi.example/j/abc?x=1&y="2"',
        '-- \nKomunitas <Bisnis> Bali\n',
      ].join('\n\n'),
    );
  });

  it('leaves the button out when there is nothing to do', () => {
    const { html, text } = renderMail('en', { ...confirmation, action: undefined });
    expect(html).not.toContain('<a ');
    expect(text).not.toContain('https://');
  });

  it('refuses an action link that is not a web address', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,hi', '/relative']) {
      expect(() => renderMail('en', { ...confirmation, action: { label: 'Go', url } })).toThrow(/http\(s\) URL/);
    }
  });
});
