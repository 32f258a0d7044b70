import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import { basketOwner } from '../../http/basket-owner.js'
import type { AppDeps } from '../../http/deps.js'
import { residentRateLimit } from '../../http/rate-limits.js'
import { httpStatusOf } from '../../http/problem-details.js'
import { AppError } from '../../lib/app-error.js'
import { frenchDate, frenchLongDay, frenchMinuteOfDay, frenchTime } from '../../lib/french-format.js'
import { newSecretToken } from '../../lib/secret-token.js'
import { toZoned } from '../../lib/zoned-time.js'
import { formErrorsOf } from '../forms.js'
import { consumerRightsBeforeOrder } from '../views/consumer-information.js'
import { sendHtml } from '../views/send-html.js'
import { withdrawalNotice } from '../views/withdrawal-notice.js'
import {
  listPickupSlots,
  placeOrders,
  viewBasket,
  type Basket,
  type PaymentMethod,
  type PickupSlot,
} from '../../modules/ordering/index.js'
import { TEST_CARD_TOKENS } from '../../modules/payments/index.js'
import { closureOn, getOpeningSchedule, getShop, type Shop } from '../../modules/shops/index.js'
import { t } from '../i18n/index.js'
import { csrfInput, field, formAlert, price, type FormErrors } from '../views/components.js'
import { storefrontPage } from '../views/layout.js'

type FormBody = Record<string, string | undefined>

interface CheckoutForm {
  name: string
  email: string
  phone: string
  payment: PaymentMethod
  slots: Record<string, string>
  /** The hidden token that makes a resubmitted form (double click, back button) one checkout. */
  key: string
}

