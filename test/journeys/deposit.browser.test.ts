import type { BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aProduct } from '../factories/catalog.js'
import { aShop } from '../factories/shops.js'
import { browserAvailable } from '../harness/browser.js'
import { ALL_WEEK, startJourney, type Journey } from '../harness/journey.js'
import { systemClock } from '../../src/lib/clock.js'
import type { UserId } from '../../src/lib/ids.js'
import { createResource, setBookableService } from '../../src/modules/bookings/index.js'
import { setWeeklyHours, type Shop } from '../../src/modules/shops/index.js'

const RESIDENT = { name: 'Camille Martin', email: 'camille.empreinte@example.fr' }
const platform = undefined as unknown as UserId

/**
 * A booking with a card hold in the Debian Chromium (UX-16): the resident reads the hold and its amount before the
 * button, tries a declined test card (the form again, nothing booked), then an accepted one; the confirmation mail
 * states the hold. Steps share state and run in order.
 */
describe.runIf(browserAvailable())('booking with a card hold in the browser', () => {
  let journey: Journey
  let resident: BrowserContext
  let salon: Shop

  beforeAll(async () => {
    journey = await startJourney('sqlite')
    const { db } = journey
    const deps = { db, clock: systemClock }
    salon = await aShop(db, { name: 'Salon Garantie', kind: 'coiffure' }, systemClock)
    await setWeeklyHours(deps, platform, salon.id, ALL_WEEK)
    const lea = await createResource(deps, salon.id, { name: 'Léa', kind: 'staff' })
    const haircut = await aProduct(
      db,
      salon.id,
      {
        name: 'Coupe femme',
        kind: 'service',
        variants: [{ name: 'Cheveux longs', priceCents: 5000, durationMinutes: 60 }],
      },
      { clock: systemClock },
    )
    await setBookableService(deps, salon.id, haircut.variants[0]!.id, {
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      stepMinutes: 30,
      noticeMinutes: 180,
      horizonDays: 14,
      cancelHoursBefore: 2,
      resourceIds: [lea.id],
      deposit: { kind: 'card_hold', amountCents: 2000 },
    })
    resident = await journey.phoneContext()
  })

  afterAll(async () => journey?.stop())

  it(
    'shows the hold before the button, refuses a declined test card with nothing booked, then books with an accepted one',
    { timeout: 60_000 },
    async () => {
      const page = await resident.newPage()
      await page.goto(`${journey.baseUrl}/commerces/${salon.slug}/rendez-vous`)
      await page.getByRole('link', { name: /Coupe femme/ }).click()
      await expect
        .poll(() =>
          page
            .getByText(
              /Empreinte bancaire de 20,00\s€ : rien n’est débité si vous venez ou annulez jusqu’à 2 h avant le rendez-vous/,
            )
            .count(),
        )
        .toBe(1)
      await page.locator('input[name="startsAt"]').first().check()
      await page.getByLabel('Nom').fill(RESIDENT.name)
      await page.getByLabel('E-mail').fill(RESIDENT.email)
      await page.getByLabel('Carte de test refusée').check()
      await page.getByRole('button', { name: 'Réserver avec empreinte bancaire' }).click()
      await expect.poll(() => page.getByText('Votre carte a été refusée').count()).toBeGreaterThan(0)
      expect(await journey.db.selectFrom('bookings').select('status').execute()).toEqual([
        { status: 'payment_failed' },
      ])
      // What was typed is kept; the time is still offered, since nothing was booked.
      expect(await page.getByLabel('E-mail').inputValue()).toBe(RESIDENT.email)
      await page.locator('input[name="startsAt"]').first().check()
      await page.getByLabel('Carte de test acceptée').check()
      await page.getByRole('button', { name: 'Réserver avec empreinte bancaire' }).click()
      await page.waitForURL(/\/reservations\/[0-9A-Z]+\/annulation\?jeton=.+&nouvelle=1$/)
      const booked = await journey.db
        .selectFrom('bookings')
        .select(['id', 'deposit_kind', 'deposit_cents'])
        .where('status', '=', 'confirmed')
        .executeTakeFirstOrThrow()
      expect([booked.deposit_kind, booked.deposit_cents]).toEqual(['card_hold', 2000])
      const payment = await journey.db
        .selectFrom('payments')
        .select('status')
        .where('booking_id', '=', booked.id)
        .executeTakeFirstOrThrow()
      expect(payment.status).toBe('authorized')
    },
  )

  it(
    'confirms by mail with the hold and until when cancelling costs nothing',
    { timeout: 60_000 },
    async () => {
      const [confirmation] = await journey.waitForMails(RESIDENT.email, 1)
      expect(confirmation!.text!.replace(/[\u202f\u00a0]/g, ' ')).toMatch(
        /Empreinte bancaire de 20,00 € : rien n’est débité si vous venez ou annulez avant le .+\. Si vous ne venez pas, les 20,00 € sont débités\./,
      )
      expect(journey.pageErrors).toEqual([])
      expect(journey.workerErrors).toEqual([])
    },
  )
})
