import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aProduct } from '../factories/catalog.js'
import { aShop, aStaffMember } from '../factories/shops.js'
import { browserAvailable } from '../harness/browser.js'
import { ALL_WEEK, startJourney, type Journey } from '../harness/journey.js'
import { systemClock } from '../../src/lib/clock.js'
import type { UserId } from '../../src/lib/ids.js'
import { createResource, setBookableService } from '../../src/modules/bookings/index.js'
import { setWeeklyHours, type Shop } from '../../src/modules/shops/index.js'

const PASSWORD = 'mot de passe du salon'
const RESIDENT = { name: 'Camille Martin', email: 'camille.rdv@example.fr' }
const platform = undefined as unknown as UserId

/**
 * The booking journey in the Debian Chromium, with the real clock and a real SMTP server on loopback (issue #5):
 * a resident books a haircut from the salon's page, gets the confirmation with its calendar file, cancels through
 * the link; the salon's staff see the booking in their day, then see it gone. Steps share state and run in order.
 */
describe.runIf(browserAvailable())('booking journey in the browser', () => {
  let journey: Journey
  let resident: BrowserContext
  let staff: BrowserContext
  let salon: Shop
  let bookedDay = ''

  beforeAll(async () => {
    journey = await startJourney('sqlite')
    const { db } = journey
    const bookingDeps = { db, clock: systemClock }
    salon = await aShop(db, { name: 'Salon Lumière', kind: 'coiffure' }, systemClock)
    await setWeeklyHours(bookingDeps, platform, salon.id, ALL_WEEK)
    const lea = await createResource(bookingDeps, salon.id, { name: 'Léa', kind: 'staff' })
    const haircut = await aProduct(
      db,
      salon.id,
      {
        name: 'Coupe femme',
        kind: 'service',
        variants: [{ name: 'Cheveux courts', priceCents: 3500, durationMinutes: 45 }],
      },
      { clock: systemClock },
    )
    // Bookable from 3 hours ahead, cancellable online until 2 hours before: the link still works when the journey uses it.
    await setBookableService(bookingDeps, salon.id, haircut.variants[0]!.id, {
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 15,
      stepMinutes: 15,
      noticeMinutes: 180,
      horizonDays: 14,
      cancelHoursBefore: 2,
      resourceIds: [lea.id],
    })
    await aStaffMember(
      db,
      salon.id,
      'owner',
      { email: 'patronne@salon-lumiere.fr', password: PASSWORD, displayName: 'Patronne' },
      systemClock,
    )
    resident = await journey.phoneContext()
    staff = await journey.phoneContext()
  })

  afterAll(async () => journey?.stop())

  async function staffDay(): Promise<Page> {
    const page = await staff.newPage()
    if (
      !(await page.goto(`${journey.baseUrl}/admin/${salon.id}/rendez-vous?jour=${bookedDay}`))!
        .url()
        .includes('/rendez-vous')
    )
      throw new Error('not signed in')
    return page
  }

  it(
    'books a haircut from the salon’s page and lands on the booking, confirmed',
    { timeout: 60_000 },
    async () => {
      const page = await resident.newPage()
      await page.goto(`${journey.baseUrl}/commerces/${salon.slug}`)
      await page.getByRole('link', { name: 'Prendre rendez-vous' }).click()
      await page.getByRole('link', { name: /Coupe femme/ }).click()
      await expect.poll(() => page.getByText('Annulation gratuite en un clic').count()).toBe(1)
      // The first time offered, whichever day it falls on.
      const first = page.locator('input[name="startsAt"]').first()
      const value = (await first.getAttribute('value'))!
      await first.check()
      await page.getByLabel('Nom').fill(RESIDENT.name)
      await page.getByLabel('E-mail').fill(RESIDENT.email)
      await page.getByRole('button', { name: 'Réserver' }).click()
      await page.waitForURL(/\/reservations\/[0-9A-Z]+\/annulation\?jeton=.+&nouvelle=1$/)
      await expect.poll(() => page.getByText('Réservation confirmée.').count()).toBe(1)
      const row = await journey.db
        .selectFrom('bookings')
        .select(['starts_at', 'status'])
        .executeTakeFirstOrThrow()
      expect(row).toEqual({ starts_at: value.split('|')[0], status: 'confirmed' })
      bookedDay = new Intl.DateTimeFormat('en-CA', { timeZone: salon.timeZone }).format(
        new Date(row.starts_at),
      )
    },
  )

  it(
    'sends the confirmation with a calendar file, and the staff see the booking in their day',
    { timeout: 60_000 },
    async () => {
      const [confirmation] = await journey.waitForMails(RESIDENT.email, 1)
      expect(confirmation!.subject).toMatch(
        /^Réservation confirmée : Coupe femme \(Cheveux courts\), .* — Salon Lumière$/,
      )
      expect(confirmation!.attachments.map((a) => [a.filename, a.contentType])).toEqual([
        ['rendez-vous.ics', 'text/calendar'],
      ])
      await journey.signInAsStaff(staff, 'patronne@salon-lumiere.fr', PASSWORD)
      const day = await staffDay()
      await expect.poll(() => day.getByText(RESIDENT.name).count()).toBe(1)
      expect(await day.getByRole('heading', { name: 'Léa' }).count()).toBe(1)
    },
  )

  it(
    'cancels through the email’s link; the staff’s day no longer has it, and a second email says so',
    { timeout: 60_000 },
    async () => {
      const [confirmation] = journey.smtp.to(RESIDENT.email)
      const link = /(http:\/\/[^\s]+\/reservations\/[0-9A-Z]+\/annulation\?jeton=[^\s]+)/.exec(
        confirmation!.text!,
      )![1]!
      const page = await resident.newPage()
      await page.goto(link)
      await page.getByRole('button', { name: 'Annuler ma réservation' }).click()
      await expect.poll(() => page.getByText('Cette réservation est annulée.').count()).toBe(1)
      const mails = await journey.waitForMails(RESIDENT.email, 2)
      expect(mails[1]!.subject).toMatch(/^Réservation annulée : Coupe femme/)
      const day = await staffDay()
      expect(await day.getByText(RESIDENT.name).count()).toBe(0)
      expect(journey.pageErrors).toEqual([])
      expect(journey.workerErrors).toEqual([])
    },
  )
})
