import type { Db } from '../../db/index.js'
import type { ShopId, VariantId } from '../../lib/ids.js'
import { findSellableVariants } from '../catalog/index.js'
import { invalidService, notAService, resourceNotFound, serviceNotBookable } from './errors.js'
import { listResources } from './resources.js'
import { checkPartySettings } from './party.js'
import { checkDepositPolicy, checkServiceSettings } from './rules.js'
import type { BookableService, DepositPolicy, ServiceSettings } from './types.js'
import type { BookingsDeps } from './deps.js'

/**
 * A shop makes one of its catalog services bookable, or changes its settings: buffers, the step between start
 * times, notice, horizon, cancellation deadline, the resources that perform it, and for a service booked by party
 * (tables) the party sizes it takes, and the guarantee a booking leaves (UX-16: none, a card hold, a deposit, a
 * prepayment). Throws bookings.invalid_service (fields, deposit.* included), bookings.not_a_service (field
 * variantId) or bookings.resource_not_found.
 */
export async function setBookableService(
  deps: BookingsDeps,
  shopId: ShopId,
  variantId: string,
  settings: ServiceSettings,
): Promise<BookableService> {
  const deposit: DepositPolicy = settings.deposit ?? { kind: 'none' }
  const problems = [...checkServiceSettings(settings), ...checkDepositPolicy(deposit)]
  if (problems.length > 0) throw invalidService(problems)
  const variant = (await findSellableVariants(deps.db, [variantId])).get(variantId as VariantId)
  // Another shop's variant is answered like an unknown one.
  if (
    !variant ||
    variant.shopId !== shopId ||
    variant.kind !== 'service' ||
    variant.durationMinutes === undefined
  )
    throw notAService()
  // A deposit or prepayment of a free service would take nothing: the shop means a card hold.
  if ((deposit.kind === 'deposit' || deposit.kind === 'prepayment') && variant.priceCents <= 0)
    throw invalidService([{ field: 'deposit.kind', code: 'free_service' }])
  const known = new Map((await listResources(deps.db, shopId)).map((r) => [r.id, r]))
  if (settings.resourceIds.some((id) => !known.has(id))) throw resourceNotFound('resourceIds')
  const party = settings.party
  if (party) {
    const partyProblems = checkPartySettings(
      party,
      settings.resourceIds.map((id) => known.get(id)!),
    )
    if (partyProblems.length > 0) throw invalidService(partyProblems)
  }
  const row = {
    variant_id: variant.variantId,
    shop_id: shopId,
    buffer_before_minutes: settings.bufferBeforeMinutes,
    buffer_after_minutes: settings.bufferAfterMinutes,
    step_minutes: settings.stepMinutes,
    notice_minutes: settings.noticeMinutes,
    horizon_days: settings.horizonDays,
    cancel_hours_before: settings.cancelHoursBefore,
    updated_at: deps.clock.now().toISOString(),
    party_max: party?.maxParty ?? null,
    on_request_from: party?.onRequestFrom ?? null,
    deposit_kind: deposit.kind,
    deposit_percent: deposit.kind === 'deposit' ? deposit.percent : null,
    deposit_amount_cents: deposit.kind === 'card_hold' ? deposit.amountCents : null,
  }
  await deps.db.transaction().execute(async (trx) => {
    const { variant_id: _, shop_id: __, ...changes } = row
    await trx
      .insertInto('bookable_services')
      .values(row)
      .onConflict((oc) => oc.column('variant_id').doUpdateSet(changes))
      .execute()
    await trx.deleteFrom('service_resources').where('variant_id', '=', variant.variantId).execute()
    await trx
      .insertInto('service_resources')
      .values(
        settings.resourceIds.map((resourceId) => ({
          variant_id: variant.variantId,
          resource_id: resourceId,
        })),
      )
      .execute()
    await trx.deleteFrom('service_party_durations').where('variant_id', '=', variant.variantId).execute()
    if (party && party.durations.length > 0) {
      await trx
        .insertInto('service_party_durations')
        .values(
          party.durations.map((d) => ({
            variant_id: variant.variantId,
            party_from: d.fromParty,
            duration_minutes: d.minutes,
          })),
        )
        .execute()
    }
  })
  return getBookableService(deps.db, variant.variantId)
}

