import { describe, expect, it } from 'vitest';
import { excerpt, type LinkPreview, withLinkPreview } from './head-tags.ts';

const index = `<!doctype html>
<html lang="id">
  <head>
    <meta charset="utf-8" />
    <title>Serambi</title>
    <meta
      name="description"
      content="Serambi: sesi berbagi online."
    />
    <script type="module" crossorigin src="/assets/index-abc.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>`;

const preview = (overrides: Partial<LinkPreview> = {}): LinkPreview => ({
  title: 'Sharing Online #1',
  description: 'Minggu, 7 Desember 2025 · 20.00–21.30 WITA',
  url: 'https://serambi.example/s/sharing-online-1',
  locale: 'id',
  image: { url: 'https://serambi.example/api/sessions/x/preview.png?lang=id&v=1', width: 1200, height: 630, alt: 'x' },
  ...overrides,
});

describe('withLinkPreview', () => {
  it('replaces the built title and description instead of adding second ones, and keeps the scripts', () => {
    const html = withLinkPreview(index, preview());
    expect(html.match(/<title>/g)).toHaveLength(1);
    expect(html.match(/name="description"/g)).toHaveLength(1);
    expect(html).toContain('<title>Sharing Online #1 · Serambi</title>');
    expect(html).toContain('<script type="module" crossorigin src="/assets/index-abc.js"></script>');
    expect(html).toContain(
      '<meta property="og:image" content="https://serambi.example/api/sessions/x/preview.png?lang=id&#38;v=1" />',
    );
  });

  it('escapes quotes and angle brackets, and takes "$&" literally', () => {
    const html = withLinkPreview(index, preview({ title: `"><script>alert(1)</script> $& $' $1` }));
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('content="&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62; $&#38; $&#39; $1"');
  });

  it('says "summary" to X when there is no picture', () => {
    const html = withLinkPreview(index, preview({ image: null }));
    expect(html).toContain('<meta name="twitter:card" content="summary" />');
    expect(html).not.toContain('og:image');
  });

  it('leaves the page untouched without a preview', () => {
    expect(withLinkPreview(index, null)).toBe(index);
  });
});

describe('excerpt', () => {
  it('keeps a short text whole, on one line', () => {
    expect(excerpt('Satu\n\ndua  tiga')).toBe('Satu dua tiga');
  });

  it('cuts a long text at a word, without a dangling comma', () => {
    expect(excerpt('Pemasaran, keuangan, pelayanan tamu', 21)).toBe('Pemasaran, keuangan…');
  });
});
