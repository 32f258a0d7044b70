import { newId, type ShopId } from '../../lib/ids.js'
import { slugify } from '../../lib/slug.js'
import { compactDigits } from '../../lib/siret.js'
import { checkShopProfile } from './rules.js'
import { invalidProfile, slugTaken } from './errors.js'
import { selectShop } from './shop.repo.js'
import type { Shop, ShopProfileInput } from './types.js'
import type { ShopsDeps } from './deps.js'

/** Onboards a shop (coordinator or seed). Throws shops.invalid_profile or shops.slug_taken. */
export async function createShop(
  deps: ShopsDeps,
  input: ShopProfileInput & { slug?: string },
): Promise<Shop> {
  const problems = checkShopProfile(input)
  if (problems.length > 0) throw invalidProfile(problems)
  const id = newId<ShopId>()
  const now = deps.clock.now().toISOString()
  const slug = input.slug ?? slugify(`${input.name} ${input.city}`)
  const inserted = await deps.db
    .insertInto('shops')
    .values({ id, slug, ...profileColumns(input), created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('slug').doNothing())
    .executeTakeFirst()
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) throw slugTaken()
  const shop = await selectShop(deps.db, id)
  if (!shop) throw new Error('shop vanished after insert')
  return shop
}

export function profileColumns(input: ShopProfileInput) {
  return {
    name: input.name.trim(),
    kind: input.kind,
    tagline: input.tagline.trim(),
    description: input.description.trim(),
    street: input.street.trim(),
    postal_code: input.postalCode.trim(),
    city: input.city.trim(),
    phone: input.phone.trim(),
    email: input.email.trim().toLowerCase(),
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    time_zone: input.timeZone ?? 'Europe/Paris',
    siret: input.siret ? compactDigits(input.siret) : null,
    vat_number: input.vatNumber ? compactDigits(input.vatNumber) : null,
    pickup_instructions: input.pickupInstructions.trim(),
    stock_freshness_hours: input.stockFreshnessHours ?? 48,
  }
}
