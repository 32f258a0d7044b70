import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import { requireStaffOf } from '../../../http/auth.js'
import type { AppDeps } from '../../../http/deps.js'
import { httpStatusOf } from '../../../http/problem-details.js'
import type { AppError } from '../../../lib/app-error.js'
import { formatEuros, frenchLongDay, frenchTime } from '../../../lib/french-format.js'
import { parseEuros } from '../../../lib/money.js'
import { fromZoned, isValidLocalDate, parseTimeOfDay, toZoned } from '../../../lib/zoned-time.js'
import { listShopProducts } from '../../../modules/catalog/index.js'
import {
  endDrop,
  listShopDrops,
  MAX_DROP_OFFERS,
  scheduleDrop,
  type Drop,
  type DropInput,
} from '../../../modules/drops/index.js'
import { getShop, type Membership, type Shop } from '../../../modules/shops/index.js'
import { bodyOf, fieldErrors, fieldProblemsOf, isFormError, text, wholeNumber } from '../../forms.js'
import { fieldMessage, t } from '../../i18n/index.js'
import { csrfInput, field, formAlert, selectField, type FormErrors } from '../../views/components.js'
import { sendHtml } from '../../views/send-html.js'
import { noticeOf, shopPage, withNotice } from '../admin-shell.js'

type Params = { Params: { shopId: string } }

/** Variants offered in the list: the shop's first published products by name, as the substitute list does. */
const PRODUCT_LIMIT = 200

interface Values {
  variantId: string
  title: string
  /** YYYY-MM-DD and HH:MM on the shop's wall clock, as the date and time inputs send them. */
  startDate: string
  startTime: string
  units: string
  perResidentLimit: string
  holdMinutes: string
  /** Bundle offers, one row each (offerVariantId0, offerPrice0, …); a row without a product is left out. */
  offers: Array<{ variantId: string; price: string }>
}

/** The drops module's field problems, in words that say the bounds (rules.ts of the drops module). */
const FIELD_TEXTS: Record<string, Record<string, string>> = {
  title: { length: 'Le titre compte de 2 à 120 caractères.' },
  startsAt: {
    invalid_date: 'Indiquez la date et l’heure du début.',
    in_the_past: 'Le début doit être à venir.',
  },
  units: { out_of_range: 'Indiquez de 1 à 100 000 unités.' },
  perResidentLimit: { out_of_range: 'De 1 à 10 par personne.' },
  holdMinutes: { out_of_range: 'De 2 à 60 minutes.' },
  bundlePriceCents: { out_of_range: 'Indiquez le prix du lot, par exemple 28,00.' },
}

/**
 * The form field of a module field: offers.N.variantId → offerVariantIdR, offers.N.bundlePriceCents → offerPriceR,
 * where R is the form row the module's offer N came from (rows without a product are left out).
 */
function formFieldOf(field: string, offerRows: readonly number[]): { name: string; rule: string } {
  const offer = /^offers\.(\d+)\.(variantId|bundlePriceCents)$/.exec(field)
  if (!offer) return { name: field, rule: field }
  const row = offerRows[Number(offer[1])] ?? 0
  return { name: offer[2] === 'variantId' ? `offerVariantId${row}` : `offerPrice${row}`, rule: offer[2]! }
}

const offerRowsOf = (values: Values) => values.offers.flatMap((o, row) => (o.variantId !== '' ? [row] : []))

const valuesOf = (body: Readonly<Record<string, unknown>>): Values => ({
  variantId: text(body, 'variantId', 40).trim(),
  title: text(body, 'title', 200),
  startDate: text(body, 'startDate', 20).trim(),
  startTime: text(body, 'startTime', 10).trim(),
  units: text(body, 'units', 20).trim(),
  perResidentLimit: text(body, 'perResidentLimit', 20).trim(),
  holdMinutes: text(body, 'holdMinutes', 20).trim(),
  offers: Array.from({ length: MAX_DROP_OFFERS }, (_, i) => ({
    variantId: text(body, `offerVariantId${i}`, 40).trim(),
    price: text(body, `offerPrice${i}`, 20).trim(),
  })),
})

const noOffers = () => Array.from({ length: MAX_DROP_OFFERS }, () => ({ variantId: '', price: '' }))

