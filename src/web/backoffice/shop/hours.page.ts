import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import type { AppDeps } from '../../../http/deps.js'
import { httpStatusOf } from '../../../http/problem-details.js'
import { frenchDate } from '../../../lib/french-format.js'
import {
  addClosure,
  getOpeningSchedule,
  removeClosure,
  setWeeklyHours,
  type Closure,
  type Membership,
} from '../../../modules/shops/index.js'
import { bodyOf, formErrorsOf, isFormError, text } from '../../forms.js'
import { t } from '../../i18n/index.js'
import { csrfInput, field, formAlert, type FormErrors } from '../../views/components.js'
import { sendHtml } from '../../views/send-html.js'
import { requireOwnerOf } from '../access.js'
import { noticeOf, shopPage, withNotice } from '../admin-shell.js'
import { hoursFieldsets, hoursValuesOf, parseHours, type HoursValues } from './hours-form.js'

type Params = { Params: { shopId: string } }
type ClosureValues = { startsOn: string; endsOn: string; reason: string }

interface HoursState {
  hours?: { values: HoursValues; errors: FormErrors; alert?: string | undefined }
  closure?: { values: ClosureValues; errors: FormErrors; alert?: string | undefined }
}

/** /admin/:shopId/horaires (owner): weekly hours with a lunch break (UX-06) and exceptional closures. */
export function registerHoursPage(admin: FastifyInstance, deps: AppDeps): void {
  const path = '/admin/:shopId/horaires'
  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    membership: Membership,
    state: HoursState,
  ) => {
    const schedule = await getOpeningSchedule(deps.db, membership.shopId, deps.clock.now())
    const hours = state.hours ?? { values: hoursValuesOf(schedule.hours), errors: {} }
    return sendHtml(reply, hoursPage(req, reply, membership, schedule.closures, { ...state, hours }))
  }

  admin.get<Params>(path, async (req, reply) => show(req, reply, requireOwnerOf(req, req.params.shopId), {}))

  admin.post<Params>(path, { preHandler: admin.csrfProtection }, async (req, reply) => {
    const membership = requireOwnerOf(req, req.params.shopId)
    const { values, ranges, errors } = parseHours(bodyOf(req.body))
    if (Object.keys(errors).length > 0) {
      return show(req, reply.code(400), membership, {
        hours: { values, errors, alert: t('shops.invalid_hours') },
      })
    }
    try {
      await setWeeklyHours(deps.modules.shops, req.viewer.user!.id, membership.shopId, ranges)
    } catch (error) {
      if (!isFormError(error)) throw error
      return show(req, reply.code(httpStatusOf(error)), membership, {
        hours: { values, errors: formErrorsOf(error), alert: t(error.code) },
      })
    }
    return reply.redirect(withNotice(`/admin/${membership.shopId}/horaires`, 'horaires-enregistres'), 303)
  })

  admin.post<Params>(`${path}/fermetures`, { preHandler: admin.csrfProtection }, async (req, reply) => {
    const membership = requireOwnerOf(req, req.params.shopId)
    const body = bodyOf(req.body)
    const values = {
      startsOn: text(body, 'startsOn', 20).trim(),
      endsOn: text(body, 'endsOn', 20).trim(),
      reason: text(body, 'reason', 300),
    }
    try {
      // A single day is the common case: an empty end date means "that day only".
      await addClosure(deps.modules.shops, req.viewer.user!.id, membership.shopId, {
        ...values,
        endsOn: values.endsOn || values.startsOn,
      })
    } catch (error) {
      if (!isFormError(error)) throw error
      return show(req, reply.code(httpStatusOf(error)), membership, {
        closure: { values, errors: formErrorsOf(error), alert: t(error.code) },
      })
    }
    return reply.redirect(withNotice(`/admin/${membership.shopId}/horaires`, 'fermeture-ajoutee'), 303)
  })

  admin.post<{ Params: { shopId: string; closureId: string } }>(
    `${path}/fermetures/:closureId/supprimer`,
    { preHandler: admin.csrfProtection },
    async (req, reply) => {
      const membership = requireOwnerOf(req, req.params.shopId)
      await removeClosure(
        deps.modules.shops,
        req.viewer.user!.id,
        membership.shopId,
        req.params.closureId.slice(0, 40),
      )
      return reply.redirect(withNotice(`/admin/${membership.shopId}/horaires`, 'fermeture-retiree'), 303)
    },
  )
}

function hoursPage(
  req: FastifyRequest,
  reply: FastifyReply,
  membership: Membership,
  closures: readonly Closure[],
  state: Required<Pick<HoursState, 'hours'>> & HoursState,
): string {
  const base = `/admin/${membership.shopId}/horaires`
  const csrf = csrfInput(reply.generateCsrf())
  const closureValues = state.closure?.values ?? { startsOn: '', endsOn: '', reason: '' }
  const closureErrors = state.closure?.errors ?? {}
  const content = html`!${noticeOf(req)}
    <h1>Horaires</h1>
    <section aria-labelledby="semaine">
      <h2 id="semaine">Horaires de la semaine</h2>
      <p class="hint">Laissez une plage vide si le commerce est fermé. Fermeture à minuit : 00:00.</p>
      !${formAlert(state.hours.alert)}
      <form method="post" action="${base}" class="stack admin-form hours-form" novalidate>
        !${csrf}
        !${hoursFieldsets(state.hours.values, state.hours.errors)}
        <button type="submit" class="button primary">Enregistrer les horaires</button>
      </form>
    </section>
    <section aria-labelledby="fermetures">
      <h2 id="fermetures">Fermetures exceptionnelles</h2>
      !${
        closures.length === 0
          ? html`<p class="muted">Aucune fermeture prévue.</p>`
          : html`<ul class="closures">!${closures.map((c) => closureItem(base, csrf, c)).join('')}</ul>`
      }
      <h3>Ajouter une fermeture</h3>
      !${formAlert(state.closure?.alert)}
      <form method="post" action="${base}/fermetures" class="stack admin-form" novalidate>
        !${csrf}
        !${field({ name: 'startsOn', label: 'Premier jour fermé', type: 'date', value: closureValues.startsOn, errors: closureErrors, required: true })}
        !${field({ name: 'endsOn', label: 'Dernier jour fermé', type: 'date', value: closureValues.endsOn, errors: closureErrors, hint: 'Laissez vide pour un seul jour.' })}
        !${field({ name: 'reason', label: 'Motif (affiché aux clients)', value: closureValues.reason, errors: closureErrors, hint: 'Par exemple : congés, inventaire.', attrs: { maxlength: 200 } })}
        <button type="submit" class="button">Ajouter la fermeture</button>
      </form>
    </section>`
  return shopPage(req, membership, 'Horaires', 'hours', content)
}

function closureItem(base: string, csrf: string, c: Closure): string {
  const dates =
    c.startsOn === c.endsOn
      ? `le ${frenchDate(c.startsOn, true)}`
      : `du ${frenchDate(c.startsOn, true)} au ${frenchDate(c.endsOn, true)}`
  return html`<li>
    <span>Fermé ${dates}!${c.reason ? html` — ${c.reason}` : ''}</span>
    <form method="post" action="${base}/fermetures/${c.id}/supprimer" class="inline">
      !${csrf}
      <button type="submit" class="button small" aria-label="Retirer la fermeture ${dates}">Retirer</button>
    </form>
  </li>`
}
