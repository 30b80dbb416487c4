import { z } from '@hono/zod-openapi';
import { certificateVerificationSchema, myCertificateSchema } from '@serambi/shared';
import { clientAddress, clientNetwork } from '../http/client-address.ts';
import { apiRoute, createRouter, jsonResponse, problem } from '../http/openapi.ts';
import { createRateLimiter } from '../http/rate-limit.ts';
import { secretParams } from '../registrations/route-parts.ts';
import type { CertificateDeps } from './deps.ts';
import { pdfContent, pdfHeaders } from './pdf-response.ts';
import { myCertificatePdf, myCertificates, verify } from './service.ts';

const tags = ['Certificates'];

const verifyRoute = apiRoute({
  method: 'get',
  path: '/certificates/verify/{number}',
  tags,
  summary: 'Check a certificate number (public): valid, revoked or replaced; any case, dashes optional',
  request: { params: z.object({ number: z.string().min(1).max(64) }) },
  responses: {
    200: jsonResponse(certificateVerificationSchema, 'The certificate'),
    404: problem('No certificate has this number (code certificate_unknown)'),
    429: problem('Too many checks from one address in a short time'),
  },
});

const mine = apiRoute({
  method: 'get',
  path: '/registrations/{secret}/certificates',
  tags,
  summary: 'The valid certificates of the person behind a personal join link (no account needed)',
  request: { params: secretParams },
  responses: { 200: jsonResponse(z.array(myCertificateSchema), 'Certificates'), 404: problem('The link is not valid') },
});

const minePdf = apiRoute({
  method: 'get',
  path: '/registrations/{secret}/certificates/{number}/pdf',
  tags,
  summary: 'One of them as a PDF',
  request: { params: secretParams.extend({ number: z.string().min(1).max(64) }) },
  responses: {
    200: { description: 'The PDF', content: pdfContent },
    404: problem('The link is not valid, or the certificate is not theirs'),
  },
});

/**
 * Certificates for everyone else: anyone checks a number; the holder of a join link lists and
 * downloads their own (the secret in the path is the credential, no account needed).
 */
export function certificateHolderRoutes(deps: CertificateDeps) {
  // A person checks a handful of numbers; more is a script guessing (80-bit numbers make that futile, this keeps it cheap).
  const checking = createRateLimiter({ burst: 30, everyMs: 2_000, now: deps.now });
  return createRouter()
    .openapi(verifyRoute, async (c) => {
      checking.take(clientNetwork(clientAddress(c)));
      c.header('Cache-Control', 'no-store');
      return c.json(await verify(deps.db, c.req.valid('param').number), 200);
    })
    .openapi(mine, async (c) => {
      c.header('Cache-Control', 'private, no-store');
      return c.json(await myCertificates(deps, c.req.valid('param').secret), 200);
    })
    .openapi(minePdf, async (c) => {
      const { secret, number } = c.req.valid('param');
      const { pdf, row } = await myCertificatePdf(deps, secret, number);
      return c.body(new Uint8Array(pdf), 200, pdfHeaders(`${row.number}.pdf`, { private: true }));
    });
}
