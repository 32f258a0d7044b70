import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import { requireStaffOf } from '../../../http/auth.js'
import type { AppDeps } from '../../../http/deps.js'
import { httpStatusOf } from '../../../http/problem-details.js'
import { AppError } from '../../../lib/app-error.js'
import { frenchLongDay, frenchTime } from '../../../lib/french-format.js'
import {
  addDays,
  fromZoned,
  isValidLocalDate,
  parseTimeOfDay,
  toZoned,
  type LocalDate,
} from '../../../lib/zoned-time.js'
import {
  bookAppointment,
  cancelBookingByShop,
  confirmRequest,
  declineRequest,
  getBooking,
  listBookableServices,
  listResources,
  listShopBookings,
  markAttendance,
  moveBooking,
  NO_SHOW_WINDOW_DAYS,
  noShowCounts,
  type BookableService,
  type Booking,
} from '../../../modules/bookings/index.js'
import { getShop, type Membership, type Shop } from '../../../modules/shops/index.js'
import { bodyOf, contactInputOf, fieldErrors, fieldProblemsOf, text, wholeNumber } from '../../forms.js'
import { fieldMessage, t } from '../../i18n/index.js'
import { csrfInput, formAlert, price, type FormErrors } from '../../views/components.js'
import { sendHtml } from '../../views/send-html.js'
import { noticeOf, shopPage, withNotice } from '../admin-shell.js'
import {
  blankPhoneBooking,
  moveForm,
  phoneBookingForm,
  requestForms,
  type PhoneBookingValues,
} from './booking-change-forms.js'
import { partyText, setupPath } from './booking-views.js'
import {
  calendarSwitch,
  mondayOf,
  weekContent,
  type CalendarMode,
  type WeekView,
} from './booking-week-view.js'

type Params = { Params: { shopId: string }; Querystring: { jour?: string; vue?: string } }

/**
 * /admin/:shopId/rendez-vous (issue #5): a day of the shop's bookings, by person or resource, usable on a
 * phone: time, service, client and how to reach them, and a cancel button (the client is told by email).
 * With ?vue=semaine, the week (Monday to Sunday) that holds the day, each booking linking to its day.
 */
