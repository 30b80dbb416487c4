/**
 * The hostile strings the fuzz puts into every text field. The markup ones all try to do the
 * same visible thing, set `window.__pwned` or create an element whose id starts with
 * `fuzzpwn`, so a later check can tell whether any of them ever ran or became markup.
 */

/** The id prefix of every element a markup payload tries to create. */
export const MARKUP_MARKER = 'fuzzpwn';

/** A property line a calendar payload tries to smuggle into an .ics file by a line break. */
export const ICS_MARKER = 'X-FUZZ-INJECTED';

/** The start of a spreadsheet formula a CSV payload tries to have evaluated. */
export const FORMULA_MARKER = 'FUZZFORMULA';

export const MARKUP_PAYLOADS = [
  `<script>window.__pwned=1</script>`,
  `<img src=x id=${MARKUP_MARKER}-img onerror="window.__pwned=1">`,
  `"><svg id=${MARKUP_MARKER}-svg onload=window.__pwned=1>`,
  `'><iframe id=${MARKUP_MARKER}-frame srcdoc="<script>parent.__pwned=1</script>"></iframe>`,
  `</title></textarea></style><b id=${MARKUP_MARKER}-b>tebal</b>`,
  `<a id=${MARKUP_MARKER}-a href="javascript:window.__pwned=1">klik</a>`,
  `{{constructor.constructor('window.__pwned=1')()}}`,
];

/** For fields that hold addresses (logos, photos, links): schemes that run code or read files. */
export const URL_PAYLOADS = [
  'javascript:window.__pwned=1',
  'JaVaScRiPt:window.__pwned=1//https://example.id',
  'data:text/html,<script>window.__pwned=1</script>',
  'https://example.id/"><img src=x onerror=window.__pwned=1>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'https://exa mple.id/ruang',
];

export const UNICODE_PAYLOADS = [
  'lone \uD800 high surrogate',
  'lone \uDFFF low surrogate',
  'NUL \u0000 byte',
  '\u0000',
  'RTL \u202Egnp.exe override',
  'zero\u200Bwidth\u200D\uFEFFjoiners',
  'keluarga 👩‍👩‍👧‍👦 emoji ZWJ',
  'Z̴̡̛̙̺̹͇͈̟̳̗͎̯̦͍̰͒̊̐͆̊̒̀͑̅̈́̂̓̉̂͂̊̽̚͝a̸lg̷o combining',
  'Cafe\u0301 not NFC',
  'ﬁ ligature Ⅻ compatibility',
  'line\u2028separator\u2029paragraph',
  'tab\tcarriage\rreturn\nnewline',
  `baris\r\n${ICS_MARKER}:1\r\nBEGIN:VEVENT`,
  `=${FORMULA_MARKER}("cmd|' /C calc'!A0")`,
  `+${FORMULA_MARKER}(1)`,
  `@${FORMULA_MARKER}(1)`,
  `-${FORMULA_MARKER}+1`,
  '\u001b[31mANSI escape\u001b[0m',
  '%00%0d%0a%3Cscript%3E',
  "'; DROP TABLE sessions; --",
  '../../../../etc/passwd',
  '𝕊𝕖𝕣𝕒𝕞𝕓𝕚 astral',
  ' ',
  '',
];

/** The body limit is 1 MiB: this is just over it. */
export const HUGE_STRING = 'a'.repeat(1024 * 1024 + 16);

/** Every hostile string for text fields, markup first. */
export const HOSTILE_STRINGS = [...MARKUP_PAYLOADS, ...UNICODE_PAYLOADS];

/** Path segments that are nobody's id: wrong shapes, near misses and encodings. */
export const JUNK_PATH_SEGMENTS = [
  '00000000-0000-0000-0000-000000000000',
  '00000000-0000-0000-0000-00000000000g',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'not-a-uuid',
  '0',
  '-1',
  '99999999999999999999999999',
  '1e308',
  'NaN',
  'null',
  'undefined',
  '%00',
  '%',
  '%E0%A4%A',
  '..%2F..%2Fetc%2Fpasswd',
  '%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E',
  encodeURIComponent('\u0000'),
  // A lone surrogate as its (invalid) UTF-8 bytes: encodeURIComponent refuses to make it.
  '%ED%A0%80',
  encodeURIComponent('👩‍👩‍👧‍👦'),
  encodeURIComponent("'; DROP TABLE sessions; --"),
  'a'.repeat(5000),
  'SRB-0000-0000-0000-0000',
  'srb-ABCD-EFGH-JKMN-PQRS',
  'r_',
  'u_x',
  'r_00000000-0000-0000-0000-000000000000',
];