/** Checkout: a slot per shop, contact details, payment, and the order button that says it commits to pay (F5). */
export function registerCheckoutPage(app: FastifyInstance, deps: AppDeps): void {
  const owner = (req: FastifyRequest, reply: FastifyReply) =>
    basketOwner(req, reply, { create: false, secure: deps.secureCookies })

  app.get('/commande', async (req, reply) => {
    const who = owner(req, reply)
    const basket = who ? await viewBasket(deps.db, who) : undefined
    if (!basket || basket.lineCount === 0) return reply.redirect('/panier', 303)
    const user = req.viewer.user
    const form: CheckoutForm = {
      name: user?.displayName ?? '',
      email: user?.email ?? '',
      phone: '',
      payment: 'counter',
      slots: {},
      key: newSecretToken(),
    }
    return sendCheckout(req, reply, basket, form, {})
  })

  app.post(
    '/commande',
    { preHandler: app.csrfProtection, config: residentRateLimit(deps) },
    async (req, reply) => {
      const who = owner(req, reply)
      if (!who) return reply.redirect('/panier', 303)
      const body = (req.body ?? {}) as FormBody
      const form: CheckoutForm = {
        name: String(body.name ?? '').slice(0, 200),
        email: String(body.email ?? '').slice(0, 300),
        phone: String(body.phone ?? '').slice(0, 40),
        payment: body.payment === 'test_card' ? 'test_card' : 'counter',
        slots: Object.fromEntries(
          Object.entries(body)
            .filter(([k, v]) => k.startsWith('slot.') && v)
            .map(([k, v]) => [k.slice(5), String(v)]),
        ),
        key: String(body.key ?? ''),
      }
      try {
        const checkout = await placeOrders(deps.modules.ordering, {
          owner: who,
          userId: req.viewer.user?.id,
          idempotencyKey: form.key,
          contact: { name: form.name, email: form.email, phone: form.phone },
          slots: form.slots,
          payment: {
            method: form.payment,
            token: body.testCard === 'declined' ? TEST_CARD_TOKENS.declined : TEST_CARD_TOKENS.accepted,
          },
        })
        return reply.redirect(`/commandes/${checkout.id}`, 303)
      } catch (error) {
        if (!(error instanceof AppError)) throw error
        const basket = await viewBasket(deps.db, who)
        if (basket.lineCount === 0) return reply.redirect('/panier', 303)
        const errors = formErrorsOf(error)
        return sendCheckout(
          req,
          reply.code(httpStatusOf(error)),
          basket,
          { ...form, key: error.code === 'ordering.idempotency_key_reused' ? newSecretToken() : form.key },
          errors,
          t(error.code),
        )
      }
    },
  )

  async function sendCheckout(
    req: FastifyRequest,
    reply: FastifyReply,
    basket: Basket,
    form: CheckoutForm,
    errors: FormErrors,
    alert?: string,
  ) {
    const now = deps.clock.now()
    const parts = await Promise.all(
      basket.parts.map(async (part) => {
        const shop = await getShop(deps.db, part.shopId)
        const schedule = await getOpeningSchedule(deps.db, shop, now)
        const slots = await listPickupSlots(deps.db, shop, now, schedule)
        const today = toZoned(now, shop.timeZone)
        const todayClosed = closureOn(today.date, schedule.closures)
        const todayHours = todayClosed
          ? []
          : schedule.hours
              .filter((r) => r.weekday === today.weekday)
              .sort((a, b) => a.opensMinute - b.opensMinute)
        return { part, shop, slots, nextClosure: schedule.closures[0], todayHours }
      }),
    )
    const content = html`<h1>Commander</h1>
      !${formAlert(alert)}
      <form method="post" action="/commande" class="stack checkout" novalidate>
        !${csrfInput(reply.generateCsrf())}
        <input type="hidden" name="key" value="${form.key}" />
        !${parts
          .map(
            ({ part, shop, slots, nextClosure, todayHours }) => html`<fieldset class="checkout-shop">
              <legend>${shop.name}</legend>
              <p>${shop.address.street}, ${shop.address.postalCode} ${shop.address.city}!${shop.phone ? html` · ${shop.phone}` : ''}!${shop.email ? html` · ${shop.email}` : ''}!${shop.siret ? html` · SIRET ${shop.siret}` : ''}</p>
              !${shop.pickupInstructions ? html`<p>Retrait : ${shop.pickupInstructions}</p>` : ''}
              <p>Aujourd’hui : ${todayHours.length === 0 ? 'fermé' : todayHours.map((r) => `${frenchMinuteOfDay(r.opensMinute)} – ${frenchMinuteOfDay(r.closesMinute)}`).join(', ')}</p>
              !${nextClosure ? html`<p class="notice">Fermeture exceptionnelle du ${frenchDate(nextClosure.startsOn)} au ${frenchDate(nextClosure.endsOn)}.</p>` : ''}
              <ul class="checkout-lines">!${part.lines.map((l) => html`<li>${l.quantity} × ${l.variant.productName} (${l.variant.variantName}) — ${price(l.lineTotalCents)}</li>`).join('')}</ul>
              !${withdrawalNotice(part.lines.map((l) => l.variant))}
              !${consumerRightsBeforeOrder(
                shop,
                part.lines.map((l) => ({ ...l.variant, quantity: l.quantity })),
              )}
              <p>Sous-total : <strong>${price(part.totalCents)}</strong> TTC</p>
              !${slotSelect(shop, slots, form.slots[shop.id], errors[`slots.${shop.id}`])}
            </fieldset>`,
          )
          .join('')}
        <fieldset>
          <legend>Vos coordonnées</legend>
          !${field({ name: 'name', label: 'Nom', value: form.name, errors, errorKey: 'contact.name', required: true, attrs: { autocomplete: 'name', maxlength: 100 } })}
          !${field({ name: 'email', label: 'Adresse e-mail', type: 'email', value: form.email, errors, errorKey: 'contact.email', required: true, hint: 'Pour la confirmation et le message « commande prête ».', attrs: { autocomplete: 'email' } })}
          !${field({ name: 'phone', label: 'Téléphone (facultatif)', type: 'tel', value: form.phone, errors, errorKey: 'contact.phone', attrs: { autocomplete: 'tel' } })}
        </fieldset>
        <fieldset>
          <legend>Paiement</legend>
          <label class="choice"><input type="radio" name="payment" value="counter"!${form.payment === 'counter' ? ' checked' : ''} /> Payer au comptoir, au retrait</label>
          <label class="choice"><input type="radio" name="payment" value="test_card"!${form.payment === 'test_card' ? ' checked' : ''} /> Carte (paiement de test : montant autorisé maintenant, débité au retrait seulement)</label>
        </fieldset>
        <p class="recap">Total à payer : <strong>${price(basket.totalCents)}</strong> TTC. Vous pouvez annuler tant que la préparation n’a pas commencé.</p>
        <button type="submit" class="button primary">Commander avec obligation de paiement</button>
      </form>`
    return sendHtml(
      reply.header('cache-control', 'private, no-store'),
      storefrontPage({ title: 'Commander — Comptoir', noindex: true }, req.viewer, content),
    )
  }
}

/** The shop's slots, by day; a full slot is shown but cannot be chosen (UX-07). */
function slotSelect(
  shop: Shop,
  slots: readonly PickupSlot[],
  chosen: string | undefined,
  error: string | undefined,
): string {
  const id = `slot-${shop.id}`
  if (slots.length === 0)
    return html`<p class="error" id="${id}">Ce commerce ne propose pas de créneau de retrait dans les prochains jours.</p>`
  const days = new Map<string, PickupSlot[]>()
  for (const slot of slots) {
    const day = frenchLongDay(slot.startsAt, shop.timeZone)
    const sameDay = days.get(day)
    if (sameDay) sameDay.push(slot)
    else days.set(day, [slot])
  }
  return html`<div class="field!${error ? ' has-error' : ''}">
    <label for="${id}">Créneau de retrait</label>
    <select id="${id}" name="slot.${shop.id}" required!${error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}>
      <option value="">Choisissez un créneau</option>
      !${[...days]
        .map(
          ([day, daySlots]) =>
            html`<optgroup label="${day}">!${daySlots
              .map((s) => {
                const value = s.startsAt.toISOString()
                const label = `${frenchTime(s.startsAt, shop.timeZone)} – ${frenchTime(s.endsAt, shop.timeZone)}${s.remaining === 0 ? ' (complet)' : ''}`
                return html`<option value="${value}"!${s.remaining === 0 ? ' disabled' : ''}!${chosen === value ? ' selected' : ''}>${label}</option>`
              })
              .join('')}</optgroup>`,
        )
        .join('')}
    </select>
    !${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}
  </div>`
}
