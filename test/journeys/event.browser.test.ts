import type { ParsedMail } from 'mailparser'
import type { BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aShop, aStaffMember } from '../factories/shops.js'
import { audit } from '../harness/accessibility.js'
import { browserAvailable } from '../harness/browser.js'
import { startJourney, type Journey } from '../harness/journey.js'
import { systemClock } from '../../src/lib/clock.js'
import { scheduleEvent, type BookingEvent } from '../../src/modules/events/index.js'
import type { Shop } from '../../src/modules/shops/index.js'

const PASSWORD = 'mot de passe de la cave'
const ANNA = { name: 'Anna Roux', email: 'anna.degustation@example.fr' }
const BEN = { name: 'Ben Morel', email: 'ben.degustation@example.fr' }
const DAY = 86_400_000

/**
 * The event journey in the Debian Chromium, with the real clock and SMTP on loopback (issue #5): a resident takes
 * the last two seats of a tasting from the shop's page; another finds it full and joins the waitlist; the first
 * cancels through her email's link, the second is offered the seats by email and takes them from the offer's
 * link; the cellar's owner sees him seated. Steps share state and run in order.
 */
describe.runIf(browserAvailable())('event journey in the browser', () => {
  let journey: Journey
  let anna: BrowserContext
  let ben: BrowserContext
  let owner: BrowserContext
  let cellar: Shop
  let tasting: BookingEvent

  beforeAll(async () => {
    journey = await startJourney('sqlite')
    const { db } = journey
    cellar = await aShop(db, { name: 'Cave des Quais', kind: 'caviste' }, systemClock)
    const startsAt = new Date(Date.now() + 3 * DAY)
    tasting = await scheduleEvent({ db, clock: systemClock }, cellar.id, {
      title: 'Dégustation des vins de Loire',
      description: 'Six vins, trois vignerons.',
      place: '',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
      capacity: 2,
      seatsPerPerson: 2,
      priceCents: 1500,
      offerHours: 12,
      cancelHoursBefore: 24,
    })
    await aStaffMember(
      db,
      cellar.id,
      'owner',
      { email: 'patron@cave-des-quais.fr', password: PASSWORD, displayName: 'Patron' },
      systemClock,
    )
    anna = await journey.phoneContext()
    ben = await journey.phoneContext()
    owner = await journey.phoneContext()
  })

  afterAll(async () => journey?.stop())

  const linkIn = (mail: ParsedMail) =>
    /(http:\/\/[^\s]+\/inscriptions\/[0-9A-Z]+\?jeton=[^\s]+)/.exec(mail.text!)![1]!

  it('takes the two seats of the tasting from the shop’s page', { timeout: 60_000 }, async () => {
    const page = await anna.newPage()
    await page.goto(`${journey.baseUrl}/commerces/${cellar.slug}`)
    await page.getByRole('link', { name: 'Événements (1)' }).click()
    await page.getByRole('link', { name: 'Dégustation des vins de Loire' }).click()
    await expect.poll(() => page.getByText('2 places restantes').count()).toBe(1)
    // The event's page with its form and « Vos droits », at phone width (UX-27, UX-30).
    expect(await audit(page)).toEqual({ serious: [], overflow: 0 })
    await page.getByLabel('Nombre de places').selectOption('2')
    await page.getByRole('textbox', { name: 'Nom' }).fill(ANNA.name)
    await page.getByLabel('E-mail').fill(ANNA.email)
    await page.getByRole('button', { name: 'Réserver' }).click()
    await page.waitForURL(/\/inscriptions\/[0-9A-Z]+\?jeton=.+&nouvelle=1$/)
    await expect.poll(() => page.getByText('Inscription confirmée : 2 places.').count()).toBe(1)
    expect(await audit(page)).toEqual({ serious: [], overflow: 0 })
    const [confirmation] = await journey.waitForMails(ANNA.email, 1)
    expect(confirmation!.attachments.map((a) => a.filename)).toEqual(['evenement.ics'])
  })

  it('finds it full and joins the waitlist, told he is next', { timeout: 60_000 }, async () => {
    const page = await ben.newPage()
    await page.goto(`${journey.baseUrl}/evenements/${tasting.id}`)
    await page.getByRole('textbox', { name: 'Nom' }).fill(BEN.name)
    await page.getByLabel('E-mail').fill(BEN.email)
    await page.getByRole('button', { name: 'M’inscrire sur la liste d’attente' }).click()
    await expect.poll(() => page.getByText('vous êtes le prochain ou la prochaine').count()).toBe(1)
    expect((await journey.waitForMails(BEN.email, 1))[0]!.subject).toMatch(/^Liste d’attente : /)
  })

  it(
    'when she cancels by her email’s link, he is offered the seats by email and takes them from the offer’s link',
    { timeout: 60_000 },
    async () => {
      const cancel = await anna.newPage()
      await cancel.goto(linkIn(journey.smtp.to(ANNA.email)[0]!))
      await cancel.getByRole('button', { name: 'Annuler mon inscription' }).click()
      await expect.poll(() => cancel.getByText('Cette inscription est annulée.').count()).toBe(1)
      const offer = (await journey.waitForMails(BEN.email, 2))[1]!
      expect(offer.subject).toMatch(/^Une place s’est libérée : /)
      const page = await ben.newPage()
      await page.goto(linkIn(offer))
      await page.getByRole('button', { name: 'Prendre la place' }).click()
      await expect.poll(() => page.getByText('Inscription confirmée : 1 place.').count()).toBe(1)
      expect((await journey.waitForMails(BEN.email, 3))[2]!.attachments.map((a) => a.filename)).toEqual([
        'evenement.ics',
      ])
    },
  )

  it('shows the owner who has seats now', { timeout: 60_000 }, async () => {
    await journey.signInAsStaff(owner, 'patron@cave-des-quais.fr', PASSWORD)
    const page = await owner.newPage()
    await page.goto(`${journey.baseUrl}/admin/${cellar.id}/evenements/${tasting.id}`)
    await expect.poll(() => page.getByText('Inscrits (1)').count()).toBe(1)
    expect(await page.getByText(BEN.name).count()).toBe(1)
    expect(await page.getByText(ANNA.name).count()).toBe(0)
    expect(journey.pageErrors).toEqual([])
    expect(journey.workerErrors).toEqual([])
  })
})
