import type { MyCertificate } from '@serambi/shared';
import { queryOptions } from '@tanstack/solid-query';
import type { ApiClient } from '../../api/client.ts';
import { expectSuccess } from '../../api/problem.ts';

export const myCertificateKeys = {
  bySecret: (secret: string) => ['registrations', secret, 'certificates'] as const,
};

/** The certificates of the holder of a personal join link (the secret lets them in, no account). */
export const myCertificatesQuery = (api: ApiClient, secret: string) =>
  queryOptions({
    queryKey: myCertificateKeys.bySecret(secret),
    queryFn: async (): Promise<MyCertificate[]> =>
      expectSuccess(await api.registrations[':secret'].certificates.$get({ param: { secret } })),
  });

/** The PDF's address as the browser fetches it: the API answers under /api. */
export const pdfHref = (certificate: Pick<MyCertificate, 'pdfUrl'>) =>
  /^https?:\/\//.test(certificate.pdfUrl) ? certificate.pdfUrl : `/api${certificate.pdfUrl}`;
