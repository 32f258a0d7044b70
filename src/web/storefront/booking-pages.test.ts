import { expect, it } from 'vitest'
import { aRestaurant, aSalon } from '../../../test/factories/bookings.js'
import { aTasting } from '../../../test/factories/events.js'
import { MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { FormClient, useTestApp } from '../../../test/harness/app.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { fixedClock } from '../../lib/clock.js'
import { listShopBookings } from '../../modules/bookings/index.js'
import { addressLine, getShop } from '../../modules/shops/index.js'

const plain = (body: string) => body.replace(/[\u202f\u00a0]/g, ' ')

forEachEngine('booking a service from the shop’s pages (issue #5)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const server = useTestApp(db, { clock, checkoutRateLimit: 1_000 })

  it('marks the times too close to cancel online, and says so under them before the resident books (UX-15, UX-16)', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, haircut } = await aSalon(db(), clock, { deposit: { kind: 'prepayment' } })
    const shop = await getShop(db(), shopId)
    const page = plain(
      (await new FormClient(server.baseUrl).get(`/commerces/${shop.slug}/rendez-vous/${haircut.variantId}`))
        .body,
    )
    const timeAt = (iso: string) =>
      new RegExp(
        `value="${iso.replace(/\./g, '\\.')}\\|" required /> [^<]+<span class="hint">\\([^)]+\\)</span>( <span class="hint late">sans annulation en ligne</span>)?</label>`,
      ).exec(page)
    // Cancellable online until 24 h before: all of Monday is inside (said once, on the day), Tuesday 9:00 (Paris) too,
    // Tuesday 9:15 is not.
    expect(page).toContain(
      '<legend>lundi 23 novembre <span class="hint late">sans annulation en ligne</span></legend>',
    )
    expect(page).toContain('<legend>mardi 24 novembre</legend>')
    expect(timeAt('2026-11-23T10:00:00.000Z')?.[1]).toBeUndefined()
    expect(timeAt('2026-11-24T08:00:00.000Z')?.[1]).toBeDefined()
    expect(timeAt('2026-11-24T08:15:00.000Z')).not.toBeNull()
    expect(timeAt('2026-11-24T08:15:00.000Z')?.[1]).toBeUndefined()
    expect(page).toContain(
      'Les horaires marqués « sans annulation en ligne » sont à moins de 24 h : une fois réservés, ils ne s’annulent plus que par téléphone, et ce qui est payé en ligne n’est pas remboursé.',
    )
  })

  it('says who the shop is, the withdrawal right or why there is none, and whom to complain to, before booking (LAW F1/F3)', async () => {
    clock.set(MONDAY_MORNING)
    const visitor = new FormClient(server.baseUrl)
    const rightsOn = async (path: string) =>
      plain(
        /<details class="consumer-rights">([\s\S]*?)<\/details>\s*<button/.exec(
          (await visitor.get(path)).body,
        )?.[1] ?? '',
      )

    const salon = await aSalon(db(), clock)
    const salonShop = await getShop(db(), salon.shopId)
    const haircut = await rightsOn(`/commerces/${salonShop.slug}/rendez-vous/${salon.haircut.variantId}`)
    expect(haircut).toContain(`Le commerce : ${salonShop.name}, ${addressLine(salonShop.address)}`)
    expect(haircut).toContain(
      'Droit de rétractation : 14 jours à compter de la réservation, sans avoir à vous justifier, tant que la prestation n’a pas eu lieu.',
    )
    expect(haircut).toContain('Modèle de formulaire de rétractation')
    expect(haircut).not.toContain('Rapportez ensuite les articles')
    expect(haircut).toContain('médiateur de la consommation')

    const prepaid = await aSalon(db(), clock, { deposit: { kind: 'prepayment' } })
    const prepaidShop = await getShop(db(), prepaid.shopId)
    expect(
      await rightsOn(`/commerces/${prepaidShop.slug}/rendez-vous/${prepaid.haircut.variantId}`),
    ).toContain(
      'ce qui a été payé en ligne vous est alors remboursé en entier, même passé le délai d’annulation en ligne',
    )

    const bistrot = await aRestaurant(db(), clock)
    const bistrotShop = await getShop(db(), bistrot.shopId)
    const table = await rightsOn(
      `/commerces/${bistrotShop.slug}/rendez-vous/${bistrot.lunch.variantId}?personnes=2`,
    )
    expect(table).toContain(
      'Pas de droit de rétractation : Déjeuner (prestation à date fixe) (article L221-28 du Code de la consommation).',
    )
    expect(table).not.toContain('Modèle de formulaire')

    const { event } = await aTasting(db(), clock)
    const tasting = plain((await visitor.get(`/evenements/${event.id}`)).body)
    expect(tasting).toContain(
      'Pas de droit de rétractation : Dégustation des vins de Loire (prestation à date fixe)',
    )
  })

  it('finds the service from the shop, sees the times and the policy, books, and can cancel from the same page', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, haircut } = await aSalon(db(), clock)
    const shop = await getShop(db(), shopId)
    const visitor = new FormClient(server.baseUrl)
    const shopPage = await visitor.get(`/commerces/${shop.slug}`)
    expect(shopPage.body).toContain(`href="/commerces/${shop.slug}/rendez-vous">Prendre rendez-vous</a>`)
    const list = plain((await visitor.get(`/commerces/${shop.slug}/rendez-vous`)).body)
    expect(list).toContain('Coupe femme</strong> (Cheveux courts)</a> · 45 min · 35,00 €')

    const path = `/commerces/${shop.slug}/rendez-vous/${haircut.variantId}`
    const page = plain((await visitor.get(path)).body)
    expect(page).toContain(
      '<legend>lundi 23 novembre <span class="hint late">sans annulation en ligne</span></legend>',
    )
    // From 2 hours ahead (11:00 in Paris), with the first person free named.
    expect(page).toMatch(
      /value="2026-11-23T10:00:00.000Z\|" required \/> 11 h <span class="hint">\(Léa\)<\/span>/,
    )
    expect(page).toContain('Annulation gratuite en un clic jusqu’à 24 h avant le rendez-vous')
    expect(page).toContain('<option value="">N’importe qui</option>')

    const booked = await visitor.postForm(path, {
      startsAt: '2026-11-24T10:00:00.000Z|',
      name: 'Lou Bernard',
      email: 'lou@example.fr',
      phone: '',
    })
    expect(booked.status).toBe(303)
    expect(booked.location).toMatch(/^\/reservations\/[0-9A-Z]{26}\/annulation\?jeton=.+&nouvelle=1$/)
    const confirmed = plain((await visitor.get(booked.location!)).body)
    expect(confirmed).toContain('Réservation confirmée.')
    expect(confirmed).toContain('mardi 24 novembre à 11:00')
    const [booking] = await listShopBookings(db(), shopId, {
      from: '2026-11-24T00:00:00Z',
      to: '2026-11-25T00:00:00Z',
    })
    expect(booking).toMatchObject({
      resourceName: 'Léa',
      contact: { name: 'Lou Bernard', email: 'lou@example.fr', phone: '' },
    })

    // The time is gone for the next resident: asking for it anyway says so, and keeps what was typed.
    const next = new FormClient(server.baseUrl)
    await next.get(`${path}?avec=${booking!.resourceId}`)
    const taken = await next.postForm(`${path}?avec=${booking!.resourceId}`, {
      startsAt: `2026-11-24T10:00:00.000Z|${booking!.resourceId}`,
      name: 'Sam',
      email: 'sam@example.fr',
      phone: '',
    })
    expect(taken.status).toBe(409)
    expect(plain(taken.body)).toContain('Cet horaire vient d’être pris : choisissez-en un autre.')
    expect(taken.body).toContain('name="email" type="email" value="sam@example.fr"')
    const noContact = await next.postForm(path, {
      startsAt: '2026-11-24T11:00:00.000Z|',
      name: '',
      email: 'x',
      phone: '',
    })
    expect(noContact.status).toBe(400)
    expect(plain(noContact.body)).toContain(
      '<p class="error" id="f-email-error">Cette adresse e-mail n’est pas valide.</p>',
    )

    const cancelled = await visitor.postForm(`/reservations/${booking!.id}/annulation`, {
      jeton: new URL(booked.location!, server.baseUrl).searchParams.get('jeton')!,
    })
    expect(plain(cancelled.body)).toContain('Cette réservation est annulée.')
    expect(
      await listShopBookings(db(), shopId, { from: '2026-11-24T00:00:00Z', to: '2026-11-25T00:00:00Z' }),
    ).toEqual([])
  })
})
