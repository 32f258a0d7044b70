import type { ParsedMail } from 'mailparser'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aShop } from '../factories/shops.js'
import { freshDatabase } from '../harness/engines.js'
import { startTestApp, type TestApp } from '../harness/app.js'
import { browserAvailable, launchChromium, phoneContext } from '../harness/browser.js'
import { startJourneyWorker } from '../harness/journey-worker.js'
import { startSmtpServer, type TestSmtpServer } from '../harness/smtp.js'
import type { Worker } from '../../src/jobs/worker.js'
import { systemClock } from '../../src/lib/clock.js'
import { scheduleEvent, type BookingEvent } from '../../src/modules/bookings/index.js'
import { createUser } from '../../src/modules/identity/index.js'
import { smtpTransport } from '../../src/modules/notifications/index.js'
import { addStaffMember, type Shop } from '../../src/modules/shops/index.js'

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
  let database: Awaited<ReturnType<typeof freshDatabase>>
  let smtp: TestSmtpServer
  let server: TestApp
  let worker: Worker
  let browser: Browser
  let anna: BrowserContext
  let ben: BrowserContext
  let owner: BrowserContext
  let cellar: Shop
  let tasting: BookingEvent
  const workerErrors: string[] = []
  const pageErrors: string[] = []

  beforeAll(async () => {
    database = await freshDatabase('sqlite')
    const db = database.opened.db
    smtp = await startSmtpServer()
    server = await startTestApp(db, { clock: systemClock, mailTransport: smtpTransport(smtp.url) })
    worker = startJourneyWorker(db, server, workerErrors, server.baseUrl)
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
    const user = await createUser({ db, clock: systemClock }, { email: 'patron@cave-des-quais.fr', password: PASSWORD, displayName: 'Patron' })
    await addStaffMember(db, cellar.id, user.id, 'owner')
    browser = await launchChromium()
    anna = await phoneContext(browser, pageErrors)
    ben = await phoneContext(browser, pageErrors)
    owner = await phoneContext(browser, pageErrors)
  })

  afterAll(async () => {
    await browser?.close()
    await worker?.stop()
    await server?.close()
    await smtp?.close()
    await database?.opened.close()
    await database?.drop()
  })

  const mailsTo = (email: string): ParsedMail[] => smtp.to(email)
  const waitForMails = (email: string, count: number, timeoutMs = 10_000) => smtp.waitForTo(email, count, timeoutMs, () => `(worker errors: ${workerErrors.join('; ') || 'none'})`)
  const linkIn = (mail: ParsedMail) => /(http:\/\/[^\s]+\/inscriptions\/[0-9A-Z]+\?jeton=[^\s]+)/.exec(mail.text!)![1]!

  it('takes the two seats of the tasting from the shop’s page', { timeout: 60_000 }, async () => {
    const page = await anna.newPage()
    await page.goto(`${server.baseUrl}/commerces/${cellar.slug}`)
    await page.getByRole('link', { name: 'Événements (1)' }).click()
    await page.getByRole('link', { name: 'Dégustation des vins de Loire' }).click()
    await expect.poll(() => page.getByText('2 places restantes').count()).toBe(1)
    await page.getByLabel('Nombre de places').selectOption('2')
    await page.getByRole('textbox', { name: 'Nom' }).fill(ANNA.name)
    await page.getByLabel('E-mail').fill(ANNA.email)
    await page.getByRole('button', { name: 'Réserver' }).click()
    await page.waitForURL(/\/inscriptions\/[0-9A-Z]+\?jeton=.+&nouvelle=1$/)
    await expect.poll(() => page.getByText('Inscription confirmée : 2 places.').count()).toBe(1)
    const [confirmation] = await waitForMails(ANNA.email, 1)
    expect(confirmation!.attachments.map((a) => a.filename)).toEqual(['evenement.ics'])
  })

  it('finds it full and joins the waitlist, told he is next', { timeout: 60_000 }, async () => {
    const page = await ben.newPage()
    await page.goto(`${server.baseUrl}/evenements/${tasting.id}`)
    await page.getByRole('textbox', { name: 'Nom' }).fill(BEN.name)
    await page.getByLabel('E-mail').fill(BEN.email)
    await page.getByRole('button', { name: 'M’inscrire sur la liste d’attente' }).click()
    await expect.poll(() => page.getByText('vous êtes le prochain ou la prochaine').count()).toBe(1)
    expect((await waitForMails(BEN.email, 1))[0]!.subject).toMatch(/^Liste d’attente : /)
  })

  it('when she cancels by her email’s link, he is offered the seats by email and takes them from the offer’s link', { timeout: 60_000 }, async () => {
    const cancel = await anna.newPage()
    await cancel.goto(linkIn(mailsTo(ANNA.email)[0]!))
    await cancel.getByRole('button', { name: 'Annuler mon inscription' }).click()
    await expect.poll(() => cancel.getByText('Cette inscription est annulée.').count()).toBe(1)
    const offer = (await waitForMails(BEN.email, 2))[1]!
    expect(offer.subject).toMatch(/^Une place s’est libérée : /)
    const page = await ben.newPage()
    await page.goto(linkIn(offer))
    await page.getByRole('button', { name: 'Prendre la place' }).click()
    await expect.poll(() => page.getByText('Inscription confirmée : 1 place.').count()).toBe(1)
    expect((await waitForMails(BEN.email, 3))[2]!.attachments.map((a) => a.filename)).toEqual(['evenement.ics'])
  })

  it('shows the owner who has seats now', { timeout: 60_000 }, async () => {
    const signIn = await owner.newPage()
    await signIn.goto(`${server.baseUrl}/connexion`)
    await signIn.getByLabel('Adresse e-mail').fill('patron@cave-des-quais.fr')
    await signIn.getByLabel('Mot de passe').fill(PASSWORD)
    await signIn.getByRole('button', { name: 'Se connecter' }).click()
    await signIn.waitForURL(/\/admin/)
    const page = await owner.newPage()
    await page.goto(`${server.baseUrl}/admin/${cellar.id}/evenements/${tasting.id}`)
    await expect.poll(() => page.getByText('Inscrits (1)').count()).toBe(1)
    expect(await page.getByText(BEN.name).count()).toBe(1)
    expect(await page.getByText(ANNA.name).count()).toBe(0)
    expect(pageErrors).toEqual([])
    expect(workerErrors).toEqual([])
  })
})
