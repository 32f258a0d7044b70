import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import { requireStaffOf } from '../../../http/auth.js'
import type { AppDeps } from '../../../http/deps.js'
import { httpStatusOf } from '../../../http/problem-details.js'
import type { Db } from '../../../db/index.js'
import { frenchDuration } from '../../../lib/french-format.js'
import type { ShopId } from '../../../lib/ids.js'
import {
  createResource,
  listBookableServices,
  listResources,
  NO_SHOW_LIMIT_RANGE,
  noShowLimitOf,
  setNoShowLimit,
  type BookableService,
  type Resource,
} from '../../../modules/bookings/index.js'
import { listShopProducts, type Product } from '../../../modules/catalog/index.js'
import type { Membership } from '../../../modules/shops/index.js'
import { bodyOf, isFormError, text, wholeNumber } from '../../forms.js'
import { t } from '../../i18n/index.js'
import { csrfInput, formAlert, price, type FormErrors } from '../../views/components.js'
import { sendHtml } from '../../views/send-html.js'
import { requireOwnerOf } from '../access.js'
import { noticeOf, shopPage, withNotice } from '../admin-shell.js'
import {
  blankResource,
  readResourceValues,
  resourceErrors,
  resourceFields,
  type ResourceValues,
} from './booking-resource-form.js'
import { canSetUp, ownerOnlyHint, resourceKindText, seatsText, setupPath } from './booking-views.js'

type Params = { Params: { shopId: string } }
interface AddState {
  values: ResourceValues
  errors: FormErrors
  alert?: string | undefined
}

/** Products read per page while looking for the shop's services; the catalog offers no filter by kind. */
const PRODUCT_PAGE = 100
const MAX_PRODUCT_PAGES = 20

/** The shop's catalog services (products of kind 'service'), by name. */
async function listServiceProducts(db: Db, shopId: ShopId): Promise<Product[]> {
  const services: Product[] = []
  let cursor: string | undefined
  for (let page = 0; page < MAX_PRODUCT_PAGES; page++) {
    const found = await listShopProducts(db, shopId, { limit: PRODUCT_PAGE, cursor })
    services.push(...found.items.filter((p) => p.kind === 'service'))
    cursor = found.nextCursor
    if (!cursor) break
  }
  return services
}

/**
 * /admin/:shopId/rendez-vous/reglages (issue #5): what the shop needs before residents can book: the people
 * and resources who perform services, then which catalog services are bookable and how. Staff see it; the
 * owner changes it (see canSetUp).
 */
export function registerBookingSetupPage(admin: FastifyInstance, deps: AppDeps): void {
  const path = '/admin/:shopId/rendez-vous/reglages'

  const show = async (req: FastifyRequest, reply: FastifyReply, membership: Membership, add: AddState) => {
    const [resources, products, bookable, noShowLimit] = await Promise.all([
      listResources(deps.db, membership.shopId),
      listServiceProducts(deps.db, membership.shopId),
      listBookableServices(deps.db, membership.shopId, { withHidden: true }),
      noShowLimitOf(deps.db, membership.shopId),
    ])
    const data = {
      resources,
      products,
      bookable: new Map(bookable.map((s) => [s.variantId as string, s])),
      noShowLimit,
    }
    return sendHtml(reply, setupPage(req, reply, membership, data, add))
  }

  admin.get<Params>(path, async (req, reply) =>
    show(req, reply, requireStaffOf(req, req.params.shopId), { values: blankResource(), errors: {} }),
  )

  admin.post<Params>(
    `${path}/absences-repetees`,
    { preHandler: admin.csrfProtection },
    async (req, reply) => {
      const membership = requireOwnerOf(req, req.params.shopId)
      const limit = wholeNumber(text(bodyOf(req.body), 'noShowLimit', 5).trim()) ?? Number.NaN
      try {
        await setNoShowLimit(deps.modules.bookings, membership.shopId, limit)
      } catch (error) {
        if (!isFormError(error)) throw error
        return show(req, reply.code(httpStatusOf(error)), membership, {
          values: blankResource(),
          errors: {},
          alert: t(error.code),
        })
      }
      return reply.redirect(withNotice(setupPath(membership.shopId), 'absences-repetees'), 303)
    },
  )

  admin.post<Params>(`${path}/ressources`, { preHandler: admin.csrfProtection }, async (req, reply) => {
    const membership = requireOwnerOf(req, req.params.shopId)
    const { values, input, errors } = readResourceValues(bodyOf(req.body))
    if (!input)
      return show(req, reply.code(400), membership, { values, errors, alert: t('bookings.invalid_resource') })
    try {
      const resource = await createResource(deps.modules.bookings, membership.shopId, input)
      // Straight to its page: its hours and absences are what the merchant sets next.
      return reply.redirect(
        withNotice(`${setupPath(membership.shopId)}/ressources/${resource.id}`, 'ressource-ajoutee'),
        303,
      )
    } catch (error) {
      if (!isFormError(error)) throw error
      return show(req, reply.code(httpStatusOf(error)), membership, {
        values,
        errors: resourceErrors(error, values),
        alert: t(error.code),
      })
    }
  })
}

