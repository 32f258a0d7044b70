import { expect, it } from 'vitest'
import { aSalon } from '../../../../test/factories/bookings.js'
import { MONDAY_MORNING } from '../../../../test/factories/ordering.js'
import { aSignedInStaffMember, useTestApp } from '../../../../test/harness/app.js'
import { forEachEngine } from '../../../../test/harness/engines.js'
import { fixedClock } from '../../../lib/clock.js'
import { getBookableService } from '../../../modules/bookings/index.js'

const plain = (body: string) => body.replace(/[\u202f\u00a0]/g, ' ')
/** The message shown under an input, by the input's name (field() ties it with id f-<name>-error). */
const errorOf = (body: string, name: string) => new RegExp(`id="f-${name}-error">([^<]*)<`).exec(body)?.[1]
const SETTINGS = {
  bufferBeforeMinutes: '0',
  bufferAfterMinutes: '15',
  stepMinutes: '15',
  noticeMinutes: '120',
  horizonDays: '60',
  cancelHoursBefore: '24',
}

forEachEngine('back-office: the guarantee a bookable service asks (UX-16)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const server = useTestApp(db, { clock, loginRateLimit: 1_000 })

  it('lets the owner choose none, a card hold, a deposit or a prepayment, explains each mistake in French, and shows staff the choice', async () => {
    const { shopId, lea, hugo, haircut } = await aSalon(db(), clock)
    const owner = await aSignedInStaffMember(server, shopId, 'owner')
    const page = `/admin/${shopId}/rendez-vous/reglages/prestations/${haircut.variantId}`
    const form = { ...SETTINGS, [`r_${lea.id}`]: '1', [`r_${hugo.id}`]: '1' }

    const blank = plain((await owner.get(page)).body)
    expect(blank).toContain('<legend>Garantie</legend>')
    expect(blank).toContain('name="depositKind" value="none" checked')
    for (const label of ['Aucune', 'Empreinte bancaire', 'Acompte', 'Prépaiement'])
      expect(blank).toContain(`/> ${label}</label>`)

    // Out of bounds: each message under its own input, what was typed kept.
    const tooBig = await owner.postForm(page, { ...form, depositKind: 'card_hold', depositAmount: '600' })
    expect(tooBig.status).toBe(400)
    expect(plain(errorOf(tooBig.body, 'depositAmount')!)).toBe(
      'De 1,00 € à 500,00 €, par exemple 20 ou 20,00.',
    )
    expect(tooBig.body).toContain('name="depositKind" value="card_hold" checked')
    expect(tooBig.body).toContain('value="600"')
    const empty = await owner.postForm(page, { ...form, depositKind: 'card_hold', depositAmount: '' })
    expect(errorOf(empty.body, 'depositAmount')).toBe('Ce champ est obligatoire.')
    const percent = await owner.postForm(page, { ...form, depositKind: 'deposit', depositPercent: '150' })
    expect(errorOf(percent.body, 'depositPercent')).toBe('De 1 à 100 % du prix, en nombre entier.')
    const odd = await owner.postForm(page, { ...form, depositKind: 'gift' })
    expect(odd.status).toBe(400)
    expect(plain(odd.body)).toContain('Choisissez une garantie proposée.')

    // A card hold of 20 €, typed the French way.
    const hold = await owner.postForm(page, { ...form, depositKind: 'card_hold', depositAmount: '20,00' })
    expect(hold.status).toBe(303)
    expect((await getBookableService(db(), haircut.variantId)).deposit).toEqual({
      kind: 'card_hold',
      amountCents: 2000,
    })
    const shown = plain((await owner.get(page)).body)
    expect(shown).toContain('name="depositKind" value="card_hold" checked')
    expect(shown).toContain('value="20,00"')

    // A deposit of 30 % of 35 €: the form says what it takes today.
    expect(
      (await owner.postForm(page, { ...form, depositKind: 'deposit', depositPercent: '30' })).status,
    ).toBe(303)
    expect((await getBookableService(db(), haircut.variantId)).deposit).toEqual({
      kind: 'deposit',
      percent: 30,
    })
    expect(plain((await owner.get(page)).body)).toContain('Aujourd’hui : 10,50 € sur 35,00 €.')

    // Staff see the guarantee, not the form.
    const staff = await aSignedInStaffMember(server, shopId)
    expect(plain((await staff.get(page)).body)).toContain('Garantie : Acompte de 30 % (10,50 €)')
    expect((await owner.postForm(page, { ...form, depositKind: 'prepayment' })).status).toBe(303)
    expect(plain((await staff.get(page)).body)).toContain('Garantie : Prépaiement (35,00 €)')
    // Staff cannot change it.
    expect((await staff.postForm(page, { ...form, depositKind: 'none' })).status).toBe(403)
    expect((await getBookableService(db(), haircut.variantId)).deposit).toEqual({ kind: 'prepayment' })

    // Back to none: nothing asked.
    expect((await owner.postForm(page, { ...form, depositKind: 'none', depositAmount: '20' })).status).toBe(
      303,
    )
    expect((await getBookableService(db(), haircut.variantId)).deposit).toEqual({ kind: 'none' })
  })
})
