import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import type { AppDeps } from '../../../http/deps.js'
import { httpStatusOf } from '../../../http/problem-details.js'
import {
  getShop,
  SHOP_KINDS,
  updateShopProfile,
  type Membership,
  type Shop,
  type ShopProfileInput,
} from '../../../modules/shops/index.js'
import { bodyOf, formErrorsOf, isFormError, text, wholeNumber } from '../../forms.js'
import { t } from '../../i18n/index.js'
import { csrfInput, field, formAlert, selectField, type FormErrors } from '../../views/components.js'
import { sendHtml } from '../../views/send-html.js'
import { requireOwnerOf } from '../access.js'
import { noticeOf, shopPage, withNotice } from '../admin-shell.js'

type Params = { Params: { shopId: string } }

/** The fields of the form, as typed (strings), so a refused form comes back exactly as it was sent. */
type ProfileValues = Record<(typeof TEXT_FIELDS)[number], string>

const TEXT_FIELDS = [
  'name',
  'kind',
  'tagline',
  'description',
  'street',
  'postalCode',
  'city',
  'phone',
  'email',
  'siret',
  'vatNumber',
  'pickupInstructions',
  'stockFreshnessHours',
] as const

/** /admin/:shopId/profil (owner): the shop's public identity, legal numbers and stock freshness window. */
export function registerProfilePage(admin: FastifyInstance, deps: AppDeps): void {
  const path = '/admin/:shopId/profil'

  admin.get<Params>(path, async (req, reply) => {
    const membership = requireOwnerOf(req, req.params.shopId)
    const shop = await getShop(deps.db, membership.shopId)
    return sendHtml(reply, profilePage(req, reply, membership, valuesOf(shop), {}))
  })

  admin.post<Params>(path, { preHandler: admin.csrfProtection }, async (req, reply) => {
    const membership = requireOwnerOf(req, req.params.shopId)
    const body = bodyOf(req.body)
    const values = Object.fromEntries(
      TEXT_FIELDS.map((f) => [f, text(body, f, f === 'description' ? 5000 : 500)]),
    ) as ProfileValues
    // The form does not show position or time zone: they are carried over, since the module rewrites every column.
    const shop = await getShop(deps.db, membership.shopId)
    try {
      await updateShopProfile(
        deps.modules.shops,
        req.viewer.user!.id,
        membership.shopId,
        toInput(values, shop),
      )
    } catch (error) {
      if (!isFormError(error)) throw error
      return sendHtml(
        reply.code(httpStatusOf(error)),
        profilePage(req, reply, membership, values, formErrorsOf(error), t(error.code)),
      )
    }
    return reply.redirect(withNotice(`/admin/${membership.shopId}/profil`, 'profil-enregistre'), 303)
  })
}

function valuesOf(shop: Shop): ProfileValues {
  return {
    name: shop.name,
    kind: shop.kind,
    tagline: shop.tagline,
    description: shop.description,
    street: shop.address.street,
    postalCode: shop.address.postalCode,
    city: shop.address.city,
    phone: shop.phone,
    email: shop.email,
    siret: shop.siret ?? '',
    vatNumber: shop.vatNumber ?? '',
    pickupInstructions: shop.pickupInstructions,
    stockFreshnessHours: String(shop.stockFreshnessHours),
  }
}

function toInput(v: ProfileValues, shop: Shop): ShopProfileInput {
  return {
    ...v,
    kind: v.kind as ShopProfileInput['kind'],
    siret: v.siret.trim() || undefined,
    vatNumber: v.vatNumber.trim() || undefined,
    // An emptied field is a mistake to point at, not a silent return to the default.
    stockFreshnessHours: wholeNumber(v.stockFreshnessHours) ?? Number.NaN,
    latitude: shop.geo?.latitude,
    longitude: shop.geo?.longitude,
    timeZone: shop.timeZone,
  }
}

function profilePage(
  req: FastifyRequest,
  reply: FastifyReply,
  membership: Membership,
  v: ProfileValues,
  errors: FormErrors,
  alert?: string,
): string {
  const kinds = SHOP_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))
  const content = html`!${noticeOf(req)}
    <h1>Profil du commerce</h1>
    !${formAlert(alert)}
    <form method="post" action="/admin/${membership.shopId}/profil" class="stack admin-form" novalidate>
      !${csrfInput(reply.generateCsrf())}
      <fieldset>
        <legend>Présentation</legend>
        !${field({ name: 'name', label: 'Nom du commerce', value: v.name, errors, required: true, attrs: { maxlength: 80, autocomplete: 'organization' } })}
        !${selectField({ name: 'kind', label: 'Type de commerce', value: v.kind, errors, options: kinds })}
        !${field({ name: 'tagline', label: 'Accroche', value: v.tagline, errors, hint: 'Une phrase, affichée sous le nom.', attrs: { maxlength: 160 } })}
        !${field({ name: 'description', label: 'Description', type: 'textarea', value: v.description, errors, attrs: { rows: 5, maxlength: 5000 } })}
      </fieldset>
      <fieldset>
        <legend>Adresse et contact</legend>
        !${field({ name: 'street', label: 'Adresse (numéro et rue)', value: v.street, errors, required: true, attrs: { autocomplete: 'street-address' } })}
        !${field({ name: 'postalCode', label: 'Code postal', value: v.postalCode, errors, required: true, attrs: { inputmode: 'numeric', autocomplete: 'postal-code', maxlength: 5 } })}
        !${field({ name: 'city', label: 'Ville', value: v.city, errors, required: true, attrs: { autocomplete: 'address-level2' } })}
        !${field({ name: 'phone', label: 'Téléphone', type: 'tel', value: v.phone, errors, attrs: { autocomplete: 'tel' } })}
        !${field({ name: 'email', label: 'Adresse e-mail', type: 'email', value: v.email, errors, attrs: { autocomplete: 'email' } })}
      </fieldset>
      <fieldset>
        <legend>Identité légale</legend>
        !${field({ name: 'siret', label: 'SIRET', value: v.siret, errors, hint: '14 chiffres, espaces permis.', attrs: { inputmode: 'numeric' } })}
        !${field({ name: 'vatNumber', label: 'Numéro de TVA intracommunautaire', value: v.vatNumber, errors, hint: 'Par exemple FR 12 345678901.' })}
      </fieldset>
      <fieldset>
        <legend>Retrait et stock</legend>
        !${field({ name: 'pickupInstructions', label: 'Consignes de retrait', type: 'textarea', value: v.pickupInstructions, errors, hint: 'Entrée, comptoir, sonnette… affichées au client qui commande.', attrs: { rows: 3 } })}
        !${field({
          name: 'stockFreshnessHours',
          label: 'Durée de validité du stock (heures)',
          type: 'number',
          value: v.stockFreshnessHours,
          errors,
          hint: 'Passé ce délai sans mise à jour, le site affiche « Disponibilité à confirmer » au lieu de « En stock ». Entre 1 et 2160 heures.',
          attrs: { min: 1, max: 2160, inputmode: 'numeric' },
        })}
      </fieldset>
      <button type="submit" class="button primary">Enregistrer le profil</button>
    </form>`
  return shopPage(req, membership, 'Profil', 'profile', content)
}