/** The start as an instant, from the wall-clock date and time in the shop's zone; '' when either is unreadable. */
function startsAtOf(values: Values, timeZone: string): string {
  const minute = parseTimeOfDay(values.startTime)
  if (!isValidLocalDate(values.startDate) || minute === undefined || minute >= 1440) return ''
  return fromZoned(values.startDate, minute, timeZone).toISOString()
}

/** /admin/:shopId/ventes: the shop's drops (issue #4) with their counters, ending one, and scheduling a new one. */
export function registerDropsPage(admin: FastifyInstance, deps: AppDeps): void {
  const drops = deps.modules.drops
  const path = '/admin/:shopId/ventes'

  async function show(
    req: FastifyRequest,
    reply: FastifyReply,
    membership: Membership,
    shop: Shop,
    values: Values,
    errors: FormErrors = {},
    alert?: string,
  ) {
    const [list, products] = await Promise.all([
      listShopDrops(deps.db, shop.id),
      listShopProducts(deps.db, shop.id, { status: 'published', limit: PRODUCT_LIMIT }),
    ])
    const variants = products.items
      .filter((p) => p.kind === 'product')
      .flatMap((p) =>
        p.variants.map((v) => ({
          v,
          name: `${p.name}${p.variants.length > 1 ? ` (${v.name})` : ''} — ${formatEuros(v.priceCents)}`,
        })),
      )
    // scheduleDrop takes only products with a stock count; units it would set aside must be there.
    const options = variants
      .filter(({ v }) => v.stock && v.stock.available > 0)
      .map(({ v, name }) => ({ value: v.id, label: `${name} — ${v.stock!.available} en stock` }))
    const offerOptions = variants.map(({ v, name }) => ({ value: v.id, label: name }))
    return sendHtml(
      reply,
      dropsPage(
        req,
        reply,
        membership,
        shop,
        { list, options, offerOptions, now: deps.clock.now() },
        values,
        errors,
        alert,
      ),
    )
  }

  admin.get<Params>(path, async (req, reply) => {
    const membership = requireStaffOf(req, req.params.shopId)
    const shop = await getShop(deps.db, membership.shopId)
    const today = toZoned(deps.clock.now(), shop.timeZone).date
    return show(req, reply, membership, shop, {
      variantId: '',
      title: '',
      startDate: today,
      startTime: '',
      units: '',
      perResidentLimit: '1',
      holdMinutes: '10',
      offers: noOffers(),
    })
  })

  admin.post<Params>(path, { preHandler: admin.csrfProtection }, async (req, reply) => {
    const membership = requireStaffOf(req, req.params.shopId)
    const shop = await getShop(deps.db, membership.shopId)
    const values = valuesOf(bodyOf(req.body))
    // An empty or unreadable number becomes NaN, so the module reports every problem at once.
    const number = (value: string) => wholeNumber(value) ?? Number.NaN
    const input: DropInput = {
      variantId: values.variantId,
      title: values.title,
      startsAt: startsAtOf(values, shop.timeZone),
      units: number(values.units),
      perResidentLimit: number(values.perResidentLimit),
      holdMinutes: number(values.holdMinutes),
      offers: offerRowsOf(values).map((row) => ({
        variantId: values.offers[row]!.variantId,
        bundlePriceCents: parseEuros(values.offers[row]!.price) ?? Number.NaN,
      })),
    }
    // A bundle price typed without its product would be dropped without a word: say so instead.
    const orphanPrices = values.offers.flatMap((o, row) =>
      o.variantId === '' && o.price !== '' ? [row] : [],
    )
    if (orphanPrices.length > 0) {
      const errors = Object.fromEntries(
        orphanPrices.map((row) => [
          `offerVariantId${row}`,
          'Choisissez le produit ajouté, ou effacez le prix du lot.',
        ]),
      )
      return show(req, reply.code(400), membership, shop, values, errors, t('drops.invalid_drop'))
    }
    try {
      await scheduleDrop(drops, req.viewer.user!.id, membership.shopId, input)
    } catch (error) {
      if (!isFormError(error)) throw error
      return show(
        req,
        reply.code(httpStatusOf(error)),
        membership,
        shop,
        values,
        dropErrors(error, values),
        t(error.code, 'Vérifiez les champs signalés.'),
      )
    }
    return reply.redirect(withNotice(`/admin/${membership.shopId}/ventes`, 'vente-programmee'), 303)
  })

  admin.post<{ Params: { shopId: string; dropId: string } }>(
    `${path}/:dropId/terminer`,
    { preHandler: admin.csrfProtection },
    async (req, reply) => {
      const membership = requireStaffOf(req, req.params.shopId)
      // Another shop's drop is not found, like an unknown one (the query names this shop).
      await endDrop(drops, membership.shopId, req.params.dropId)
      return reply.redirect(withNotice(`/admin/${membership.shopId}/ventes`, 'vente-terminee'), 303)
    },
  )
}

