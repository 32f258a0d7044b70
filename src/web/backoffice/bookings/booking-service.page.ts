import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import { requireStaffOf } from '../../../http/auth.js'
import type { AppDeps } from '../../../http/deps.js'
import { httpStatusOf } from '../../../http/problem-details.js'
import { AppError } from '../../../lib/app-error.js'
import { frenchDuration } from '../../../lib/french-format.js'
import { isWellFormedId } from '../../../lib/ids.js'
import {
  listBookableServices,
  listResources,
  removeBookableService,
  setBookableService,
  type BookableService,
  type PartySettings,
  type Resource,
} from '../../../modules/bookings/index.js'
import { findSellableVariants, type SellableVariant } from '../../../modules/catalog/index.js'
import type { Membership } from '../../../modules/shops/index.js'
import { bodyOf, isFormError } from '../../forms.js'
import { t } from '../../i18n/index.js'
import { csrfInput, formAlert, price, type FormErrors } from '../../views/components.js'
import { sendHtml } from '../../views/send-html.js'
import { requireOwnerOf } from '../access.js'
import { noticeOf, shopPage, withNotice } from '../admin-shell.js'
import { depositPolicyText } from './booking-deposit-form.js'
import {
  readServiceValues,
  serviceErrors,
  serviceFields,
  serviceValuesOf,
  type ServiceValues,
} from './booking-service-form.js'
import { canSetUp, ownerOnlyHint, setupPath } from './booking-views.js'

type Params = { Params: { shopId: string; variantId: string } }
type FormState = { values: ServiceValues; errors: FormErrors; alert?: string | undefined }

interface ServiceData {
  variant: SellableVariant
  resources: Resource[]
  bookable: BookableService | undefined
}

/**
 * /admin/:shopId/rendez-vous/reglages/prestations/:variantId (issue #5): whether a catalog service is booked
 * online and how: who performs it, start times, buffers, notice, horizon, cancellation deadline, and for a
 * restaurant the party sizes it takes on its tables, and the guarantee a booking leaves (UX-16). The owner
 * changes it; staff see it. Another shop's variant, or a product that is not a service, is a 404.
 */
export function registerBookingServicePage(admin: FastifyInstance, deps: AppDeps): void {
  const path = '/admin/:shopId/rendez-vous/reglages/prestations/:variantId'
  const pageOf = (membership: Membership, variantId: string) =>
    `${setupPath(membership.shopId)}/prestations/${variantId}`

  const load = async (membership: Membership, variantId: string): Promise<ServiceData> => {
    const variant = isWellFormedId(variantId)
      ? (await findSellableVariants(deps.db, [variantId])).get(variantId as SellableVariant['variantId'])
      : undefined
    if (!variant || variant.shopId !== membership.shopId || variant.kind !== 'service') {
      throw new AppError('not_found', 'catalog.product_not_found', 'service not found')
    }
    const [resources, bookable] = await Promise.all([
      listResources(deps.db, membership.shopId),
      listBookableServices(deps.db, membership.shopId, { withHidden: true }),
    ])
    return { variant, resources, bookable: bookable.find((s) => s.variantId === variant.variantId) }
  }
  const show = (
    req: FastifyRequest,
    reply: FastifyReply,
    membership: Membership,
    data: ServiceData,
    state?: FormState,
  ) => sendHtml(reply, servicePage(req, reply, membership, data, state))

  admin.get<Params>(path, async (req, reply) => {
    const membership = requireStaffOf(req, req.params.shopId)
    return show(req, reply, membership, await load(membership, req.params.variantId))
  })

  admin.post<Params>(path, { preHandler: admin.csrfProtection }, async (req, reply) => {
    const membership = requireOwnerOf(req, req.params.shopId)
    const data = await load(membership, req.params.variantId)
    const { values, settings } = readServiceValues(bodyOf(req.body), data.resources)
    try {
      await setBookableService(deps.modules.bookings, membership.shopId, data.variant.variantId, settings)
    } catch (error) {
      if (!isFormError(error)) throw error
      return show(req, reply.code(httpStatusOf(error)), membership, data, {
        values,
        errors: serviceErrors(error, values),
        alert: t(error.code),
      })
    }
    return reply.redirect(
      withNotice(pageOf(membership, data.variant.variantId), 'prestation-enregistree'),
      303,
    )
  })

  admin.post<Params>(`${path}/retirer`, { preHandler: admin.csrfProtection }, async (req, reply) => {
    const membership = requireOwnerOf(req, req.params.shopId)
    // Another shop's service is not bookable here, like an unknown one (the module names this shop).
    await removeBookableService(deps.modules.bookings, membership.shopId, req.params.variantId)
    return reply.redirect(withNotice(pageOf(membership, req.params.variantId), 'prestation-retiree'), 303)
  })
}

