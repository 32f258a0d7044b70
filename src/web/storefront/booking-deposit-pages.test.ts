import { expect, it } from 'vitest'
import { aSalon } from '../../../test/factories/bookings.js'
import { MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { FormClient, useTestApp } from '../../../test/harness/app.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import type { JobDeps } from '../../jobs/handlers.js'
import { startWorker } from '../../jobs/worker.js'
import { fixedClock } from '../../lib/clock.js'
import {
  bookAppointment,
  listShopBookings,
  markAttendance,
  NO_SHOW_LIMIT,
} from '../../modules/bookings/index.js'
import { getShop } from '../../modules/shops/index.js'

const plain = (body: string) => body.replace(/[\u202f\u00a0]/g, ' ')
const TUESDAY = { from: '2026-11-24T00:00:00Z', to: '2026-11-25T00:00:00Z' }

forEachEngine('booking with a guarantee from the shop’s pages (UX-16, UX-18)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const server = useTestApp(db, { clock, checkoutRateLimit: 1_000 })
  const jobDeps = (): JobDeps => ({
    db: db(),
    clock,
    payments: server.deps.payments,
    mailTransport: undefined,
    mailFrom: 'Comptoir <contact@comptoir.test>',
    publicUrl: 'http://localhost',
  })

  it('says the card hold and its amount before the button, refuses a declined test card with nothing booked, and confirms by mail', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, haircut } = await aSalon(db(), clock, {
      deposit: { kind: 'card_hold', amountCents: 2000 },
    })
    const shop = await getShop(db(), shopId)
    const path = `/commerces/${shop.slug}/rendez-vous/${haircut.variantId}`
    const visitor = new FormClient(server.baseUrl)
    const page = plain((await visitor.get(path)).body)
    const notice = page.indexOf(
      'Empreinte bancaire de 20,00 € : rien n’est débité si vous venez ou annulez jusqu’à 24 h avant le rendez-vous. Si vous ne venez pas, les 20,00 € sont débités.',
    )
    expect(notice).toBeGreaterThan(0)
    expect(notice).toBeLessThan(
      page.indexOf('<button type="submit" class="button primary">Réserver avec empreinte bancaire</button>'),
    )
    expect(page).toContain('<legend>Carte bancaire (paiement de test)</legend>')
    expect(page).toContain('name="carteTest" value="accepted" checked')

    const form = {
      startsAt: '2026-11-24T10:00:00.000Z|',
      name: 'Lou Bernard',
      email: 'lou@example.fr',
      phone: '',
    }
    const refused = await visitor.postForm(path, { ...form, carteTest: 'declined' })
    expect(refused.status).toBe(409)
    expect(plain(refused.body)).toContain(
      '<p class="error" id="f-carteTest-error">Votre carte a été refusée : rien n’est réservé ni débité. Essayez une autre carte.</p>',
    )
    expect(refused.body).toContain('name="carteTest" value="declined" checked')
    expect(refused.body).toContain('value="lou@example.fr"')
    expect(await listShopBookings(db(), shopId, TUESDAY)).toEqual([])

    const booked = await visitor.postForm(path, { ...form, carteTest: 'accepted' })
    expect(booked.status).toBe(303)
    const [booking] = await listShopBookings(db(), shopId, TUESDAY)
    expect(booking!.deposit).toEqual({ kind: 'card_hold', amountCents: 2000 })
    await startWorker(jobDeps(), { pollMs: 60_000 }).drain()
    const mail = await db()
      .selectFrom('mail_messages')
      .select(['subject', 'text_body', 'html_body'])
      .where('source_key', '=', `booking.confirmed:${booking!.id}`)
      .executeTakeFirstOrThrow()
    expect(plain(mail.text_body)).toContain(
      'Empreinte bancaire de 20,00 € : rien n’est débité si vous venez ou annulez avant le lundi 23 novembre à 11:00. Si vous ne venez pas, les 20,00 € sont débités.',
    )
    expect(plain(mail.html_body)).toContain('Empreinte bancaire de 20,00 €')
  })

  it('asks a 30 % deposit with a button that says paying, and the mail says it is deducted on site', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, haircut } = await aSalon(db(), clock, { deposit: { kind: 'deposit', percent: 30 } })
    const shop = await getShop(db(), shopId)
    const path = `/commerces/${shop.slug}/rendez-vous/${haircut.variantId}`
    const visitor = new FormClient(server.baseUrl)
    const page = plain((await visitor.get(path)).body)
    expect(page).toContain(
      'Acompte de 10,50 € débité à la réservation et déduit de votre note sur place : remboursé si vous annulez jusqu’à 24 h avant le rendez-vous ou si le commerce annule ; gardé si vous ne venez pas.',
    )
    expect(page).toContain('Le reste sur place.')
    expect(page).toContain('Réserver et payer 10,50 €</button>')
    const booked = await visitor.postForm(path, {
      startsAt: '2026-11-24T10:00:00.000Z|',
      name: 'Lou',
      email: 'lou.deposit@example.fr',
      phone: '',
      carteTest: 'accepted',
    })
    expect(booked.status).toBe(303)
    // The booking's page says what is left to pay on site, not the whole price.
    expect(plain((await visitor.get(booked.location!)).body)).toContain(
      '<dd>35,00 € TTC, à régler sur place moins l’acompte de 10,50 €</dd>',
    )
    const [booking] = await listShopBookings(db(), shopId, TUESDAY)
    await startWorker(jobDeps(), { pollMs: 60_000 }).drain()
    const mail = await db()
      .selectFrom('mail_messages')
      .select('text_body')
      .where('source_key', '=', `booking.confirmed:${booking!.id}`)
      .executeTakeFirstOrThrow()
    expect(plain(mail.text_body)).toContain(
      'Prix : 35,00 € TTC, à régler sur place moins l’acompte de 10,50 €',
    )
    expect(plain(mail.text_body)).toContain(
      'Acompte de 10,50 € débité à la réservation et déduit de votre note sur place',
    )
  })

  it(`after ${NO_SHOW_LIMIT} no-shows, shows the card hold the shop now asks before booking, instead of refusing (UX-18)`, async () => {
    clock.set('2026-10-05T08:00:00.000Z')
    const { shopId, lea, haircut } = await aSalon(db(), clock)
    const shop = await getShop(db(), shopId)
    const noa = { name: 'Noa', email: 'noa.away@example.fr', phone: '' }
    for (let day = 0; day < NO_SHOW_LIMIT; day++) {
      clock.set(`2026-10-0${day + 5}T08:00:00.000Z`)
      const startsAt = `2026-10-0${day + 6}T09:00:00.000Z`
      const { booking } = await bookAppointment({ db: db(), clock }, shopId, {
        variantId: haircut.variantId,
        startsAt,
        resourceId: lea.id,
        contact: noa,
        userId: undefined,
      })
      clock.set(startsAt)
      await markAttendance({ db: db(), clock }, shopId, booking.id, 'no_show')
    }
    clock.set(MONDAY_MORNING)
    const path = `/commerces/${shop.slug}/rendez-vous/${haircut.variantId}`
    const visitor = new FormClient(server.baseUrl)
    // Nothing asked on the page of a visitor the shop does not know yet.
    expect(plain((await visitor.get(path)).body)).not.toContain('Empreinte bancaire')
    const form = { startsAt: '2026-11-24T10:00:00.000Z|', ...noa }
    const asked = await visitor.postForm(path, form)
    expect(asked.status).toBe(400)
    const again = plain(asked.body)
    expect(again).toContain(
      'Après plusieurs rendez-vous manqués, ce commerce demande une garantie pour réserver en ligne.',
    )
    expect(again).toContain('Empreinte bancaire de 35,00 €')
    expect(again).toContain('<legend>Carte bancaire (paiement de test)</legend>')
    expect(await listShopBookings(db(), shopId, TUESDAY)).toEqual([])
    const booked = await visitor.postForm(path, { ...form, carteTest: 'accepted' })
    expect(booked.status).toBe(303)
    expect((await listShopBookings(db(), shopId, TUESDAY)).map((b) => b.deposit)).toEqual([
      { kind: 'card_hold', amountCents: 3500 },
    ])
  })
})