export function registerBookingsPage(admin: FastifyInstance, deps: AppDeps): void {
  /** The day (or week) view; a form that came back with a problem shows it, with what was typed. */
  async function show(
    req: FastifyRequest,
    reply: FastifyReply,
    membership: Membership,
    asked: string | undefined,
    problem?: { alert: string; add?: PhoneBookingValues; errors?: FormErrors },
  ) {
    const shop = await getShop(deps.db, membership.shopId)
    const today = toZoned(deps.clock.now(), shop.timeZone).date
    const day = asked && isValidLocalDate(asked) ? asked : today
    const mode: CalendarMode = (req.query as { vue?: unknown }).vue === 'semaine' && !problem ? 'week' : 'day'
    const first = mode === 'week' ? mondayOf(day) : day
    const period = {
      from: fromZoned(first, 0, shop.timeZone).toISOString(),
      to: fromZoned(addDays(first, mode === 'week' ? 7 : 1), 0, shop.timeZone).toISOString(),
    }
    const now = deps.clock.now()
    const [list, resources, services] = await Promise.all([
      listShopBookings(deps.db, shop.id, period),
      listResources(deps.db, shop.id),
      listBookableServices(deps.db, shop.id),
    ])
    const names = resources.map((r) => ({ id: r.id, name: r.name }))
    const tableIds = new Set(resources.filter((r) => r.seats).map((r) => r.id))
    if (mode === 'week')
      return sendHtml(
        reply,
        weekPage(req, membership, shop, {
          day,
          today,
          list,
          names,
          tableIds,
          timeZone: shop.timeZone,
          isSetUp: resources.length > 0,
        }),
      )
    const noShows = await noShowCounts(deps.db, shop.id, list, now)
    return sendHtml(
      reply,
      calendarPage(req, reply, membership, shop, {
        day,
        today,
        now,
        list,
        names,
        tableIds,
        noShows,
        services,
        add: problem?.add ?? blankPhoneBooking(day),
        errors: problem?.errors ?? {},
        alert: problem?.alert,
      }),
    )
  }

  admin.get<Params>('/admin/:shopId/rendez-vous', async (req, reply) =>
    show(req, reply, requireStaffOf(req, req.params.shopId), req.query.jour),
  )

  /** The instant of a date and time typed on the shop's clock; '' when unreadable (the module says "not offered"). */
  const instantOf = (date: string, time: string, timeZone: string) => {
    const minute = parseTimeOfDay(time)
    return isValidLocalDate(date) && minute !== undefined && minute < 1440
      ? fromZoned(date, minute, timeZone).toISOString()
      : ''
  }
  const dayOf = async (shopId: Membership['shopId'], iso: string) =>
    toZoned(new Date(iso), (await getShop(deps.db, shopId)).timeZone).date
  const refusals = ['invalid', 'conflict', 'not_found']

  admin.post<Params>(
    '/admin/:shopId/rendez-vous/ajouter',
    { preHandler: admin.csrfProtection },
    async (req, reply) => {
      const membership = requireStaffOf(req, req.params.shopId)
      const body = bodyOf(req.body)
      const values: PhoneBookingValues = {
        variantId: text(body, 'variantId', 40),
        resourceId: text(body, 'resourceId', 40),
        date: text(body, 'date', 20),
        time: text(body, 'time', 10),
        name: text(body, 'name', 200),
        phone: text(body, 'phone', 40),
        email: text(body, 'email', 300),
        partySize: text(body, 'partySize', 10).trim(),
      }
      const shop = await getShop(deps.db, membership.shopId)
      // The number of people counts only for a service booked by party; there, no table chosen means the smallest that fits.
      const party = (await listBookableServices(deps.db, shop.id)).find(
        (s) => s.variantId === values.variantId,
      )?.party
      try {
        const needsResource = !values.resourceId && !party
        if (!values.variantId || needsResource)
          throw new AppError('invalid', 'bookings.invalid_booking', 'choose a service and a person', {
            errors: [
              ...(values.variantId ? [] : [{ field: 'variantId', code: 'required' }]),
              ...(needsResource ? [{ field: 'resourceId', code: 'required' }] : []),
            ],
          })
        const { booking } = await bookAppointment(
          deps.modules.bookings,
          membership.shopId,
          {
            variantId: values.variantId,
            startsAt: instantOf(values.date, values.time, shop.timeZone),
            resourceId: values.resourceId || undefined,
            contact: { name: values.name, email: values.email, phone: values.phone },
            userId: undefined,
            partySize: party ? (wholeNumber(values.partySize) ?? Number.NaN) : undefined,
          },
          { byShop: true },
        )
        return reply.redirect(
          `${withNotice(`/admin/${membership.shopId}/rendez-vous`, 'rendez-vous-ajoute')}&jour=${await dayOf(membership.shopId, booking.startsAt)}#rdv-${booking.id}`,
          303,
        )
      } catch (error) {
        if (!(error instanceof AppError) || !refusals.includes(error.kind)) throw error
        const errors = fieldErrors(fieldProblemsOf(error), { inputOf: contactInputOf })
        if (errors.email && !values.email && !values.phone)
          errors.phone = 'Indiquez un téléphone ou un e-mail.'
        if (error.code === 'bookings.time_taken' || error.code === 'bookings.time_not_offered')
          errors.time = t(error.code)
        if (error.code === 'bookings.resource_not_found') errors.resourceId = t(error.code)
        if (error.code === 'bookings.invalid_party_size')
          errors.partySize =
            values.partySize === ''
              ? fieldMessage('required')
              : `De 1 à ${String(error.details.max)} personnes pour cette prestation.`
        return show(req, reply.code(httpStatusOf(error)), membership, values.date, {
          alert:
            error.code === 'bookings.invalid_party_size' ? 'Vérifiez le nombre de personnes.' : t(error.code),
          add: values,
          errors,
        })
      }
    },
  )

  admin.post<{ Params: { shopId: string; bookingId: string } }>(
    '/admin/:shopId/rendez-vous/:bookingId/presence',
    { preHandler: admin.csrfProtection },
    async (req, reply) => {
      const membership = requireStaffOf(req, req.params.shopId)
      const outcome = text(bodyOf(req.body), 'outcome', 20) === 'no_show' ? 'no_show' : 'attended'
      const booking = await markAttendance(
        deps.modules.bookings,
        membership.shopId,
        req.params.bookingId,
        outcome,
      )
      return reply.redirect(
        `${withNotice(`/admin/${membership.shopId}/rendez-vous`, outcome === 'no_show' ? 'rendez-vous-absent' : 'rendez-vous-venu')}&jour=${await dayOf(membership.shopId, booking.startsAt)}#rdv-${booking.id}`,
        303,
      )
    },
  )

  admin.post<{ Params: { shopId: string; bookingId: string } }>(
    '/admin/:shopId/rendez-vous/:bookingId/deplacer',
    { preHandler: admin.csrfProtection },
    async (req, reply) => {
      const membership = requireStaffOf(req, req.params.shopId)
      const body = bodyOf(req.body)
      const shop = await getShop(deps.db, membership.shopId)
      const date = text(body, 'date', 20)
      try {
        const booking = await moveBooking(deps.modules.bookings, membership.shopId, req.params.bookingId, {
          startsAt: instantOf(date, text(body, 'time', 10), shop.timeZone),
          resourceId: text(body, 'resourceId', 40),
        })
        return reply.redirect(
          `${withNotice(`/admin/${membership.shopId}/rendez-vous`, 'rendez-vous-deplace')}&jour=${await dayOf(membership.shopId, booking.startsAt)}#rdv-${booking.id}`,
          303,
        )
      } catch (error) {
        // Said above the day: a time that does not fit, a person who does not perform the service, a booking not
        // found (another shop's reads the same as an unknown one).
        if (!(error instanceof AppError) || !refusals.includes(error.kind)) throw error
        return show(req, reply.code(httpStatusOf(error)), membership, date, {
          alert: `Rendez-vous non déplacé : ${t(error.code)}`,
        })
      }
    },
  )

  admin.post<{ Params: { shopId: string; bookingId: string } }>(
    '/admin/:shopId/rendez-vous/:bookingId/annuler',
    { preHandler: admin.csrfProtection },
    async (req, reply) => {
      const membership = requireStaffOf(req, req.params.shopId)
      // Another shop's booking is not found, like an unknown one (the module names this shop).
      const booking = await cancelBookingByShop(
        deps.modules.bookings,
        membership.shopId,
        req.params.bookingId,
      )
      const shop = await getShop(deps.db, membership.shopId)
      return reply.redirect(
        `${withNotice(`/admin/${membership.shopId}/rendez-vous`, 'rendez-vous-annule')}&jour=${toZoned(new Date(booking.startsAt), shop.timeZone).date}`,
        303,
      )
    },
  )

  // A large party's request: any staff member answers it, as any cancels a booking. Another shop's booking is not
  // found (404); one no longer waiting (answered, cancelled, or its time passed) is said above its day (409).
  for (const answer of ['confirmer', 'refuser'] as const) {
    admin.post<{ Params: { shopId: string; bookingId: string } }>(
      `/admin/:shopId/rendez-vous/:bookingId/${answer}`,
      { preHandler: admin.csrfProtection },
      async (req, reply) => {
        const membership = requireStaffOf(req, req.params.shopId)
        const base = `/admin/${membership.shopId}/rendez-vous`
        try {
          if (answer === 'confirmer') {
            const booking = await confirmRequest(
              deps.modules.bookings,
              membership.shopId,
              req.params.bookingId,
            )
            return reply.redirect(
              `${withNotice(base, 'demande-confirmee')}&jour=${await dayOf(membership.shopId, booking.startsAt)}#rdv-${booking.id}`,
              303,
            )
          }
          const booking = await declineRequest(deps.modules.bookings, membership.shopId, req.params.bookingId)
          return reply.redirect(
            `${withNotice(base, 'demande-refusee')}&jour=${await dayOf(membership.shopId, booking.startsAt)}`,
            303,
          )
        } catch (error) {
          if (!(error instanceof AppError) || error.kind !== 'conflict') throw error
          // Thrown only once the booking was found among this shop's: its day is the one to show again.
          const booking = await getBooking(deps.db, req.params.bookingId)
          const refused = answer === 'confirmer' ? 'Demande non confirmée' : 'Demande non refusée'
          return show(
            req,
            reply.code(httpStatusOf(error)),
            membership,
            await dayOf(membership.shopId, booking.startsAt),
            { alert: `${refused} : ${t(error.code)}` },
          )
        }
      },
    )
  }
}

