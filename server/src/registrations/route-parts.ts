import { z } from '@hono/zod-openapi';
import { joinSecretSchema } from '@serambi/shared';

/**
 * The path of every route reached by a personal join link (`/registrations/{secret}/…`):
 * registration, feedback, replay, certificates. No cookie: the secret is the credential.
 */
export const secretParams = z.object({ secret: joinSecretSchema });
