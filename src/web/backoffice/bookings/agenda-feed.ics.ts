import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AppDeps } from '../../../http/deps.js'
import { AppError } from '../../../lib/app-error.js'
import { agendaCalendar, shopOfAgendaToken } from '../../../modules/bookings/index.js'

type FeedRequest = { Params: { shopId: string }; Querystring: { jeton?: string } }

/** The address calendar apps subscribe to; the secret is the only credential, so it is the whole URL's worth. */
export const agendaFeedUrl = (publicUrl: string, shopId: string, token: string) =>
  `${publicUrl}/agenda/${shopId}.ics?jeton=${encodeURIComponent(token)}`

const feedNotFound = () =>
  new AppError('not_found', 'bookings.agenda_feed_not_found', 'unknown or revoked agenda link')

/**
 * GET /agenda/:shopId.ics?jeton=… (issue #5): the shop's bookings as an iCalendar feed for the staff's calendar
 * apps, which cannot sign in: the link's secret stands for the session. An unknown or revoked secret, or one
 * made for another shop, answers 404 like a shop that does not exist. Outside /admin, whose guard would send a
 * calendar app to the login form.
 */
export function registerAgendaFeed(app: FastifyInstance, deps: AppDeps): void {
  // Counted per address and shop: Google Calendar fetches every subscribed feed from a few shared addresses, so
  // a limit per address alone would turn away one town's shops for another's.
  const rateLimit = {
    max: 60,
    timeWindow: '1 minute',
    keyGenerator: (req: FastifyRequest) => `${req.ip} ${(req.params as FeedRequest['Params']).shopId}`,
  }
  app.get<FeedRequest>('/agenda/:shopId.ics', { config: { rateLimit } }, async (req, reply) => {
    const token = typeof req.query.jeton === 'string' ? req.query.jeton : ''
    const shopId = await shopOfAgendaToken(deps.db, token)
    if (!shopId || shopId !== req.params.shopId) throw feedNotFound()
    const calendar = await agendaCalendar({ db: deps.db, clock: deps.clock }, shopId)
    return (
      reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="rendez-vous.ics"')
        // Clients' names and phone numbers: no shared cache keeps them, no search engine lists them.
        .header('cache-control', 'private, no-store')
        .header('x-robots-tag', 'noindex')
        .send(calendar)
    )
  })
}
