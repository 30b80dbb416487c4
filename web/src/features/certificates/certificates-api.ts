import type {
  Certificate,
  CertificateProgram,
  IssueCertificateRequest,
  ReissueCertificateRequest,
  RevokeCertificateRequest,
  UpdateCertificateProgramRequest,
} from '@serambi/shared';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/solid-query';
import { useApi } from '../../api/ApiProvider.tsx';
import type { ApiClient } from '../../api/client.ts';
import { expectNoContent, expectSuccess } from '../../api/problem.ts';

/** Whose certificates: a session's (by its slug) or a series' (by its id). */
export type CertificateOwner = { ref: string } | { seriesId: string };

export const certificateKeys = {
  program: (owner: CertificateOwner) =>
    'ref' in owner
      ? (['sessions', owner.ref, 'certificates', 'program'] as const)
      : (['series', owner.seriesId, 'certificates', 'program'] as const),
  list: (owner: CertificateOwner) =>
    'ref' in owner
      ? (['sessions', owner.ref, 'certificates', 'list'] as const)
      : (['series', owner.seriesId, 'certificates', 'list'] as const),
};

/** The program in effect: the session's own, or the series' it follows (`inherited`). */
export const certificateProgramQuery = (api: ApiClient, owner: CertificateOwner) =>
  queryOptions({
    queryKey: certificateKeys.program(owner),
    queryFn: async (): Promise<CertificateProgram> =>
      'ref' in owner
        ? expectSuccess(await api.sessions[':ref'].certificates.program.$get({ param: { ref: owner.ref } }))
        : expectSuccess(await api.series[':id'].certificates.program.$get({ param: { id: owner.seriesId } })),
  });

/** Mails go out from a job: a certificate issued a moment ago is looked at again until it says "mailed". */
const MAILING_POLL_MS = 5_000;
const MAILING_WINDOW_MS = 10 * 60_000;

export const certificatesQuery = (api: ApiClient, owner: CertificateOwner, options: { polling?: boolean } = {}) =>
  queryOptions({
    queryKey: certificateKeys.list(owner),
    queryFn: async (): Promise<Certificate[]> =>
      'ref' in owner
        ? expectSuccess(await api.sessions[':ref'].certificates.$get({ param: { ref: owner.ref } }))
        : expectSuccess(await api.series[':id'].certificates.$get({ param: { id: owner.seriesId } })),
    refetchInterval: (query: { state: { data?: Certificate[] } }) =>
      options.polling || query.state.data?.some(awaitingMail) ? MAILING_POLL_MS : false,
  });

function awaitingMail(certificate: Certificate): boolean {
  return (
    certificate.status === 'valid' &&
    certificate.mailedAt === null &&
    Date.now() - Date.parse(certificate.issuedAt) < MAILING_WINDOW_MS
  );
}

export function useSaveCertificateProgram(owner: () => CertificateOwner) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async (json: UpdateCertificateProgramRequest): Promise<CertificateProgram> => {
      const of = owner();
      return 'ref' in of
        ? expectSuccess(await api.sessions[':ref'].certificates.program.$put({ param: { ref: of.ref }, json }))
        : expectSuccess(await api.series[':id'].certificates.program.$put({ param: { id: of.seriesId }, json }));
    },
    onSuccess: (program) => {
      queryClient.setQueryData(certificateKeys.program(owner()), program);
      // A series' program is what its sessions without one of their own follow.
      if ('seriesId' in owner()) {
        void queryClient.invalidateQueries({
          predicate: (query) => query.queryKey[0] === 'sessions' && query.queryKey[3] === 'program',
        });
      }
    },
  }));
}

/** A session gives up its own program and follows its series' again. */
export function useFollowSeriesProgram(ref: () => string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async () =>
      expectNoContent(await api.sessions[':ref'].certificates.program.$delete({ param: { ref: ref() } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: certificateKeys.program({ ref: ref() }) }),
  }));
}

/** Issues one by hand (name and email), mailed unless asked not to. */
export function useIssueCertificate(ref: () => string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: async (json: IssueCertificateRequest): Promise<Certificate> =>
      expectSuccess(await api.sessions[':ref'].certificates.$post({ param: { ref: ref() }, json })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: certificateKeys.list({ ref: ref() }) }),
  }));
}

/** Applies the rule now (a job does it): after turning certificates on once the session has ended. */
export function useIssueByRule(ref: () => string) {
  const api = useApi();
  return useMutation(() => ({
    mutationFn: async () => expectSuccess(await api.sessions[':ref'].certificates.run.$post({ param: { ref: ref() } })),
  }));
}

export function useReissueCertificate() {
  const api = useApi();
  return useMutation(() => ({
    mutationFn: async (input: { id: string } & ReissueCertificateRequest): Promise<Certificate> => {
      const { id, ...json } = input;
      return expectSuccess(await api.certificates[':id'].reissue.$post({ param: { id }, json }));
    },
  }));
}

export function useRevokeCertificate() {
  const api = useApi();
  return useMutation(() => ({
    mutationFn: async (input: { id: string } & RevokeCertificateRequest): Promise<Certificate> => {
      const { id, ...json } = input;
      return expectSuccess(await api.certificates[':id'].revoke.$post({ param: { id }, json }));
    },
  }));
}
