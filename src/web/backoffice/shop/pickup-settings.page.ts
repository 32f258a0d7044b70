import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import type { AppDeps } from '../../../http/deps.js'
import { httpStatusOf } from '../../../http/problem-details.js'
import {
  getShop,
  SLOT_LENGTHS,
  updatePickupSettings,
  type Membership,
  type PickupSettings,
} from '../../../modules/shops/index.js'
import { bodyOf, formErrorsOf, isFormError, text, wholeNumber } from '../../forms.js'
import { fieldMessage, t } from '../../i18n/index.js'
import { csrfInput, field, formAlert, selectField, type FormErrors } from '../../views/components.js'
import { sendHtml } from '../../views/send-html.js'
import { requireOwnerOf } from '../access.js'
import { noticeOf, shopPage, withNotice } from '../admin-shell.js'

type Params = { Params: { shopId: string } }
type NumberField = Exclude<keyof PickupSettings, 'enabled'>
type Values = { enabled: boolean } & Record<NumberField, string>

/** The number fields in the order of the form, with the bounds the shops module checks (rules.ts) as hints. */
const NUMBERS: ReadonlyArray<{
  name: Exclude<NumberField, 'slotMinutes'>
  label: string
  hint: string
  min: number
  max: number
}> = [
  {
    name: 'slotCapacity',
    label: 'Commandes par créneau',
    hint: 'Au-delà, le créneau n’est plus proposé (de 1 à 200).',
    min: 1,
    max: 200,
  },
  {
    name: 'preparationMinutes',
    label: 'Délai de préparation (minutes)',
    hint: 'Aucun créneau ne commence avant ce délai après la commande (de 0 à 10 080).',
    min: 0,
    max: 7 * 24 * 60,
  },
  {
    name: 'handoverMarginMinutes',
    label: 'Marge avant la fermeture (minutes)',
    hint: 'Le dernier créneau finit ce temps avant la fermeture (de 0 à 240).',
    min: 0,
    max: 240,
  },
  {
    name: 'horizonDays',
    label: 'Jours proposés',
    hint: 'Combien de jours à l’avance les clients peuvent choisir un créneau (de 1 à 60).',
    min: 1,
    max: 60,
  },
  {
    name: 'noShowAfterHours',
    label: 'Délai avant « non retirée » (heures)',
    hint: 'Une commande prête et pas retirée ce temps après la fin de son créneau est notée non retirée, et ses articles reviennent en stock (de 1 à 336).',
    min: 1,
    max: 14 * 24,
  },
]

const valuesOf = (p: PickupSettings): Values => ({
  enabled: p.enabled,
  slotMinutes: String(p.slotMinutes),
  slotCapacity: String(p.slotCapacity),
  preparationMinutes: String(p.preparationMinutes),
  handoverMarginMinutes: String(p.handoverMarginMinutes),
  horizonDays: String(p.horizonDays),
  noShowAfterHours: String(p.noShowAfterHours),
})

/** /admin/:shopId/retrait-parametres (owner): how click & collect works at the shop (UX-07). */
export function registerPickupSettingsPage(admin: FastifyInstance, deps: AppDeps): void {
  const path = '/admin/:shopId/retrait-parametres'
  const show = (
    req: FastifyRequest,
    reply: FastifyReply,
    membership: Membership,
    values: Values,
    errors: FormErrors = {},
    alert?: string,
  ) => sendHtml(reply, settingsPage(req, reply, membership, values, errors, alert))

  admin.get<Params>(path, async (req, reply) => {
    const membership = requireOwnerOf(req, req.params.shopId)
    return show(req, reply, membership, valuesOf((await getShop(deps.db, membership.shopId)).pickup))
  })

  admin.post<Params>(path, { preHandler: admin.csrfProtection }, async (req, reply) => {
    const membership = requireOwnerOf(req, req.params.shopId)
    const body = bodyOf(req.body)
    const values: Values = {
      enabled: text(body, 'enabled', 5) === '1',
      slotMinutes: text(body, 'slotMinutes', 10).trim(),
      ...(Object.fromEntries(NUMBERS.map((n) => [n.name, text(body, n.name, 20).trim()])) as Record<
        (typeof NUMBERS)[number]['name'],
        string
      >),
    }
    // An empty field becomes NaN, so the module reports every problem at once; "required" then says it better.
    const number = (value: string) => wholeNumber(value) ?? Number.NaN
    const input: PickupSettings = {
      enabled: values.enabled,
      slotMinutes: number(values.slotMinutes),
      slotCapacity: number(values.slotCapacity),
      preparationMinutes: number(values.preparationMinutes),
      handoverMarginMinutes: number(values.handoverMarginMinutes),
      horizonDays: number(values.horizonDays),
      noShowAfterHours: number(values.noShowAfterHours),
    }
    try {
      await updatePickupSettings(deps.modules.shops, req.viewer.user!.id, membership.shopId, input)
    } catch (error) {
      if (!isFormError(error)) throw error
      const errors: Record<string, string> = { ...formErrorsOf(error) }
      for (const n of NUMBERS) if (values[n.name] === '') errors[n.name] = fieldMessage('required')
      return show(
        req,
        reply.code(httpStatusOf(error)),
        membership,
        values,
        errors,
        t(error.code, 'Vérifiez les champs signalés.'),
      )
    }
    return reply.redirect(
      withNotice(`/admin/${membership.shopId}/retrait-parametres`, 'retrait-enregistre'),
      303,
    )
  })
}

function settingsPage(
  req: FastifyRequest,
  reply: FastifyReply,
  membership: Membership,
  values: Values,
  errors: FormErrors,
  alert: string | undefined,
): string {
  const content = html`!${noticeOf(req)}
    <h1>Retrait en boutique</h1>
    <p class="hint">Ces réglages décident des créneaux que les clients voient au moment de commander. Les commandes déjà passées gardent leur créneau.</p>
    !${formAlert(alert)}
    <form method="post" action="/admin/${membership.shopId}/retrait-parametres" class="stack admin-form" novalidate>
      !${csrfInput(reply.generateCsrf())}
      <fieldset>
        <legend>Click &amp; collect</legend>
        <label class="check"><input type="checkbox" name="enabled" value="1"!${values.enabled ? ' checked' : ''} /> Proposer le retrait en boutique</label>
        <p class="hint">Décoché, aucun créneau n’est proposé : les clients ne peuvent plus commander chez vous.</p>
      </fieldset>
      <fieldset>
        <legend>Créneaux</legend>
        !${selectField({
          name: 'slotMinutes',
          label: 'Durée d’un créneau',
          value: values.slotMinutes,
          errors,
          options: SLOT_LENGTHS.map((m) => ({
            value: String(m),
            label: m === 60 ? '1 heure' : `${m} minutes`,
          })),
        })}
        !${NUMBERS.map((n) =>
          field({
            name: n.name,
            label: n.label,
            type: 'number',
            value: values[n.name],
            errors,
            hint: n.hint,
            required: true,
            attrs: { inputmode: 'numeric', min: n.min, max: n.max, step: 1 },
          }),
        ).join('')}
      </fieldset>
      <button type="submit" class="button primary">Enregistrer</button>
    </form>`
  return shopPage(req, membership, 'Retrait en boutique', 'pickup', content)
}
