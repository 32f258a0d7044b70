import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import { requireStaffOf } from '../../../http/auth.js'
import type { AppDeps } from '../../../http/deps.js'
import { httpStatusOf } from '../../../http/problem-details.js'
import { toZoned } from '../../../lib/zoned-time.js'
import {
  addAbsence,
  getResource,
  listAbsences,
  removeAbsence,
  setResourceHours,
  updateResource,
  type Absence,
  type Resource,
} from '../../../modules/bookings/index.js'
import { getShop, type Membership, type Shop } from '../../../modules/shops/index.js'
import { bodyOf, formErrorsOf, isFormError, text } from '../../forms.js'
import { t } from '../../i18n/index.js'
import { csrfInput, formAlert, type FormErrors } from '../../views/components.js'
import { sendHtml } from '../../views/send-html.js'
import { requireOwnerOf } from '../access.js'
import { noticeOf, shopPage, withNotice } from '../admin-shell.js'
import {
  absenceErrors,
  absenceFields,
  absenceText,
  emptyAbsence,
  readAbsence,
  type AbsenceValues,
} from './booking-absence-form.js'
import {
  readResourceValues,
  resourceErrors,
  resourceFields,
  resourceValuesOf,
  type ResourceValues,
} from './booking-resource-form.js'
import {
  canSetUp,
  ownerOnlyHint,
  resourceKindText,
  seatsText,
  setupPath,
  weeklyHoursText,
} from './booking-views.js'
import { hoursFieldsets, hoursValuesOf, parseHours, type HoursValues } from '../shop/hours-form.js'

type Params = { Params: { shopId: string; resourceId: string } }
type DetailValues = ResourceValues & { active: boolean }
type FormState<V> = { values: V; errors: FormErrors; alert?: string | undefined }

interface ResourceState {
  details?: FormState<DetailValues>
  hours?: FormState<HoursValues>
  absence?: FormState<AbsenceValues>
}

/**
 * /admin/:shopId/rendez-vous/reglages/ressources/:resourceId (issue #5): one person or resource: its name and
 * whether it takes bookings, its own weekly hours (owner), its absences (any staff member). Another shop's
 * resource is a 404, like an unknown one.
 */
export function registerBookingResourcePage(admin: FastifyInstance, deps: AppDeps): void {
  const path = '/admin/:shopId/rendez-vous/reglages/ressources/:resourceId'
  const pageOf = (membership: Membership, resourceId: string) =>
    `${setupPath(membership.shopId)}/ressources/${resourceId}`

  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    membership: Membership,
    resourceId: string,
    state: ResourceState,
  ) => {
    const resource = await getResource(deps.db, membership.shopId, resourceId)
    const [shop, absences] = await Promise.all([
      getShop(deps.db, membership.shopId),
      listAbsences(deps.db, membership.shopId, resource.id, { endingAfter: deps.clock.now().toISOString() }),
    ])
    return sendHtml(
      reply,
      resourcePage(req, reply, membership, { shop, resource, absences, now: deps.clock.now() }, state),
    )
  }

  admin.get<Params>(path, async (req, reply) =>
    show(req, reply, requireStaffOf(req, req.params.shopId), req.params.resourceId, {}),
  )

  admin.post<Params>(path, { preHandler: admin.csrfProtection }, async (req, reply) => {
    const membership = requireOwnerOf(req, req.params.shopId)
    const body = bodyOf(req.body)
    const read = readResourceValues(body)
    const values = { ...read.values, active: text(body, 'active', 5) === '1' }
    if (!read.input)
      return show(req, reply.code(400), membership, req.params.resourceId, {
        details: { values, errors: read.errors, alert: t('bookings.invalid_resource') },
      })
    try {
      // The seats go as the form shows them: an update without seats makes a table a plain resource again.
      await updateResource(deps.modules.bookings, membership.shopId, req.params.resourceId, {
        ...read.input,
        active: values.active,
      })
    } catch (error) {
      if (!isFormError(error)) throw error
      return show(req, reply.code(httpStatusOf(error)), membership, req.params.resourceId, {
        details: { values, errors: resourceErrors(error, values), alert: t(error.code) },
      })
    }
    return reply.redirect(withNotice(pageOf(membership, req.params.resourceId), 'ressource-enregistree'), 303)
  })

  admin.post<Params>(`${path}/horaires`, { preHandler: admin.csrfProtection }, async (req, reply) => {
    const membership = requireOwnerOf(req, req.params.shopId)
    const { values, ranges, errors } = parseHours(bodyOf(req.body))
    if (Object.keys(errors).length > 0) {
      return show(req, reply.code(400), membership, req.params.resourceId, {
        hours: { values, errors, alert: t('bookings.invalid_hours') },
      })
    }
    try {
      await setResourceHours(deps.modules.bookings, membership.shopId, req.params.resourceId, ranges)
    } catch (error) {
      if (!isFormError(error)) throw error
      return show(req, reply.code(httpStatusOf(error)), membership, req.params.resourceId, {
        hours: { values, errors: formErrorsOf(error), alert: t(error.code) },
      })
    }
    return reply.redirect(withNotice(pageOf(membership, req.params.resourceId), 'horaires-enregistres'), 303)
  })

  admin.post<Params>(`${path}/absences`, { preHandler: admin.csrfProtection }, async (req, reply) => {
    const membership = requireStaffOf(req, req.params.shopId)
    const shop = await getShop(deps.db, membership.shopId)
    const { values, input, errors } = readAbsence(bodyOf(req.body), shop.timeZone)
    if (!input)
      return show(req, reply.code(400), membership, req.params.resourceId, {
        absence: { values, errors, alert: t('bookings.invalid_absence') },
      })
    try {
      await addAbsence(deps.modules.bookings, membership.shopId, req.params.resourceId, input)
    } catch (error) {
      if (!isFormError(error)) throw error
      return show(req, reply.code(httpStatusOf(error)), membership, req.params.resourceId, {
        absence: { values, errors: absenceErrors(error, values), alert: t(error.code) },
      })
    }
    return reply.redirect(withNotice(pageOf(membership, req.params.resourceId), 'absence-ajoutee'), 303)
  })

  admin.post<{ Params: { shopId: string; resourceId: string; absenceId: string } }>(
    `${path}/absences/:absenceId/supprimer`,
    { preHandler: admin.csrfProtection },
    async (req, reply) => {
      const membership = requireStaffOf(req, req.params.shopId)
      // Another shop's absence is not found, like an unknown one (the module names this shop).
      await removeAbsence(deps.modules.bookings, membership.shopId, req.params.absenceId)
      return reply.redirect(withNotice(pageOf(membership, req.params.resourceId), 'absence-retiree'), 303)
    },
  )
}

