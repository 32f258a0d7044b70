import jsqr from 'jsqr'
import sharp from 'sharp'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { aProduct } from '../../../test/factories/catalog.js'
import { aPickupShop, FIRST_SLOT, MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { startSmtpServer, type TestSmtpServer } from '../../../test/harness/smtp.js'
import { ChangeFeed } from '../../lib/change-feed.js'
import { fixedClock } from '../../lib/clock.js'
import type { UserId } from '../../lib/ids.js'
import { formatEuros } from '../../lib/french-format.js'
import { newSecretToken } from '../../lib/secret-token.js'
import type { Product } from '../catalog/index.js'
import { addToBasket, getShopOrder, moveOrder, placeOrders } from '../ordering/index.js'
import { builtInPaymentProviders, TEST_CARD_TOKENS } from '../payments/index.js'
import type { Shop } from '../shops/index.js'
// The words of a cancel reason come from the web catalogue, as the worker passes them (jobs/handlers.ts).
import { cancelReasonText } from '../../web/i18n/index.js'
import {
  deliverMail,
  findMail,
  listMailbox,
  sendCheckoutConfirmation,
  sendOrderClosed,
  sendOrderReady,
  smtpTransport,
  type MailTransport,
  type OrderMailDeps,
  type StoredMail,
} from './index.js'

const clock = fixedClock(MONDAY_MORNING)
const platform = undefined as unknown as UserId
const spaced = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`

forEachEngine('notifications', ({ db }) => {
  let smtp: TestSmtpServer
  beforeAll(async () => {
    smtp = await startSmtpServer()
  })
  afterAll(async () => smtp.close())

  /** Mail kept in the local mailbox (no SMTP server configured), as the coordinator's page reads it. */
  const localMail = (): OrderMailDeps => ({
    db: db(),
    clock,
    mailTransport: undefined,
    mailFrom: 'Comptoir <contact@comptoir.test>',
    publicUrl: 'http://localhost',
  })
  const ordering = () => ({
    db: db(),
    clock,
    changes: new ChangeFeed(),
    payments: builtInPaymentProviders(db()),
  })
  const anEmail = () => `client-${newSecretToken().slice(0, 8).toLowerCase()}@example.fr`

  /** A shop (a unique name unless given) selling loaves at 4,20 €. */
  async function aShopWithBread(
    name = `Au Fournil ${newSecretToken().slice(0, 6)}`,
  ): Promise<{ shop: Shop; bread: Product }> {
    const shop = await aPickupShop(db(), clock, { profile: { name } })
    const bread = await aProduct(db(), shop.id, {
      name: 'Pain au levain',
      variants: [{ name: '500 g', priceCents: 420, onHand: 20 }],
    })
    return { shop, bread }
  }

  /** A checkout of two loaves from each shop, picked up in the first slot, paid at the counter unless said otherwise. */
  async function aCheckout(
    shops: Array<{ shop: Shop; bread: Product }>,
    method: 'counter' | 'test_card' = 'counter',
  ) {
    const email = anEmail()
    const owner = { token: newSecretToken() }
    for (const { bread } of shops) await addToBasket(ordering(), owner, bread.variants[0]!.id, 2)
    const checkout = await placeOrders(ordering(), {
      owner,
      userId: undefined,
      idempotencyKey: `cle-${newSecretToken()}`,
      contact: { name: 'Lou Bernard', email, phone: '' },
      slots: Object.fromEntries(shops.map(({ shop }) => [shop.id, FIRST_SLOT])),
      payment: { method, token: TEST_CARD_TOKENS.accepted },
    })
    const orders = await Promise.all(
      checkout.orders.map(({ id }, i) => getShopOrder(db(), shops[i]!.shop.id, id)),
    )
    return { email, checkoutId: checkout.id, orders }
  }

  /** The messages kept for one address, oldest first. */
  const mailboxOf = async (email: string): Promise<StoredMail[]> =>
    (await listMailbox(db(), { limit: 500 })).filter((m) => m.to === email).reverse()

  it('confirms a two-shop checkout in one mail naming each shop, its address, slot, pickup code, lines and total', async () => {
    const bakery = await aShopWithBread('Au Fournil')
    const grocer = await aShopWithBread('Épicerie du Port')
    const { email, checkoutId, orders } = await aCheckout([bakery, grocer])

    await sendCheckoutConfirmation(localMail(), checkoutId)

    const mails = await mailboxOf(email)
    expect(mails.map((m) => m.subject)).toEqual(['Commande enregistrée dans 2 commerces'])
    const { text, html } = mails[0]!
    expect(text).toContain('Bonjour Lou Bernard,')
    expect(text).toContain('Elle n’est pas encore prête')
    for (const [i, { shop }] of [bakery, grocer].entries()) {
      expect(text).toContain(`${shop.name} — 12 rue du Marché, 49000 Angers`)
      expect(text).toContain(`Code de retrait : ${spaced(orders[i]!.pickupCode)}`)
      expect(html).toContain(`<strong>${spaced(orders[i]!.pickupCode)}</strong>`)
    }
    expect(text.split('Retrait : lundi 23 novembre à 10:00 – 10:15')).toHaveLength(3)
    expect(text.split(`  2 × Pain au levain (500 g) : ${formatEuros(840)}`)).toHaveLength(3)
    expect(text.split(`Total : ${formatEuros(840)} TTC, à régler au comptoir`)).toHaveLength(3)
    expect(text).toContain(
      `Suivre ou annuler (tant que la préparation n’a pas commencé) : http://localhost/commandes/${checkoutId}`,
    )
  })

  it('puts a single shop’s pickup code in the subject and says a card is only charged at pickup', async () => {
    const bakery = await aShopWithBread()
    const { email, checkoutId, orders } = await aCheckout([bakery], 'test_card')

    await sendCheckoutConfirmation(localMail(), checkoutId)

    const [mail] = await mailboxOf(email)
    expect(mail!.subject).toBe(
      `Commande enregistrée chez ${bakery.shop.name} — code ${spaced(orders[0]!.pickupCode)}`,
    )
    expect(mail!.text).toContain(
      `Total : ${formatEuros(840)} TTC, carte autorisée, débitée au retrait seulement`,
    )
  })

  it('tells the resident the order is ready, with the code as text and as a QR code a scanner reads, and until when it is kept', async () => {
    const bakery = await aShopWithBread()
    const { email, orders } = await aCheckout([bakery])
    const { id: orderId, pickupCode } = orders[0]!
    // Not ready yet: nothing is written.
    await sendOrderReady(localMail(), orderId)
    expect(await mailboxOf(email)).toEqual([])
    for (const to of ['accepted', 'preparing', 'ready'] as const)
      await moveOrder(ordering(), { by: 'shop', shopId: bakery.shop.id, userId: platform }, orderId, to)

    await sendOrderReady(localMail(), orderId)

    const [ready] = await mailboxOf(email)
    expect(ready!.subject).toBe(
      `Votre commande chez ${bakery.shop.name} est prête — code ${spaced(pickupCode)}`,
    )
    expect(ready!.text).toContain(
      `Code de retrait : ${spaced(pickupCode)} (montrez-le ou dites-le au comptoir).`,
    )
    expect(ready!.text).toContain('Créneau choisi : lundi 23 novembre à 10:00 – 10:15')
    // The shop keeps it 24 hours after the slot ends.
    expect(ready!.text).toContain('Nous la gardons jusqu’au mardi 24 novembre à 10:15.')
    expect(ready!.html).toContain(
      `<img src="cid:pickup-code" width="240" height="240" alt="QR code du retrait ${pickupCode}" />`,
    )
    const qr = ready!.attachments.find((a) => a.cid === 'pickup-code')!
    expect(qr.contentType).toBe('image/png')
    const { data, info } = await sharp(Buffer.from(qr.base64, 'base64'))
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true })
    // jsqr is CommonJS: TypeScript sees its function as .default, which the package also exports.
    expect(jsqr.default(new Uint8ClampedArray(data), info.width, info.height)?.data).toBe(pickupCode)
  })

  it('tells once that the shop cancelled, with its reason and that nothing was charged', async () => {
    const bakery = await aShopWithBread()
    const { email, orders } = await aCheckout([bakery])
    const orderId = orders[0]!.id
    await moveOrder(
      ordering(),
      { by: 'shop', shopId: bakery.shop.id, userId: platform },
      orderId,
      'cancelled',
      'Four en panne',
    )

    await sendOrderClosed(localMail(), orderId, 'cancelled', cancelReasonText)
    await sendOrderClosed(localMail(), orderId, 'cancelled', cancelReasonText)

    const mails = await mailboxOf(email)
    expect(mails.map((m) => m.subject)).toEqual([`Commande annulée chez ${bakery.shop.name}`])
    expect(mails[0]!.text).toContain(
      `Votre commande du lundi 23 novembre à 09:00 chez ${bakery.shop.name} est annulée (Four en panne).`,
    )
    expect(mails[0]!.text).toContain('Rien ne vous a été débité.')
    expect(mails[0]!.text).toContain(`  2 × Pain au levain (500 g) : ${formatEuros(840)}`)
  })

  it('tells a resident whose card order was not collected that it is cancelled and the card hold lifted', async () => {
    const bakery = await aShopWithBread()
    const { email, orders } = await aCheckout([bakery], 'test_card')

    await sendOrderClosed(localMail(), orders[0]!.id, 'no_show', cancelReasonText)

    const [mail] = await mailboxOf(email)
    expect(mail!.subject).toBe(`Commande non retirée chez ${bakery.shop.name}`)
    expect(mail!.text).toContain(
      `Votre commande chez ${bakery.shop.name} n’a pas été retirée à temps : elle est annulée et les articles sont remis en rayon.`,
    )
    expect(mail!.text).toContain('L’autorisation sur votre carte est levée : rien n’est débité.')
  })

  it('keeps messages in the local mailbox when no SMTP server is configured', async () => {
    const setup = await aShopWithBread()
    const { email, checkoutId } = await aCheckout([setup])

    await sendCheckoutConfirmation(localMail(), checkoutId)

    expect(smtp.to(email)).toHaveLength(0)
    const kept = await db()
      .selectFrom('mail_messages')
      .select(['to_address', 'subject', 'transport', 'delivered_at'])
      .where('source_key', '=', `checkout.confirmed:${checkoutId}`)
      .execute()
    expect(kept).toEqual([
      {
        to_address: email,
        subject: expect.stringContaining('Commande enregistrée chez'),
        transport: 'local',
        delivered_at: expect.any(String),
      },
    ])
    // The coordinator's mailbox lists it, and opens it whole.
    const [listed] = await mailboxOf(email)
    expect(await findMail(db(), listed!.id)).toEqual(listed)
  })

  it('sends a message once by SMTP, however often its outbox message is handled', async () => {
    const email = anEmail()
    const deps = {
      db: db(),
      clock,
      mailTransport: smtpTransport(smtp.url),
      mailFrom: 'Comptoir <contact@comptoir.test>',
    }
    const mail = {
      to: email,
      subject: 'Votre commande est prête',
      text: 'Code K7M 4QX',
      html: '<p>Code <strong>K7M 4QX</strong></p>',
    }

    await deliverMail(deps, `test.once:${email}`, mail)
    await deliverMail(deps, `test.once:${email}`, mail)

    const received = await smtp.waitForTo(email, 1)
    await new Promise((resolve) => setTimeout(resolve, 200)) // time for a second message, were one sent
    expect(smtp.to(email)).toHaveLength(1)
    expect(received.map((m) => [m.subject, m.text?.trim(), m.from?.text])).toEqual([
      ['Votre commande est prête', 'Code K7M 4QX', '"Comptoir" <contact@comptoir.test>'],
    ])
    expect((await mailboxOf(email)).map((m) => [m.transport, m.deliveredAt !== undefined])).toEqual([
      ['smtp', true],
    ])
  })

  it('keeps a message the mail server refused, and sends it once at the next try', async () => {
    const email = anEmail()
    const down: MailTransport = {
      name: 'smtp',
      send: async () => Promise.reject(new Error('connection refused')),
    }
    const mail = {
      to: email,
      subject: 'Commande annulée',
      text: 'Rien ne vous a été débité.',
      html: '<p>Rien ne vous a été débité.</p>',
    }
    const deps = (mailTransport: MailTransport) => ({
      db: db(),
      clock,
      mailTransport,
      mailFrom: 'Comptoir <contact@comptoir.test>',
    })

    await expect(deliverMail(deps(down), `test.retry:${email}`, mail)).rejects.toThrow('connection refused')
    expect((await mailboxOf(email)).map((m) => [m.subject, m.deliveredAt])).toEqual([
      ['Commande annulée', undefined],
    ])

    await deliverMail(deps(smtpTransport(smtp.url)), `test.retry:${email}`, mail)
    await deliverMail(deps(smtpTransport(smtp.url)), `test.retry:${email}`, mail)

    await smtp.waitForTo(email, 1)
    await new Promise((resolve) => setTimeout(resolve, 200)) // time for a second message, were one sent
    expect(smtp.to(email).map((m) => m.subject)).toEqual(['Commande annulée'])
    expect((await mailboxOf(email)).map((m) => m.deliveredAt !== undefined)).toEqual([true])
  })
})
