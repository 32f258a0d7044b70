import type { FastifyInstance } from 'fastify'
import { html } from 'ghtml'
import { requireStaffOf } from '../../../http/auth.js'
import type { AppDeps } from '../../../http/deps.js'
import { summarizeShopCatalog } from '../../../modules/catalog/index.js'
import { listAuditOfShop } from '../../../modules/identity/index.js'
import { formatTimeOfDay, toZoned } from '../../../lib/zoned-time.js'
import { getOpeningSchedule, getShop, type OpeningStatus } from '../../../modules/shops/index.js'
import { WEEKDAYS_FR } from '../../i18n/index.js'
import { sendHtml } from '../../views/send-html.js'
import { noticeOf, shopPage } from '../admin-shell.js'
import { auditList } from './audit-text.js'

const RECENT_CHANGES = 15

/** /admin/:shopId: is the shop open, what needs attention in the catalogue, what changed lately. */
export function registerOverviewPage(admin: FastifyInstance, deps: AppDeps): void {
  admin.get<{ Params: { shopId: string } }>('/admin/:shopId', async (req, reply) => {
    const membership = requireStaffOf(req, req.params.shopId)
    const now = deps.clock.now()
    const shop = await getShop(deps.db, membership.shopId)
    const [schedule, summary, audit] = await Promise.all([
      getOpeningSchedule(deps.db, shop, now),
      summarizeShopCatalog(deps.db, shop.id, now, shop.stockFreshnessHours),
      listAuditOfShop(deps.db, shop.id, RECENT_CHANGES),
    ])
    const base = `/admin/${shop.id}`
    const stat = (value: number, label: string, warn = false) =>
      html`<li class="stat!${warn && value > 0 ? ' stat-warn' : ''}"><span class="stat-value">${value}</span> <span class="stat-label">${label}</span></li>`
    const content = html`!${noticeOf(req)}
      <h1>${shop.name}</h1>
      <p class="opening opening-${schedule.status.state}">${openingText(schedule.status, now, shop.timeZone)}</p>
      <section aria-labelledby="catalogue">
        <h2 id="catalogue">Catalogue</h2>
        <ul class="stats">
          !${stat(summary.products, summary.products > 1 ? 'produits' : 'produit')}
          !${stat(summary.hidden, summary.hidden > 1 ? 'masqués' : 'masqué')}
          !${stat(summary.outOfStock, summary.outOfStock > 1 ? 'épuisés' : 'épuisé', true)}
          !${stat(summary.unconfirmed, `stock à confirmer (plus de ${shop.stockFreshnessHours} h)`, true)}
        </ul>
        !${
          summary.unconfirmed > 0
            ? html`<p>Les clients voient « Disponibilité à confirmer » pour ces produits : ouvrez-les, comptez, et cochez « J’ai compté : confirmer ce stock ».</p>`
            : ''
        }
        <p class="actions">
          <a class="button primary" href="${base}/produits/nouveau">Ajouter un produit</a>
          <a class="button" href="${base}/produits">Voir les produits</a>
          !${membership.role === 'owner' ? html`<a class="button" href="${base}/horaires">Horaires et fermetures</a>` : ''}
        </p>
      </section>
      <section aria-labelledby="journal">
        <h2 id="journal">Dernières modifications</h2>
        !${auditList(shop.id, audit, now)}
      </section>`
    return sendHtml(reply, shopPage(req, membership, 'Vue d’ensemble', 'overview', content))
  })
}

/** "Ouvert · ferme à 19:00" / "Fermé · ouvre mardi à 08:00": staff read the clock as they set their hours. */
function openingText(status: OpeningStatus, now: Date, timeZone: string): string {
  const at = (d: Date) => {
    const zoned = toZoned(d, timeZone)
    const today = toZoned(now, timeZone)
    const day = zoned.date === today.date ? 'aujourd’hui' : WEEKDAYS_FR[zoned.weekday - 1]
    return `${day} à ${formatTimeOfDay(zoned.minuteOfDay)}`
  }
  if (status.state === 'open') return `Ouvert · ferme ${at(status.closesAt).replace('aujourd’hui ', '')}`
  const reason = status.closure
    ? ` (fermeture exceptionnelle${status.closure.reason ? ` : ${status.closure.reason}` : ''})`
    : ''
  return status.nextOpensAt
    ? `Fermé${reason} · ouvre ${at(status.nextOpensAt)}`
    : `Fermé${reason} · aucun horaire à venir`
}
