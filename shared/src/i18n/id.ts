import { accountsMessages } from './accounts.id.ts';
import { appMessages } from './app.id.ts';
import { attendanceMessages } from './attendance.id.ts';
import { calendarMessages } from './calendar.id.ts';
import { certificatesMessages } from './certificates.id.ts';
import { communitiesMessages } from './communities.id.ts';
import { devicesMessages } from './devices.id.ts';
import { feedbackMessages } from './feedback.id.ts';
import { formsMessages } from './forms.id.ts';
import { healthMessages } from './health.id.ts';
import { materialsMessages } from './materials.id.ts';
import { notificationsMessages } from './notifications.id.ts';
import { problemsMessages } from './problems.id.ts';
import { qaMessages } from './qa.id.ts';
import { recordingsMessages } from './recordings.id.ts';
import { registrationsMessages } from './registrations.id.ts';
import { seriesMessages } from './series.id.ts';
import { sessionsMessages } from './sessions.id.ts';
import { timeMessages } from './time.id.ts';
import type { Translation } from './translation.ts';

/**
 * Indonesian messages, one module per capability (`<capability>.id.ts`): the reference dictionary;
 * `en` must have exactly the same keys, in the same order.
 */
export const id = {
  attendance: attendanceMessages,
  certificates: certificatesMessages,
  feedback: feedbackMessages,
  ...appMessages,
  ...healthMessages,
  ...devicesMessages,
  ...notificationsMessages,
  ...timeMessages,
  ...problemsMessages,
  ...formsMessages,
  ...accountsMessages,
  ...communitiesMessages,
  ...sessionsMessages,
  ...calendarMessages,
  ...registrationsMessages,
  ...seriesMessages,
  ...qaMessages,
  ...recordingsMessages,
  ...materialsMessages,
} as const;

export type Messages = Translation<typeof id>;