interface CalendarView {
  day: LocalDate
  today: LocalDate
  now: Date
  list: Booking[]
  /** Each booking's client's no-shows at this shop in the last year. */
  noShows: ReadonlyMap<string, number>
  names: Array<{ id: string; name: string }>
  /** The shop's tables: a booking of one says how many people come. */
  tableIds: ReadonlySet<string>
  services: BookableService[]
  add: PhoneBookingValues
  errors: FormErrors
  alert: string | undefined
}

function calendarPage(
  req: FastifyRequest,
  reply: FastifyReply,
  membership: Membership,
  shop: Shop,
  view: CalendarView,
): string {
  const base = `/admin/${shop.id}/rendez-vous`
  const csrf = csrfInput(reply.generateCsrf())
  const label = frenchLongDay(new Date(`${view.day}T12:00:00Z`), shop.timeZone)
  const partyOf = (b: Booking) => {
    const party = partyText(b, view.tableIds)
    return party ? html` · ${party}` : ''
  }
  const byResource = view.names
    .map((r) => ({ ...r, bookings: view.list.filter((b) => b.resourceId === r.id) }))
    .filter((r) => r.bookings.length > 0)
  const row = (b: Booking) => html`<li class="booking-row" id="rdv-${b.id}">
    <p>!${b.status === 'requested' ? '<span class="badge badge-warn">Demande</span> ' : ''}<strong>${frenchTime(new Date(b.startsAt), shop.timeZone)} – ${frenchTime(new Date(b.endsAt), shop.timeZone)}</strong> · ${b.serviceName}!${partyOf(b)} · ${price(b.priceCents)}</p>
    <p>${b.contact.name}!${b.contact.email ? html` · <a href="mailto:${b.contact.email}">${b.contact.email}</a>` : ''}!${b.contact.phone ? html` · <a href="tel:${b.contact.phone.replace(/\s/g, '')}">${b.contact.phone}</a>` : ''}</p>
    !${noShowLine(view.noShows.get(b.id) ?? 0)}
    !${
      b.status === 'requested'
        ? requestForms(base, csrf, b, view.now)
        : b.startsAt <= view.now.toISOString()
          ? attendanceForm(`${base}/${b.id}/presence`, csrf, b)
          : html`!${moveForm(`${base}/${b.id}/deplacer`, csrf, b, view.names, shop.timeZone)}
        <details class="confirm">
          <summary>Annuler…</summary>
          <form method="post" action="${base}/${b.id}/annuler" class="inline-form">
            !${csrf}
            <button type="submit" class="button small danger">Confirmer l’annulation</button>
          </form>
        </details>`
    }
  </li>`
  const content = html`!${noticeOf(req)}
    <h1>Rendez-vous</h1>
    !${calendarSwitch(base, 'day', view.day)}
    !${setupLinks(membership, shop)}
    !${formAlert(view.alert)}
    !${view.services.length > 0 && view.names.length > 0 ? phoneBookingForm(`${base}/ajouter`, csrf, view.services, view.names, view.add, view.errors) : ''}
    <nav class="day-nav" aria-label="Jours">
      <a href="${base}?jour=${addDays(view.day, -1)}">← Veille</a>
      !${view.day !== view.today ? html`<a href="${base}">Aujourd’hui</a>` : ''}
      <a href="${base}?jour=${addDays(view.day, 1)}">Lendemain →</a>
    </nav>
    <h2>${label}!${view.day === view.today ? ' (aujourd’hui)' : ''} — ${view.list.length === 0 ? 'aucun rendez-vous' : view.list.length === 1 ? '1 rendez-vous' : `${view.list.length} rendez-vous`}</h2>
    !${byResource
      .map(
        (r) =>
          html`<section aria-labelledby="r-${r.id}"><h3 id="r-${r.id}">${r.name}</h3><ul class="booking-list" role="list">!${r.bookings.map(row).join('')}</ul></section>`,
      )
      .join('')}
    <p class="hint">Annuler prévient le client par e-mail ; son créneau redevient libre aussitôt.!${view.list.some((b) => b.status === 'requested') ? ' Une demande garde sa table jusqu’à votre réponse ; la refuser la libère et prévient le client.' : ''}</p>`
  return shopPage(req, membership, 'Rendez-vous', 'bookings', content)
}

