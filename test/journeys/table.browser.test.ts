import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aProduct } from '../factories/catalog.js'
import { aShop } from '../factories/shops.js'
import { audit } from '../harness/accessibility.js'
import { browserAvailable } from '../harness/browser.js'
import { ALL_WEEK, startJourney, type Journey } from '../harness/journey.js'
import { systemClock } from '../../src/lib/clock.js'
import type { UserId } from '../../src/lib/ids.js'
import { createResource, setBookableService } from '../../src/modules/bookings/index.js'
import { setWeeklyHours, type Shop } from '../../src/modules/shops/index.js'

const FOUR = { name: 'Inès Garnier', email: 'ines.table@example.fr' }
const EIGHT = { name: 'Paul Lemoine', email: 'paul.groupe@example.fr' }
const platform = undefined as unknown as UserId

/**
 * The table journey in the Debian Chromium, with the real clock and SMTP on loopback (issue #5): a resident books
 * a table for 4 from the bistrot's page, choosing the party size first, and lands on its booking page, « table pour 4 personnes »;
 * another asks for a table for 8 (on request from 6), is told before sending that the restaurant confirms, and
 * lands on « Demande envoyée ». Steps share state and run in order.
 */
describe.runIf(browserAvailable())('table journey in the browser', () => {
  let journey: Journey
  let bistrot: Shop

  beforeAll(async () => {
    journey = await startJourney('sqlite')
    const { db } = journey
    const deps = { db, clock: systemClock }
    bistrot = await aShop(db, { name: 'Bistrot du Port', kind: 'restaurant' }, systemClock)
    await setWeeklyHours(deps, platform, bistrot.id, ALL_WEEK)
    const two = await createResource(deps, bistrot.id, {
      name: 'Table 1',
      kind: 'resource',
      seats: { min: 1, max: 2 },
    })
    const four = await createResource(deps, bistrot.id, {
      name: 'Table 2',
      kind: 'resource',
      seats: { min: 2, max: 4 },
    })
    const eight = await createResource(deps, bistrot.id, {
      name: 'Grande table',
      kind: 'resource',
      seats: { min: 4, max: 8 },
    })
    const lunch = await aProduct(
      db,
      bistrot.id,
      {
        name: 'Déjeuner',
        kind: 'service',
        variants: [{ name: 'Menu du jour', priceCents: 2200, durationMinutes: 90 }],
      },
      { clock: systemClock },
    )
    // Bookable from 3 hours ahead, cancellable online until 2 hours before; 8 people online, from 6 on request.
    await setBookableService(deps, bistrot.id, lunch.variants[0]!.id, {
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      stepMinutes: 30,
      noticeMinutes: 180,
      horizonDays: 14,
      cancelHoursBefore: 2,
      resourceIds: [eight.id, four.id, two.id],
      party: { maxParty: 8, onRequestFrom: 6, durations: [{ fromParty: 5, minutes: 120 }] },
    })
  })

  afterAll(async () => journey?.stop())

  /** The lunch's page from the bistrot's, the party size chosen with the select and its button (no JavaScript needed). */
  async function lunchFor(context: BrowserContext, size: number): Promise<Page> {
    const page = await context.newPage()
    await page.goto(`${journey.baseUrl}/commerces/${bistrot.slug}`)
    await page.getByRole('link', { name: 'Réserver une table' }).click()
    await page.getByRole('link', { name: /Déjeuner/ }).click()
    await expect.poll(() => page.getByText('Tables libres pour 2 personnes').count()).toBe(1)
    expect(await page.getByLabel('Avec').count()).toBe(0)
    await page.getByLabel('Nombre de personnes').selectOption(String(size))
    await page.getByRole('button', { name: 'Voir les tables libres' }).click()
    await expect.poll(() => page.getByText(`Tables libres pour ${size} personnes`).count()).toBe(1)
    return page
  }

  async function fillAndSend(
    page: Page,
    who: { name: string; email: string },
    button: string,
  ): Promise<string> {
    const first = page.locator('input[name="startsAt"]').first()
    const value = (await first.getAttribute('value'))!
    await first.check()
    await page.getByRole('textbox', { name: 'Nom', exact: true }).fill(who.name)
    await page.getByLabel('E-mail').fill(who.email)
    await page.getByRole('button', { name: button }).click()
    await page.waitForURL(/\/reservations\/[0-9A-Z]+\/annulation\?jeton=.+&nouvelle=1$/)
    return value.split('|')[0]!
  }

  it(
    'books a table for 4, choosing the party size first, and lands on its booking page, « table pour 4 personnes »',
    { timeout: 60_000 },
    async () => {
      const page = await lunchFor(await journey.phoneContext(), 4)
      expect(await page.getByText('le restaurant confirme votre demande').count()).toBe(0)
      // The tables free for the party, the form and « Vos droits », at phone width (UX-27, UX-30).
      expect(await audit(page)).toEqual({ serious: [], overflow: 0 })
      const startsAt = await fillAndSend(page, FOUR, 'Réserver')
      await expect.poll(() => page.getByText('table pour 4 personnes').count()).toBe(1)
      expect(await page.getByText('Réservation confirmée.').count()).toBe(1)
      const row = await journey.db
        .selectFrom('bookings')
        .select(['starts_at', 'status', 'party_size', 'resource_name'])
        .where('contact_email', '=', FOUR.email)
        .executeTakeFirstOrThrow()
      expect(row).toEqual({
        starts_at: startsAt,
        status: 'confirmed',
        party_size: 4,
        resource_name: 'Table 2',
      })
      expect((await journey.waitForMails(FOUR.email, 1))[0]!.subject).toMatch(
        /^Réservation confirmée : Déjeuner/,
      )
    },
  )

  it(
    'asks for a table for 8: told the restaurant confirms, then « Demande envoyée », the booking a request',
    { timeout: 60_000 },
    async () => {
      const page = await lunchFor(await journey.phoneContext(), 8)
      await expect
        .poll(() =>
          page
            .getByText(
              'Pour 6 personnes et plus, le restaurant confirme votre demande (vous recevez un e-mail).',
            )
            .count(),
        )
        .toBe(1)
      await fillAndSend(page, EIGHT, 'Envoyer ma demande')
      await expect.poll(() => page.getByText('Demande envoyée.').count()).toBe(1)
      expect(await page.getByText('table pour 8 personnes').count()).toBe(1)
      expect(await page.getByText('Réservation confirmée').count()).toBe(0)
      const row = await journey.db
        .selectFrom('bookings')
        .select(['status', 'party_size', 'resource_name'])
        .where('contact_email', '=', EIGHT.email)
        .executeTakeFirstOrThrow()
      expect(row).toEqual({ status: 'requested', party_size: 8, resource_name: 'Grande table' })
      expect((await journey.waitForMails(EIGHT.email, 1))[0]!.subject).toMatch(
        /^Demande de réservation reçue : Déjeuner/,
      )
      expect(journey.pageErrors).toEqual([])
      expect(journey.workerErrors).toEqual([])
    },
  )
})
