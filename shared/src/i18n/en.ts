import { accountsMessages } from './accounts.en.ts';
import { appMessages } from './app.en.ts';
import { attendanceMessages } from './attendance.en.ts';
import { calendarMessages } from './calendar.en.ts';
import { certificatesMessages } from './certificates.en.ts';
import { communitiesMessages } from './communities.en.ts';
import { devicesMessages } from './devices.en.ts';
import { feedbackMessages } from './feedback.en.ts';
import { formsMessages } from './forms.en.ts';
import { healthMessages } from './health.en.ts';
import type { Messages } from './id.ts';
import { materialsMessages } from './materials.en.ts';
import { notificationsMessages } from './notifications.en.ts';
import { problemsMessages } from './problems.en.ts';
import { qaMessages } from './qa.en.ts';
import { recordingsMessages } from './recordings.en.ts';
import { registrationsMessages } from './registrations.en.ts';
import { seriesMessages } from './series.en.ts';
import { sessionsMessages } from './sessions.en.ts';
import { timeMessages } from './time.en.ts';

/** English messages, composed as id.ts composes the Indonesian ones. */
export const en: Messages = {
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
};
