import { useParams } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { Show } from 'solid-js';
import { useApi } from '../api/ApiProvider.tsx';
import { registrationKeys } from '../features/registrations/registration-keys.ts';
import { earlySessionRef } from '../features/room/early-entry.ts';
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
  // The join made as the app started names the session (early-entry.ts); when it was refused,
  // the registration does, and the room shows the refusal when it takes that join.
  const sessionRef = useQuery(() => ({
    queryKey: [...registrationKeys.mine(props.secret), 'session'],
    queryFn: async () => {
      const early = earlySessionRef(props.secret);
      const joined = early && (await early.catch(() => undefined));
      if (joined) return joined;
      // Only when the early join was refused: its code is not part of the way to the first frame.
      const { fetchMyRegistration } = await import('../features/registrations/registrations-api.ts');
      return (await fetchMyRegistration(api, props.secret)).session.slug;
    },
  }));
  return (
    <QueryState query={sessionRef} notFound={t('myRegistration.linkInvalid')}>
      {(slug) => (
        <Show when={slug()} keyed>
          {(ref) => <RoomView sessionRef={ref} joinSecret={props.secret} />}
        </Show>
      )}
    </QueryState>
  );
}