/** A bookable service with its catalog name, price and duration. Throws bookings.service_not_bookable. */
export async function getBookableService(db: Db, variantId: string): Promise<BookableService> {
  const found = (await findBookableServices(db, { variantId }))[0]
  if (!found) throw serviceNotBookable()
  return found
}

/** The shop's bookable services, by name; those hidden in the catalog only with `withHidden` (the shop's view). */
export async function listBookableServices(
  db: Db,
  shopId: ShopId,
  options: { withHidden?: boolean } = {},
): Promise<BookableService[]> {
  return (await findBookableServices(db, { shopId })).filter((s) => s.onSale || options.withHidden)
}

async function findBookableServices(
  db: Db,
  where: { variantId?: string; shopId?: ShopId },
): Promise<BookableService[]> {
  let query = db.selectFrom('bookable_services').selectAll()
  if (where.variantId) query = query.where('variant_id', '=', where.variantId)
  if (where.shopId) query = query.where('shop_id', '=', where.shopId)
  const rows = await query.execute()
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.variant_id)
  const [variants, links, durations] = await Promise.all([
    findSellableVariants(db, ids),
    db.selectFrom('service_resources').selectAll().where('variant_id', 'in', ids).execute(),
    db
      .selectFrom('service_party_durations')
      .selectAll()
      .where('variant_id', 'in', ids)
      .orderBy('party_from')
      .execute(),
  ])
  const services: BookableService[] = []
  for (const row of rows) {
    const variant = variants.get(row.variant_id as VariantId)
    if (!variant || variant.durationMinutes === undefined) continue
    services.push({
      variantId: variant.variantId,
      shopId: row.shop_id as ShopId,
      productName: variant.productName,
      variantName: variant.variantName,
      durationMinutes: variant.durationMinutes,
      priceCents: variant.priceCents,
      onSale: variant.published,
      withdrawalException: variant.withdrawalException,
      bufferBeforeMinutes: row.buffer_before_minutes,
      bufferAfterMinutes: row.buffer_after_minutes,
      stepMinutes: row.step_minutes,
      noticeMinutes: row.notice_minutes,
      horizonDays: row.horizon_days,
      cancelHoursBefore: row.cancel_hours_before,
      resourceIds: links.filter((l) => l.variant_id === row.variant_id).map((l) => l.resource_id),
      party:
        row.party_max === null
          ? undefined
          : {
              maxParty: row.party_max,
              onRequestFrom: row.on_request_from ?? undefined,
              durations: durations
                .filter((d) => d.variant_id === row.variant_id)
                .map((d) => ({ fromParty: d.party_from, minutes: d.duration_minutes })),
            },
      deposit: toDepositPolicy(row),
    })
  }
  return services.sort(
    (a, b) =>
      a.productName.localeCompare(b.productName, 'fr') || a.variantName.localeCompare(b.variantName, 'fr'),
  )
}

/**
 * The shop stops taking bookings for a service online: its settings go, the bookings already made stay.
 * Throws bookings.service_not_bookable (not bookable, or another shop's).
 */
export async function removeBookableService(
  deps: BookingsDeps,
  shopId: ShopId,
  variantId: string,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const owned = await trx
      .selectFrom('bookable_services')
      .select('variant_id')
      .where('variant_id', '=', variantId)
      .where('shop_id', '=', shopId)
      .executeTakeFirst()
    if (!owned) throw serviceNotBookable()
    await trx.deleteFrom('service_resources').where('variant_id', '=', owned.variant_id).execute()
    await trx.deleteFrom('service_party_durations').where('variant_id', '=', owned.variant_id).execute()
    await trx
      .deleteFrom('bookable_services')
      .where('variant_id', '=', owned.variant_id)
      .where('shop_id', '=', shopId)
      .execute()
  })
}

function toDepositPolicy(row: {
  deposit_kind: string
  deposit_percent: number | null
  deposit_amount_cents: number | null
}): DepositPolicy {
  if (row.deposit_kind === 'card_hold')
    return { kind: 'card_hold', amountCents: row.deposit_amount_cents ?? 0 }
  if (row.deposit_kind === 'deposit') return { kind: 'deposit', percent: row.deposit_percent ?? 0 }
  if (row.deposit_kind === 'prepayment') return { kind: 'prepayment' }
  return { kind: 'none' }
}
