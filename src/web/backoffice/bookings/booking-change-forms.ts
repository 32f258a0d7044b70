import { html } from 'ghtml'
import type { BookableService, Booking } from '../../../modules/bookings/index.js'
import { formatTimeOfDay, toZoned, type LocalDate } from '../../../lib/zoned-time.js'
import { field, selectField, type FormErrors } from '../../views/components.js'

/** The phone booking form as typed: date and time on the shop's clock. */
export interface PhoneBookingValues {
  variantId: string
  resourceId: string
  date: string
  time: string
  name: string
  phone: string
  email: string
  /** How many people; read only for a service booked by party (tables). */
  partySize: string
}

export const blankPhoneBooking = (day: LocalDate): PhoneBookingValues => ({
  variantId: '',
  resourceId: '',
  date: day,
  time: '',
  name: '',
  phone: '',
  email: '',
  partySize: '1',
})

type Choice = { value: string; label: string }
const people = (names: ReadonlyArray<{ id: string; name: string }>): Choice[] =>
  names.map((r) => ({ value: r.id, label: r.name }))

/**
 * "Ajouter un rendez-vous" on the day view: a booking taken by phone, at any time the person works and is free
 * (no online notice), for a client reached by phone or email. Open when it comes back with a problem. When the
 * shop has a service booked by party, a "Nombre de personnes" input is shown for all (the form has no script to
 * show it only once such a service is chosen): the page reads it for those services only, and for them an empty
 * "Avec" gives the smallest free table that seats the party.
 */
export function phoneBookingForm(
  action: string,
  csrf: string,
  services: readonly BookableService[],
  names: ReadonlyArray<{ id: string; name: string }>,
  values: PhoneBookingValues,
  errors: FormErrors,
): string {
  const open = Object.keys(errors).length > 0
  const hasParty = services.some((s) => s.party)
  const anyone = hasParty ? 'Choisissez (pour une table : la plus petite libre qui convient)' : 'Choisissez'
  return html`<details class="add-booking"!${open ? ' open' : ''}>
    <summary>Ajouter un rendez-vous pris par téléphone</summary>
    <form method="post" action="${action}" class="stack admin-form" novalidate>
      !${csrf}
      !${selectField({ name: 'variantId', label: 'Prestation', value: values.variantId, errors, options: [{ value: '', label: 'Choisissez' }, ...services.map((s) => ({ value: s.variantId, label: `${s.productName}${s.variantName ? ` (${s.variantName})` : ''}` }))] })}
      !${selectField({ name: 'resourceId', label: 'Avec', value: values.resourceId, errors, options: [{ value: '', label: anyone }, ...people(names)] })}
      !${
        hasParty
          ? field({
              name: 'partySize',
              label: 'Nombre de personnes',
              type: 'number',
              value: values.partySize,
              errors,
              hint: 'Pour une réservation de table seulement.',
              attrs: { inputmode: 'numeric', min: 1, step: 1 },
            })
          : ''
      }
      <div class="row-2">
        !${field({ name: 'date', label: 'Date', type: 'date', value: values.date, errors, required: true })}
        !${field({ name: 'time', label: 'Heure', type: 'time', value: values.time, errors, required: true, attrs: { step: 300 } })}
      </div>
      !${field({ name: 'name', label: 'Nom du client', value: values.name, errors, required: true, attrs: { autocomplete: 'off', maxlength: 100 } })}
      <div class="row-2">
        !${field({ name: 'phone', label: 'Téléphone', type: 'tel', value: values.phone, errors, attrs: { autocomplete: 'off' } })}
        !${field({ name: 'email', label: 'E-mail (facultatif)', type: 'email', value: values.email, errors, hint: 'Avec un e-mail, le client reçoit la confirmation, le lien d’annulation et le rappel.', attrs: { autocomplete: 'off' } })}
      </div>
      <button type="submit" class="button primary">Ajouter le rendez-vous</button>
    </form>
  </details>`
}

/** "Déplacer…" on a booking of the day view: another date, time or person; the client is told once by email. */
export function moveForm(
  action: string,
  csrf: string,
  booking: Booking,
  names: ReadonlyArray<{ id: string; name: string }>,
  timeZone: string,
): string {
  const at = toZoned(new Date(booking.startsAt), timeZone)
  const id = `m-${booking.id}`
  return html`<details class="confirm">
    <summary>Déplacer…</summary>
    <form method="post" action="${action}" class="stack">
      !${csrf}
      <div class="row-2">
        <div class="field"><label for="${id}-date">Date</label><input id="${id}-date" name="date" type="date" value="${at.date}" required /></div>
        <div class="field"><label for="${id}-time">Heure</label><input id="${id}-time" name="time" type="time" step="300" value="${formatTimeOfDay(at.minuteOfDay)}" required /></div>
      </div>
      <div class="field"><label for="${id}-who">Avec</label><select id="${id}-who" name="resourceId">!${names.map((r) => html`<option value="${r.id}"!${r.id === booking.resourceId ? ' selected' : ''}>${r.name}</option>`).join('')}</select></div>
      <button type="submit" class="button small">Déplacer${booking.contact.email ? ' et prévenir le client' : ''}</button>
    </form>
  </details>`
}

/**
 * A large party's request (issue #5): Confirmer (the client gets the confirmation) or Refuser (the table is freed,
 * the client told). Once its time has passed it can no longer be confirmed, but Refuser still closes it and tells
 * the client, who would otherwise never hear back.
 */
export function requestForms(base: string, csrf: string, booking: Booking, now: Date): string {
  const past = booking.startsAt <= now.toISOString()
  return html`<div class="actions">
    !${
      past
        ? html`<p class="muted">Demande restée sans réponse : l’heure est passée.</p>`
        : html`<form method="post" action="${base}/${booking.id}/confirmer" class="inline-form">
      !${csrf}
      <button type="submit" class="button small primary" aria-label="Confirmer la demande de ${booking.contact.name}">Confirmer</button>
    </form>`
    }
    <form method="post" action="${base}/${booking.id}/refuser" class="inline-form">
      !${csrf}
      <button type="submit" class="button small danger" aria-label="Refuser la demande de ${booking.contact.name}">Refuser</button>
    </form>
  </div>`
}