/** The client's missed bookings here in the last year, when there are some (UX-18). */
function noShowLine(count: number): string {
  return count > 0
    ? html`<p class="warn">${count === 1 ? '1 absence' : `${count} absences`} sur ${NO_SHOW_WINDOW_DAYS / 365 === 1 ? '12 mois' : `${NO_SHOW_WINDOW_DAYS} jours`} chez vous</p>`
    : ''
}

/** After the start: did the client come? Marked (and correctable) in one tap. */
function attendanceForm(action: string, csrf: string, b: Booking): string {
  const state = b.status === 'attended' ? 'Venu' : b.status === 'no_show' ? 'Absent' : undefined
  return html`<form method="post" action="${action}" class="inline-form">
    !${csrf}
    !${state ? html`<span class="badge badge-${b.status === 'no_show' ? 'muted' : 'ok'}">${state}</span> ` : ''}
    !${b.status !== 'attended' ? html`<button type="submit" name="outcome" value="attended" class="button small">Venu</button>` : ''}
    !${b.status !== 'no_show' ? html`<button type="submit" name="outcome" value="no_show" class="button small danger">Absent</button>` : ''}
  </form>`
}

/** The settings, and for the owner the agenda feed (its link shows clients' contacts, so the owner hands it out). */
function setupLinks(membership: Membership, shop: Shop): string {
  return html`<p><a href="${setupPath(shop.id)}">Réglages des rendez-vous</a>!${membership.role === 'owner' ? html` · <a href="/admin/${shop.id}/rendez-vous/agenda">S’abonner à l’agenda</a>` : ''}</p>`
}

function weekPage(req: FastifyRequest, membership: Membership, shop: Shop, view: WeekView): string {
  const base = `/admin/${shop.id}/rendez-vous`
  const content = html`!${noticeOf(req)}
    <h1>Rendez-vous</h1>
    !${calendarSwitch(base, 'week', view.day)}
    !${setupLinks(membership, shop)}
    !${weekContent(base, setupPath(shop.id), view)}`
  return shopPage(req, membership, 'Rendez-vous de la semaine', 'bookings', content)
}
