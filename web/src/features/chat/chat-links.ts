/** A piece of a chat message: plain text, or a web address to draw as a link. */
export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

/** Candidates: an http(s) address up to the next space or angle bracket or quote. */
const ADDRESS = /\bhttps?:\/\/[^\s<>"']+/gi;
/** Punctuation that ends a sentence rather than an address ("see https://a.id/x."). */
const TRAILING = /[.,;:!?'"\]}>)]+$/;

/**
 * Splits a message into text and links. Only http and https addresses become links; anything
 * else (javascript:, data:, a bare "www.") stays text, and nothing is ever read as HTML.
 */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let position = 0;
  for (const match of text.matchAll(ADDRESS)) {
    const start = match.index;
    const address = trimTrailing(match[0]);
    const href = safeHref(address);
    if (!href) continue;
    if (start > position) parts.push({ kind: 'text', text: text.slice(position, start) });
    parts.push({ kind: 'link', text: address, href });
    position = start + address.length;
  }
  if (position < text.length) parts.push({ kind: 'text', text: text.slice(position) });
  return mergeText(parts);
}

/** Drops sentence punctuation after an address, keeping a closing parenthesis the address opened. */
function trimTrailing(address: string): string {
  let trimmed = address.replace(TRAILING, '');
  const tail = address.slice(trimmed.length);
  // "https://id.wikipedia.org/wiki/Bali_(pulau)" keeps its own parenthesis.
  if (tail.startsWith(')') && count(trimmed, '(') > count(trimmed, ')')) trimmed += ')';
  return trimmed;
}

const count = (text: string, character: string) => text.split(character).length - 1;

function safeHref(address: string): string | undefined {
  try {
    const url = new URL(address);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function mergeText(parts: TextPart[]): TextPart[] {
  const merged: TextPart[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if (part.kind === 'text' && last?.kind === 'text') last.text += part.text;
    else merged.push(part);
  }
  return merged;
}
