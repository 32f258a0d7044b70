import { html } from 'ghtml'
import { frenchDate, frenchTime, plural } from '../../../lib/french-format.js'
import { addDays, toZoned, weekdayOf, type LocalDate } from '../../../lib/zoned-time.js'
import type { Booking } from '../../../modules/bookings/index.js'
import { partyText } from './booking-views.js'

export type CalendarMode = 'day' | 'week'

/** The Monday of the week `day` falls in (weeks run Monday to Sunday, as in France). */
export const mondayOf = (day: LocalDate): LocalDate => addDays(day, 1 - weekdayOf(day))

/** Jour / Semaine, both on the same day, so switching back and forth stays on the week one was looking at. */
export function calendarSwitch(base: string, mode: CalendarMode, day: LocalDate): string {
  const current = (to: CalendarMode) => (to === mode ? ' aria-current="page"' : '')
  return html`<nav class="calendar-switch board-filters" aria-label="Affichage du calendrier">
    <ul>
      <li><a href="${base}?jour=${day}"!${current('day')}>Jour</a></li>
      <li><a href="${base}?vue=semaine&jour=${day}"!${current('week')}>Semaine</a></li>
    </ul>
  </nav>`
}

export interface WeekView {
  /** Any day of the week shown. */
  day: LocalDate
  today: LocalDate
  /** The week's bookings still on (confirmed, requests, past ones), by start. */
  list: readonly Booking[]
  /** The shop's resources in the order of the day view. */
  names: ReadonlyArray<{ id: string; name: string }>
  /** The shop's tables: a booking of one says how many people come. */
  tableIds: ReadonlySet<string>
  timeZone: string
  /** Whether the shop has set anything up: the empty state then says where to start. */
  isSetUp: boolean
}

/**
 * The week, Monday to Sunday, one block per day stacked down the page (no grid, which would scroll sideways
 * at 360 px, UX-30), each day's bookings grouped by person or resource and linking to the day.
 */
export function weekContent(base: string, setup: string, view: WeekView): string {
  const monday = mondayOf(view.day)
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i))
  const sunday = days[6]!
  const count = view.list.length
  const heading = `Semaine du ${frenchDate(monday)} au ${frenchDate(sunday)}`
  const thisWeek = mondayOf(view.today) === monday
  const byDay = new Map<LocalDate, Booking[]>(days.map((d) => [d, []]))
  for (const b of view.list) byDay.get(toZoned(new Date(b.startsAt), view.timeZone).date)?.push(b)
  return html`<nav class="day-nav" aria-label="Semaines">
      <a href="${base}?vue=semaine&jour=${addDays(monday, -7)}">← Semaine précédente</a>
      !${thisWeek ? '' : html`<a href="${base}?vue=semaine">Cette semaine</a>`}
      <a href="${base}?vue=semaine&jour=${addDays(monday, 7)}">Semaine suivante →</a>
    </nav>
    <h2>${heading}!${thisWeek ? ' (cette semaine)' : ''} — ${count === 0 ? 'aucun rendez-vous' : plural(count, 'rendez-vous', 'rendez-vous')}</h2>
    !${
      count === 0
        ? html`<div class="empty admin-empty">
          <p>Aucun rendez-vous cette semaine.</p>
          !${view.isSetUp ? '' : html`<p>Pour que vos clients réservent en ligne, ajoutez qui fait les prestations et rendez-les réservables : <a href="${setup}">Réglages des rendez-vous</a>.</p>`}
        </div>`
        : html`<ol class="week" role="list">!${days.map((d) => dayBlock(base, d, byDay.get(d) ?? [], view)).join('')}</ol>`
    }`
}

function dayBlock(base: string, day: LocalDate, bookings: readonly Booking[], view: WeekView): string {
  const groups = view.names
    .map((r) => ({ ...r, bookings: bookings.filter((b) => b.resourceId === r.id) }))
    .filter((g) => g.bookings.length > 0)
  const line = (b: Booking) => {
    const party = partyText(b, view.tableIds)
    return html`<li><a href="${base}?jour=${day}#rdv-${b.id}">!${b.status === 'requested' ? '<span class="badge badge-warn">Demande</span> ' : ''}<strong>${frenchTime(new Date(b.startsAt), view.timeZone)} – ${frenchTime(new Date(b.endsAt), view.timeZone)}</strong> · ${b.serviceName}!${party ? html` · ${party}` : ''} · ${b.contact.name}</a></li>`
  }
  return html`<li class="week-day">
    <h3><a href="${base}?jour=${day}">${frenchDate(day)}</a>!${day === view.today ? ' (aujourd’hui)' : ''}</h3>
    !${
      bookings.length === 0
        ? html`<p class="muted">Aucun rendez-vous.</p>`
        : groups
            .map(
              (g) =>
                html`<h4>${g.name}</h4><ul class="week-bookings" role="list">!${g.bookings.map(line).join('')}</ul>`,
            )
            .join('')
    }
  </li>`
}
