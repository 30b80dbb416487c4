import { z } from '@hono/zod-openapi';

/** The OpenAPI content of a PDF answer. */
export const pdfContent = { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } };

/** A PDF to save: never cached by a shared cache; `private` ones (a holder's) not by the browser either. */
export function pdfHeaders(filename: string, options: { private?: boolean } = {}) {
  return {
    'Content-Type': 'application/pdf',
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': options.private ? 'private, no-store' : 'no-store',
  };
}
