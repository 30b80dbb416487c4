import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/postgres.ts';
import { users } from '../accounts/schema.ts';
import { type DatabaseHandle, openDatabase } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import { acceptOrganizerInvitation, inviteOrganizer } from './invitations.ts';
import { communities } from './schema.ts';
import { createCommunity, findCommunityBySlug } from './service.ts';

const engines = ['pglite', 'postgres'] as const;

describe.each(engines)('communities on %s', (engine) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await openDatabase(
      engine === 'pglite'
        ? { kind: 'pglite', dir: 'memory://' }
        : { kind: 'postgres', url: await createTestDatabase() },
    );
  });
  afterAll(() => handle.close());

  async function anOrganizer(email: string, { confirmed = false } = {}) {
    const [user] = await handle.db
      .insert(users)
      .values({ name: 'Ayu Lestari', email, emailVerified: confirmed })
      .returning();
    if (!user) throw new Error('no user');
    return user;
  }

  it('creates a community with its owner and finds it by slug', async () => {
    const owner = await anOrganizer('ayu@example.id');
    const created = await createCommunity(
      handle.db,
      {
        slug: 'komunitas-bisnis-bali',
        name: 'Komunitas Bisnis Bali',
        description: 'Berbagi tiap Minggu',
        timeZone: 'Asia/Makassar',
      },
      owner.id,
    );
    const found = await findCommunityBySlug(handle.db, 'komunitas-bisnis-bali');
    const { role, ...community } = created;
    expect(role).toBe('owner');
    expect(found).toEqual(community);
    expect(found).toMatchObject({ name: 'Komunitas Bisnis Bali', timeZone: 'Asia/Makassar', logoUrl: null });
  });

  it('answers a taken slug with a conflict that names it, and keeps the first community', async () => {
    const owner = await anOrganizer('budi@example.id');
    await createCommunity(
      handle.db,
      { slug: 'relawan-sby', name: 'Relawan Surabaya', timeZone: 'Asia/Jakarta' },
      owner.id,
    );
    const second = createCommunity(
      handle.db,
      { slug: 'relawan-sby', name: 'Another', timeZone: 'Asia/Jakarta' },
      owner.id,
    );
    await expect(second).rejects.toMatchObject({ status: 409, code: 'conflict' });
    await expect(second).rejects.toThrow(AppError);
    await expect(findCommunityBySlug(handle.db, 'relawan-sby')).resolves.toMatchObject({ name: 'Relawan Surabaya' });
  });

  it('keeps an owner who accepts an organizer invitation an owner, and makes an organizer invited as owner one', async () => {
    const owner = await anOrganizer('citra@example.id', { confirmed: true });
    const dewi = await anOrganizer('dewi@example.id', { confirmed: true });
    const { id } = await createCommunity(handle.db, { slug: 'kelas-citra', name: 'Kelas Citra' }, owner.id);
    const [community] = await handle.db.select().from(communities).where(eq(communities.id, id));
    if (!community) throw new Error('no community');
    const accepting = async (who: typeof owner, role: 'owner' | 'organizer') => {
      const { secret } = await inviteOrganizer(handle.db, community, { email: who.email, role }, owner, new Date());
      return (await acceptOrganizerInvitation(handle.db, secret, who, new Date())).role;
    };
    expect(await accepting(owner, 'organizer')).toBe('owner');
    expect(await accepting(dewi, 'organizer')).toBe('organizer');
    expect(await accepting(dewi, 'owner')).toBe('owner');
    expect(await accepting(dewi, 'organizer')).toBe('owner');
  });

  it('says not found for an unknown slug', async () => {
    await expect(findCommunityBySlug(handle.db, 'tidak-ada')).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });
});