interface SetupData {
  resources: Resource[]
  products: Product[]
  bookable: ReadonlyMap<string, BookableService>
  noShowLimit: number
}

function setupPage(
  req: FastifyRequest,
  reply: FastifyReply,
  membership: Membership,
  data: SetupData,
  add: AddState,
): string {
  const base = setupPath(membership.shopId)
  const owner = canSetUp(membership)
  const names = new Map(data.resources.map((r) => [r.id, r.name]))
  const content = html`!${noticeOf(req)}
    <p class="breadcrumb"><a href="/admin/${membership.shopId}/rendez-vous">← Rendez-vous</a></p>
    <h1>Réglages des rendez-vous</h1>
    <p class="hint">Trois étapes : ajoutez les personnes (ou le fauteuil, la salle) qui font les prestations ; indiquez leurs horaires et leurs absences ; rendez vos prestations réservables en ligne.</p>
    <section aria-labelledby="ressources">
      <h2 id="ressources">Personnes et ressources</h2>
      !${
        data.resources.length === 0
          ? html`<div class="empty admin-empty">
            <p>Aucune personne ni ressource pour l’instant.</p>
            <p>Commencez par ajouter qui fait les prestations : une coiffeuse, un réparateur, une ressource comme un fauteuil ou une salle, ou les tables d’un restaurant. Les clients réservent un créneau auprès d’elles.</p>
          </div>`
          : html`<ul class="resource-list" role="list">!${data.resources.map((r) => resourceRow(base, r)).join('')}</ul>`
      }
      !${owner ? addResourceForm(base, csrfInput(reply.generateCsrf()), add) : ownerOnlyHint('les personnes, les ressources et les prestations réservables')}
    </section>
    <section aria-labelledby="prestations">
      <h2 id="prestations">Prestations</h2>
      !${
        data.products.length === 0
          ? html`<div class="empty admin-empty">
            <p>Aucune prestation au catalogue.</p>
            <p>Ajoutez un produit de type « Prestation », puis indiquez sa durée dans sa fiche : vous pourrez ensuite la rendre réservable ici.</p>
            <p><a href="/admin/${membership.shopId}/produits/nouveau">Ajouter une prestation</a></p>
          </div>`
          : html`<ul class="service-list" role="list">!${data.products.flatMap((p) => p.variants.map((v) => serviceRow(membership, base, p, v, data.bookable.get(v.id), names))).join('')}</ul>`
      }
    </section>
    !${noShowSection(base, owner ? csrfInput(reply.generateCsrf()) : undefined, data.noShowLimit)}`
  return shopPage(req, membership, 'Réglages des rendez-vous', 'bookings', content)
}

