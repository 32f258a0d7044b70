import type { Db } from '../../src/db/index.js'
import { fixedClock, type Clock } from '../../src/lib/clock.js'
import type { ShopId } from '../../src/lib/ids.js'
import type { SignUpInput, User } from '../../src/modules/identity/index.js'
import {
  addStaffMember,
  createShop,
  type Shop,
  type ShopProfileInput,
  type StaffRole,
} from '../../src/modules/shops/index.js'
import { aUser } from './users.js'

const suffix = () => Math.random().toString(36).slice(2, 10)

/** A valid shop profile with a unique name; pure, for rule tests and as the base of aShop. */
export function aShopProfile(overrides: Partial<ShopProfileInput> = {}): ShopProfileInput {
  return {
    name: `Boutique ${suffix()}`,
    kind: 'boulangerie',
    tagline: 'Du pain cuit sur place',
    description: 'Une boutique du centre-ville.',
    street: '12 rue du Marché',
    postalCode: '49000',
    city: 'Angers',
    phone: '02 41 00 00 00',
    email: `contact-${suffix()}@example.fr`,
    timeZone: 'Europe/Paris',
    siret: '73282932000074',
    pickupInstructions: 'Au comptoir',
    ...overrides,
  }
}

/** A shop created through the shops module, with unique name and slug. */
export async function aShop(
  db: Db,
  overrides: Partial<ShopProfileInput> & { slug?: string } = {},
  clock: Clock = fixedClock('2026-05-04T08:00:00Z'),
): Promise<Shop> {
  const { slug, ...profile } = overrides
  return createShop({ db, clock }, { ...aShopProfile(profile), ...(slug ? { slug } : {}) })
}

/** A new account on the staff of `shopId` (or its owner); the password is returned so tests can sign in. */
export async function aStaffMember(
  db: Db,
  shopId: ShopId,
  role: StaffRole = 'staff',
  user: Partial<SignUpInput> = {},
  clock: Clock = fixedClock('2026-05-04T08:00:00Z'),
): Promise<User & { password: string }> {
  const member = await aUser(db, user, clock)
  await addStaffMember(db, shopId, member.id, role)
  return member
}