/** Each problem next to its input: the start's next to the date or the time, the stock's next to the units. */
function dropErrors(error: AppError, values: Values): FormErrors {
  const offerRows = offerRowsOf(values)
  const dateUnread = !isValidLocalDate(values.startDate)
  const timeUnread = parseTimeOfDay(values.startTime) === undefined
  const errors = fieldErrors(fieldProblemsOf(error), {
    inputOf: (p) =>
      p.field === 'startsAt'
        ? !dateUnread && timeUnread
          ? 'startTime'
          : 'startDate'
        : formFieldOf(p.field, offerRows).name,
    typed: values,
    wordsFor: (p) => {
      if (p.field === 'startsAt' && dateUnread) return fieldMessage('invalid_date')
      if (p.field === 'startsAt' && timeUnread) return 'Indiquez une heure, par exemple 10:00.'
      return FIELD_TEXTS[formFieldOf(p.field, offerRows).rule]?.[p.code] ?? FIELD_TEXTS[p.field]?.[p.code]
    },
  })
  if (error.code === 'drops.offer_not_orderable')
    errors[formFieldOf(String(error.details.field), offerRows).name] = t(error.code)
  if (error.code === 'drops.variant_not_orderable')
    errors.variantId = values.variantId ? t(error.code) : 'Choisissez un produit.'
  if (error.code === 'inventory.insufficient_stock') {
    const available = (error.details.shortages as Array<{ available: number }> | undefined)?.[0]?.available
    errors.units =
      available === undefined
        ? t(error.code)
        : `Il n’en reste que ${available} en stock pour ce produit : mettez de côté au plus ${available} unités.`
  }
  return errors
}

function stateOf(drop: Drop, now: Date): { label: string; tone: 'ok' | 'muted' } {
  if (drop.endedAt) return { label: 'Terminée', tone: 'muted' }
  if (now.toISOString() < drop.startsAt) return { label: 'À venir', tone: 'ok' }
  return drop.unitsLeft === 0 ? { label: 'Épuisée', tone: 'muted' } : { label: 'En cours', tone: 'ok' }
}

function dropRow(base: string, shop: Shop, drop: Drop, csrf: string, now: Date): string {
  const state = stateOf(drop, now)
  const startsAt = new Date(drop.startsAt)
  return html`<li class="drop-row">
    <p class="drop-row-title"><a href="/ventes/${drop.id}">${drop.title}</a> <span class="badge badge-${state.tone}">${state.label}</span></p>
    <p class="drop-row-meta">${frenchLongDay(startsAt, shop.timeZone)} à ${frenchTime(startsAt, shop.timeZone)}</p>
    <ul class="drop-counts" role="list">
      <li><span class="stat-label">Unités</span> <strong>${drop.units}</strong></li>
      <li><span class="stat-label">Restantes</span> <strong>${drop.unitsLeft}</strong></li>
      <li><span class="stat-label">Admis</span> <strong>${drop.admitted}</strong></li>
    </ul>
    !${
      drop.endedAt
        ? ''
        : html`<form method="post" action="${base}/${drop.id}/terminer" class="drop-end">
          !${csrf}
          <button type="submit" class="button small danger">Terminer</button>
        </form>`
    }
  </li>`
}

