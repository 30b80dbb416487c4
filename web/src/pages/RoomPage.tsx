import { useParams } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { Show } from 'solid-js';
import { useApi } from '../api/ApiProvider.tsx';
import { fetchMyRegistration, myRegistrationQuery } from '../features/registrations/registrations-api.ts';
import { takeEarlyRegistration } from '../features/room/early-entry.ts';
import { RoomView } from '../features/room/RoomView.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { QueryState } from '../ui/QueryState.tsx';

/**
 * The live room. `/live/:ref` for signed-in people (the team, registrants with an account);
 * `/j/:secret/live` for a registrant's personal link, which names the session through the
 * registration and lets them in with its secret.
 */
export default function RoomPage() {
  const params = useParams<{ ref?: string; secret?: string }>();
  return (
    <Show when={params.secret} keyed fallback={<RoomView sessionRef={params.ref ?? ''} />}>
      {(secret) => <RoomByPersonalLink secret={secret} />}
    </Show>
  );
}

function RoomByPersonalLink(props: { secret: string }) {
  const { t } = useI18n();
  const api = useApi();
  // Asked for as the app started (early-entry.ts), when it started on this page.
  const registration = useQuery(() => ({
    ...myRegistrationQuery(api, props.secret),
    queryFn: () => takeEarlyRegistration(props.secret) ?? fetchMyRegistration(api, props.secret),
  }));
  return (
    <QueryState query={registration} notFound={t('myRegistration.linkInvalid')}>
      {(mine) => (
        <Show when={mine().session.slug} keyed>
          {(slug) => <RoomView sessionRef={slug} joinSecret={props.secret} />}
        </Show>
      )}
    </QueryState>
  );
}