/** UX-18: after how many no-shows in 12 months a client books online only with a guarantee; the owner sets it. */
function noShowSection(base: string, csrf: string | undefined, limit: number): string {
  const rule =
    'Après ce nombre d’absences sans prévenir en 12 mois chez vous, un client ne réserve plus en ligne qu’avec une garantie : celle de la prestation, ou une empreinte bancaire de son prix. Vous pouvez toujours le prendre par téléphone.'
  const options = Array.from(
    { length: NO_SHOW_LIMIT_RANGE.max - NO_SHOW_LIMIT_RANGE.min + 1 },
    (_, i) => i + NO_SHOW_LIMIT_RANGE.min,
  )
  return html`<section aria-labelledby="absences-repetees">
    <h2 id="absences-repetees">Clients qui ne viennent pas</h2>
    <p class="hint">${rule}</p>
    !${
      csrf
        ? html`<form method="post" action="${base}/absences-repetees" class="inline-form">
          !${csrf}
          <label for="noShowLimit">Garantie demandée après</label>
          <select id="noShowLimit" name="noShowLimit">!${options.map((n) => html`<option value="${n}"!${n === limit ? ' selected' : ''}>${n} absence${n > 1 ? 's' : ''}</option>`).join('')}</select>
          <button type="submit" class="button">Enregistrer</button>
        </form>`
        : html`<p>Garantie demandée après ${limit} absence${limit > 1 ? 's' : ''}.</p>`
    }
  </section>`
}

function resourceRow(base: string, r: Resource): string {
  return html`<li class="setup-row">
    <p class="setup-row-title"><a href="${base}/ressources/${r.id}">${r.name}</a>!${r.seats ? html` · ${seatsText(r.seats)}` : ''}!${r.active ? '' : html` <span class="badge badge-muted">En pause</span>`}</p>
    <p class="muted">${resourceKindText(r)} · ${r.hours.length === 0 ? 'horaires du commerce' : 'horaires propres'}</p>
  </li>`
}

function addResourceForm(base: string, csrf: string, add: AddState): string {
  return html`<h3>Ajouter une personne, une ressource ou une table</h3>
    !${formAlert(add.alert)}
    <form method="post" action="${base}/ressources" class="stack admin-form" novalidate>
      !${csrf}
      !${resourceFields(add.values, add.errors, 'Par exemple « Léa », « Fauteuil 2 » ou « Table 4 ». Les clients le voient en réservant.')}
      <button type="submit" class="button primary">Ajouter</button>
    </form>`
}

function serviceRow(
  membership: Membership,
  base: string,
  p: Product,
  v: Product['variants'][number],
  bookable: BookableService | undefined,
  names: ReadonlyMap<string, string>,
): string {
  const label = p.variants.length > 1 && v.name ? `${p.name} (${v.name})` : p.name
  const facts = [
    v.durationMinutes !== undefined ? frenchDuration(v.durationMinutes) : '',
    price(v.priceCents),
  ]
    .filter(Boolean)
    .join(' · ')
  let state: string
  if (v.durationMinutes === undefined) {
    state = html`<p>Sans durée : indiquez-la dans <a href="/admin/${membership.shopId}/produits/${p.id}">la fiche de la prestation</a> pour la proposer en rendez-vous.</p>`
  } else if (bookable) {
    const who = bookable.resourceIds
      .map((id) => names.get(id) ?? '')
      .filter(Boolean)
      .join(', ')
    state = html`<p><span class="badge badge-ok">Réservable en ligne</span> avec ${who}!${bookable.party ? html` · par couverts, jusqu’à ${bookable.party.maxParty} pers.` : ''}</p>
      !${p.status === 'hidden' ? html`<p class="hint">Masquée du catalogue : personne ne peut la réserver tant qu’elle est masquée.</p>` : ''}`
  } else {
    state = html`<p><span class="badge badge-muted">Pas réservable en ligne</span></p>`
  }
  const action = canSetUp(membership)
    ? bookable
      ? 'Modifier les réglages'
      : 'Rendre réservable'
    : 'Voir les réglages'
  return html`<li class="setup-row">
    <p class="setup-row-title">${label}</p>
    <p class="muted">${facts}</p>
    !${state}
    !${v.durationMinutes === undefined ? '' : html`<p><a class="button small" href="${base}/prestations/${v.id}" aria-label="${action} : ${label}">${action}</a></p>`}
  </li>`
}