interface ResourceData {
  shop: Shop
  resource: Resource
  absences: Absence[]
  now: Date
}

function resourcePage(
  req: FastifyRequest,
  reply: FastifyReply,
  membership: Membership,
  data: ResourceData,
  state: ResourceState,
): string {
  const { resource, shop } = data
  const base = `${setupPath(membership.shopId)}/ressources/${resource.id}`
  const csrf = csrfInput(reply.generateCsrf())
  const owner = canSetUp(membership)
  const content = html`!${noticeOf(req)}
    <p class="breadcrumb"><a href="${setupPath(membership.shopId)}">← Réglages des rendez-vous</a></p>
    <h1>${resource.name}</h1>
    <p class="muted">${resourceKindText(resource)}!${resource.seats ? html` · ${seatsText(resource.seats)}` : ''}!${resource.active ? '' : ' · en pause : aucun créneau proposé'}</p>
    !${owner ? detailsForm(base, csrf, resource, state.details) : ''}
    <section aria-labelledby="horaires">
      <h2 id="horaires">Horaires de la semaine</h2>
      !${owner ? hoursForm(base, csrf, resource, state.hours) : html`!${weeklyHoursText(resource.hours)}!${ownerOnlyHint('ces horaires')}`}
    </section>
    <section aria-labelledby="absences">
      <h2 id="absences">Absences</h2>
      <p class="hint">Pendant une absence, aucun créneau n’est proposé avec ${resource.name}. Les rendez-vous déjà pris restent : déplacez-les ou annulez-les depuis le calendrier.</p>
      !${
        data.absences.length === 0
          ? html`<p class="muted">Aucune absence prévue.</p>`
          : html`<ul class="closures">!${data.absences.map((a) => absenceItem(base, csrf, a, shop.timeZone)).join('')}</ul>`
      }
      <h3>Ajouter une absence</h3>
      !${formAlert(state.absence?.alert)}
      <form method="post" action="${base}/absences" class="stack admin-form" novalidate>
        !${csrf}
        !${absenceFields(state.absence?.values ?? emptyAbsence(toZoned(data.now, shop.timeZone).date), state.absence?.errors ?? {})}
        <button type="submit" class="button">Ajouter l’absence</button>
      </form>
    </section>`
  return shopPage(req, membership, resource.name, 'bookings', content)
}

function detailsForm(
  base: string,
  csrf: string,
  resource: Resource,
  state: FormState<DetailValues> | undefined,
): string {
  const values = state?.values ?? { ...resourceValuesOf(resource), active: resource.active }
  const errors = state?.errors ?? {}
  return html`<details class="setup-details"!${state ? ' open' : ''}>
    <summary>Modifier le nom, le type, les couverts ou mettre en pause</summary>
    !${formAlert(state?.alert)}
    <form method="post" action="${base}" class="stack admin-form" novalidate>
      !${csrf}
      !${resourceFields(values, errors)}
      <label class="check"><input type="checkbox" name="active" value="1"!${values.active ? ' checked' : ''} /> Prend des rendez-vous</label>
      <p class="hint">Décoché : plus aucun créneau n’est proposé avec elle ; ses rendez-vous déjà pris restent.</p>
      <button type="submit" class="button">Enregistrer</button>
    </form>
  </details>`
}

function hoursForm(
  base: string,
  csrf: string,
  resource: Resource,
  state: FormState<HoursValues> | undefined,
): string {
  return html`<p class="hint">Laissez toutes les plages vides : ${resource.name} travaille aux horaires du commerce. Sinon, les créneaux ne sont proposés que pendant ces plages, et seulement quand le commerce est ouvert. Fin à minuit : 00:00.</p>
    !${formAlert(state?.alert)}
    <form method="post" action="${base}/horaires" class="stack admin-form hours-form" novalidate>
      !${csrf}
      !${hoursFieldsets(state?.values ?? hoursValuesOf(resource.hours), state?.errors ?? {})}
      <button type="submit" class="button primary">Enregistrer les horaires</button>
    </form>`
}

function absenceItem(base: string, csrf: string, a: Absence, timeZone: string): string {
  const when = absenceText(a, timeZone)
  return html`<li>
    <span>Absence ${when}!${a.reason ? html` — ${a.reason}` : ''}</span>
    <form method="post" action="${base}/absences/${a.id}/supprimer" class="inline">
      !${csrf}
      <button type="submit" class="button small" aria-label="Retirer l’absence ${when}">Retirer</button>
    </form>
  </li>`
}