function servicePage(
  req: FastifyRequest,
  reply: FastifyReply,
  membership: Membership,
  data: ServiceData,
  state: FormState | undefined,
): string {
  const { variant, bookable } = data
  const base = `${setupPath(membership.shopId)}/prestations/${variant.variantId}`
  const label = variant.variantName ? `${variant.productName} (${variant.variantName})` : variant.productName
  const facts = [
    variant.durationMinutes !== undefined ? frenchDuration(variant.durationMinutes) : '',
    price(variant.priceCents),
  ]
    .filter(Boolean)
    .join(' · ')
  const content = html`!${noticeOf(req)}
    <p class="breadcrumb"><a href="${setupPath(membership.shopId)}">← Réglages des rendez-vous</a></p>
    <h1>${label}</h1>
    <p class="muted">${facts}</p>
    <p>!${bookable ? '<span class="badge badge-ok">Réservable en ligne</span>' : '<span class="badge badge-muted">Pas réservable en ligne</span>'}</p>
    !${variant.published ? '' : html`<p class="hint">Masquée du catalogue : personne ne peut la réserver tant qu’elle est masquée.</p>`}
    !${body(reply, membership, data, base, state)}`
  return shopPage(req, membership, label, 'bookings', content)
}

function body(
  reply: FastifyReply,
  membership: Membership,
  data: ServiceData,
  base: string,
  state: FormState | undefined,
): string {
  const { variant, resources, bookable } = data
  if (variant.durationMinutes === undefined) {
    return html`<p>Cette prestation n’a pas de durée : indiquez-la dans <a href="/admin/${membership.shopId}/produits/${variant.productId}">sa fiche</a> pour la proposer en rendez-vous.</p>`
  }
  if (resources.length === 0) {
    return html`<div class="empty admin-empty">
      <p>Ajoutez d’abord une personne ou une ressource qui fait cette prestation.</p>
      <p><a href="${setupPath(membership.shopId)}">Ajouter une personne ou une ressource</a></p>
    </div>`
  }
  if (!canSetUp(membership))
    return html`!${bookable ? settingsSummary(bookable, resources) : ''}!${ownerOnlyHint('les réglages des prestations')}`
  const csrf = csrfInput(reply.generateCsrf())
  return html`!${formAlert(state?.alert)}
    <form method="post" action="${base}" class="stack admin-form" novalidate>
      !${csrf}
      !${serviceFields(state?.values ?? serviceValuesOf(bookable, resources), state?.errors ?? {}, resources, variant.priceCents)}
      <button type="submit" class="button primary">!${bookable ? 'Enregistrer les réglages' : 'Rendre réservable en ligne'}</button>
    </form>
    !${
      bookable
        ? html`<details class="confirm">
          <summary>Ne plus la proposer en ligne…</summary>
          <p class="hint">Les clients ne pourront plus la réserver ; les rendez-vous déjà pris restent.</p>
          <form method="post" action="${base}/retirer" class="inline-form">
            !${csrf}
            <button type="submit" class="button small danger">Confirmer : ne plus la proposer en ligne</button>
          </form>
        </details>`
        : ''
    }`
}

/** What staff see instead of the form. */
function settingsSummary(s: BookableService, resources: readonly Resource[]): string {
  const who = resources
    .filter((r) => s.resourceIds.includes(r.id))
    .map((r) => r.name)
    .join(', ')
  return html`<ul class="settings-summary">
    <li>Avec : ${who}</li>
    <li>Un début toutes les ${frenchDuration(s.stepMinutes)}</li>
    <li>Préparation avant : ${frenchDuration(s.bufferBeforeMinutes)} ; rangement après : ${frenchDuration(s.bufferAfterMinutes)}</li>
    <li>Réservable de ${s.noticeMinutes === 0 ? 'maintenant' : `${frenchDuration(s.noticeMinutes)} avant`} jusqu’à ${s.horizonDays} jours à l’avance</li>
    <li>Annulation en ligne jusqu’à ${s.cancelHoursBefore} h avant</li>
    !${s.party ? partySummary(s.party) : ''}
    <li>Garantie : ${depositPolicyText(s.deposit, s.priceCents)}</li>
  </ul>`
}

/** "Par couverts : jusqu’à 8 personnes en ligne, sur demande dès 6 ; 5 personnes et plus : 2 h". */
function partySummary(party: PartySettings): string {
  const durations = party.durations.map(
    (d) => `${d.fromParty} personne${d.fromParty > 1 ? 's' : ''} et plus : ${frenchDuration(d.minutes)}`,
  )
  return html`<li>Par couverts : jusqu’à ${party.maxParty} personne${party.maxParty > 1 ? 's' : ''} en ligne!${party.onRequestFrom === undefined ? '' : html`, sur demande dès ${party.onRequestFrom}`}</li>
    !${durations.length > 0 ? html`<li>Durée : ${durations.join(' ; ')}</li>` : ''}`
}
