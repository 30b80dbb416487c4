import type { CertificateVerification } from '@serambi/shared';
import { queryOptions } from '@tanstack/solid-query';
import type { ApiClient } from '../../api/client.ts';
import { expectSuccess } from '../../api/problem.ts';

export const verifyKeys = {
  number: (number: string) => ['certificates', 'verify', number] as const,
};

/** What the public verification says about one number; an unknown number is a 404 problem `certificate_unknown`. */
export const verificationQuery = (api: ApiClient, number: string) =>
  queryOptions({
    queryKey: verifyKeys.number(number),
    queryFn: async (): Promise<CertificateVerification> =>
      expectSuccess(await api.certificates.verify[':number'].$get({ param: { number } })),
  });
