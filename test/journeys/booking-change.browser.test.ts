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

const RESIDENT = { name: 'Lou Bernard', email: 'lou.deplace@example.fr' }
const platform = undefined as unknown as UserId

/**
 * The resident moves their own booking in the Debian Chromium, with the real clock and SMTP on loopback (issue #5,
 * UX-15): they book a haircut, follow "Changer l’horaire" from the booking's page, pick another time, land on the
 * booking moved; the email says they asked for it and carries new links, and the old link opens nothing. Steps
 * share state and run in order.
 */
describe.runIf(browserAvailable())('moving a booking by its link, in the browser', () => {
  let journey: Journey
  let resident: BrowserContext
  let salon: Shop
  let bookingId = ''
  let firstLink = ''
  let chosen = ''

  beforeAll(async () => {
    journey = await startJourney('sqlite')
    const { db } = journey
    const deps = { db, clock: systemClock }
    salon = await aShop(db, { name: 'Salon Bellevue', kind: 'coiffure' }, systemClock)
    await setWeeklyHours(deps, platform, salon.id, ALL_WEEK)
    const lea = await createResource(deps, salon.id, { name: 'Léa', kind: 'staff' })
    const hugo = await createResource(deps, salon.id, { name: 'Hugo', kind: 'staff' })
    const haircut = await aProduct(
      db,
      salon.id,
      {
        name: 'Coupe homme',
        kind: 'service',
        variants: [{ name: 'Classique', priceCents: 2200, durationMinutes: 30 }],
      },
      { clock: systemClock },
    )
    // Bookable from 3 hours ahead, movable online until 2 hours before: the links still work when the journey uses them.
    await setBookableService(deps, salon.id, haircut.variants[0]!.id, {
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      stepMinutes: 30,
      noticeMinutes: 180,
      horizonDays: 14,
      cancelHoursBefore: 2,
      resourceIds: [lea.id, hugo.id],
    })
    resident = await journey.phoneContext()
  })

  afterAll(async () => journey?.stop())

  it('books a haircut and finds “Changer l’horaire” on the booking’s page', { timeout: 60_000 }, async () => {
    const page = await resident.newPage()
    await page.goto(`${journey.baseUrl}/commerces/${salon.slug}/rendez-vous`)
    await page.getByRole('link', { name: /Coupe homme/ }).click()
    // The booking form itself, with its times, its policy and « Vos droits », at phone width.
    await expect.poll(() => page.locator('input[name="startsAt"]').count()).toBeGreaterThan(0)
    expect(await audit(page)).toEqual({ serious: [], overflow: 0 })
    await page.locator('input[name="startsAt"]').first().check()
    await page.getByLabel('Nom').fill(RESIDENT.name)
    await page.getByLabel('E-mail').fill(RESIDENT.email)
    await page.getByRole('button', { name: 'Réserver' }).click()
    await page.waitForURL(/\/reservations\/[0-9A-Z]+\/annulation\?jeton=.+&nouvelle=1$/)
    firstLink = page.url()
    bookingId = /\/reservations\/([0-9A-Z]+)\//.exec(firstLink)![1]!
    expect(await page.getByRole('link', { name: 'Changer l’horaire' }).count()).toBe(1)
    // The confirmation offers the change as well, with the same secret.
    const [confirmation] = await journey.waitForMails(RESIDENT.email, 1)
    const changeLink = /(http:\/\/[^\s]+\/reservations\/[0-9A-Z]+\/changer\?jeton=[^\s]+)/.exec(
      confirmation!.text!,
    )![1]!
    expect(new URL(changeLink).searchParams.get('jeton')).toBe(new URL(firstLink).searchParams.get('jeton'))
  })

  it(
    'picks another time on the change page and lands on the booking, moved',
    { timeout: 60_000 },
    async () => {
      const page = await resident.newPage()
      await page.goto(firstLink)
      await page.getByRole('link', { name: 'Changer l’horaire' }).click()
      await page.waitForURL(/\/reservations\/[0-9A-Z]+\/changer\?jeton=/)
      await expect.poll(() => page.getByRole('heading', { name: 'Changer l’horaire' }).count()).toBe(1)
      expect(await page.getByText('(votre horaire actuel)').count()).toBe(1)
      expect(await audit(page)).toEqual({ serious: [], overflow: 0 })
      // A few times later than the first one offered (its own time is shown, not offered).
      const other = page.locator('input[name="startsAt"]').nth(4)
      chosen = (await other.getAttribute('value'))!.split('|')[0]!
      await other.check()
      await page.getByRole('button', { name: 'Choisir cet horaire' }).click()
      await page.waitForURL(/\/reservations\/[0-9A-Z]+\/annulation\?jeton=.+&deplacee=1$/)
      await expect.poll(() => page.getByText(/^Votre réservation est déplacée au /).count()).toBe(1)
      expect(await audit(page)).toEqual({ serious: [], overflow: 0 })
      const row = await journey.db
        .selectFrom('bookings')
        .select(['starts_at', 'status'])
        .where('id', '=', bookingId)
        .executeTakeFirstOrThrow()
      expect(row).toEqual({ starts_at: chosen, status: 'confirmed' })
    },
  )

  it(
    'sends “déplacé, comme vous l’avez demandé” with new links; the old link opens nothing',
    { timeout: 60_000 },
    async () => {
      const mails = await journey.waitForMails(RESIDENT.email, 2)
      const moved = mails[1]!
      expect(moved.subject).toMatch(/^Réservation déplacée : Coupe homme \(Classique\), .* — Salon Bellevue$/)
      expect(moved.text).toContain(
        'Votre réservation est déplacée, comme vous l’avez demandé : Coupe homme (Classique).',
      )
      expect(moved.attachments.map((a) => a.contentType)).toEqual(['text/calendar'])
      const newChange = /(http:\/\/[^\s]+\/reservations\/[0-9A-Z]+\/changer\?jeton=[^\s]+)/.exec(
        moved.text!,
      )![1]!
      expect(new URL(newChange).searchParams.get('jeton')).not.toBe(
        new URL(firstLink).searchParams.get('jeton'),
      )

      const page = await resident.newPage()
      const stale = await page.goto(firstLink)
      expect(stale!.status()).toBe(404)
      const fresh = await page.goto(newChange)
      expect(fresh!.status()).toBe(200)
      expect(await page.getByRole('heading', { name: 'Changer l’horaire' }).count()).toBe(1)
      expect(journey.pageErrors).toEqual([])
      expect(journey.workerErrors).toEqual([])
    },
  )
})