function dropsPage(
  req: FastifyRequest,
  reply: FastifyReply,
  membership: Membership,
  shop: Shop,
  {
    list,
    options,
    offerOptions,
    now,
  }: {
    list: readonly Drop[]
    options: ReadonlyArray<{ value: string; label: string }>
    offerOptions: ReadonlyArray<{ value: string; label: string }>
    now: Date
  },
  values: Values,
  errors: FormErrors,
  alert: string | undefined,
): string {
  const base = `/admin/${shop.id}/ventes`
  const csrf = csrfInput(reply.generateCsrf())
  const content = html`!${noticeOf(req)}
    <h1>Ventes flash</h1>
    <p class="hint">Une vente flash met en vente un nombre fixe d’unités à une heure précise. Les unités sont mises de côté dès la programmation ; terminer une vente rend au stock celles que personne ne tient.</p>
    <section aria-labelledby="ventes">
      <h2 id="ventes">Vos ventes</h2>
      !${
        list.length === 0
          ? html`<p>Aucune vente pour le moment.</p>`
          : html`<ul class="drop-list" role="list">!${list.map((d) => dropRow(base, shop, d, csrf, now)).join('')}</ul>`
      }
    </section>
    <section aria-labelledby="programmer">
      <h2 id="programmer">Programmer une vente</h2>
      !${formAlert(alert)}
      <form method="post" action="${base}" class="stack admin-form" novalidate>
        !${csrf}
        !${options.length === 0 ? html`<p class="hint">Aucun produit publié n’a d’unités en stock : ajoutez un produit ou mettez son stock à jour.</p>` : ''}
        !${selectField({ name: 'variantId', label: 'Produit', value: values.variantId, errors, options: [{ value: '', label: 'Choisissez un produit' }, ...options] })}
        !${field({ name: 'title', label: 'Titre de la vente', value: values.title, errors, required: true, hint: 'Par exemple « Galettes du dimanche ».', attrs: { maxlength: 120 } })}
        <fieldset>
          <legend>Début (heure du commerce)</legend>
          <div class="row-2">
            !${field({ name: 'startDate', label: 'Date', type: 'date', value: values.startDate, errors, required: true })}
            !${field({ name: 'startTime', label: 'Heure', type: 'time', value: values.startTime, errors, required: true, attrs: { step: 60 } })}
          </div>
        </fieldset>
        !${field({ name: 'units', label: 'Unités mises en vente', type: 'number', value: values.units, errors, required: true, hint: 'Mises de côté sur le stock dès maintenant.', attrs: { inputmode: 'numeric', min: 1, max: 100000, step: 1 } })}
        <div class="row-2">
          !${field({ name: 'perResidentLimit', label: 'Limite par personne', type: 'number', value: values.perResidentLimit, errors, required: true, hint: 'De 1 à 10, pour un même compte.', attrs: { inputmode: 'numeric', min: 1, max: 10, step: 1 } })}
          !${field({ name: 'holdMinutes', label: 'Temps pour commander (minutes)', type: 'number', value: values.holdMinutes, errors, required: true, hint: 'De 2 à 60 ; ensuite les unités passent aux suivants.', attrs: { inputmode: 'numeric', min: 2, max: 60, step: 1 } })}
        </div>
        <fieldset>
          <legend>Lots (facultatif)</legend>
          <p class="hint">Un lot ajoute un autre produit de la boutique à l’article de la vente, pour un prix supérieur à l’article seul et au plus égal aux deux achetés séparément. L’article reste toujours en vente seul ; la page montre le prix du lot et celui de chaque produit.</p>
          !${values.offers
            .map(
              (offer, i) => html`<div class="row-2">
                !${selectField({ name: `offerVariantId${i}`, label: `Lot ${i + 1} : produit ajouté`, value: offer.variantId, errors, options: [{ value: '', label: 'Aucun' }, ...offerOptions] })}
                !${field({ name: `offerPrice${i}`, label: `Lot ${i + 1} : prix du lot (€ TTC)`, value: offer.price, errors, hint: 'Les deux produits ensemble.', attrs: { inputmode: 'decimal' } })}
              </div>`,
            )
            .join('')}
        </fieldset>
        <button type="submit" class="button primary">Programmer la vente</button>
      </form>
    </section>`
  return shopPage(req, membership, 'Ventes flash', 'drops', content)
}
